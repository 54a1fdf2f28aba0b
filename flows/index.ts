// Public API of the flows: the triage flow, its result and the helpers the dialog needs.

import { triageMachine } from './triageMachine';

/** The triage flow as the dialog hosts it; bump `version` when persisted snapshots stop fitting. */
export const triageFlow = { id: 'triage', version: '2026.12.1', machine: triageMachine } as const;

export { triageMachine, SUMMARY_PROMPT } from './triageMachine';
export { SUMMARY_CONFIRM } from './triageSetup';
export { buildResult, type TriageResult } from './result';
export type { TriageContext, OutcomeKind } from './triageContext';
export { initialContext } from './triageContext';
export { summaryItems, type SummaryItem } from './summary';
export { detectEmergencySign, detectNegatedEmergencySign, EMERGENCY_SIGNS, type EmergencySign } from './emergencySigns';
export { TOPIC_IDS, type TopicId } from './topicIds';
export type { Urgency, ResultFlag } from './questionSet';
export { URGENCIES } from './questionSet';
export type { Segment, GuidanceLevel } from './segmentation';
export type { TriageSubject, AgeBand, AdultConsent, Relationship } from './subject';
export { promptFor } from './questionStates';
export { ALL_SETS } from './sets';
