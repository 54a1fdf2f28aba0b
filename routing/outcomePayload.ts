// The value of the `triage.outcome` event activity: what websites and tests read
// instead of parsing the human-readable message.

import type { OutcomeKind, Segment, TopicId, TriageResult, TriageSubject, Urgency } from '../flows';
import type { Recommendation, RecommendationKind } from './route';

/** Value of the `triage.outcome` event. */
export interface TriageOutcomePayload {
  outcome: OutcomeKind;
  topic: TopicId | null;
  subject: TriageSubject | null;
  urgency: Urgency | null;
  segment: Segment | null;
  recommendations: Array<{ kind: RecommendationKind; id: string }>;
}

/** Builds the `triage.outcome` event value from a result and its recommendations. */
export function buildOutcomePayload(result: TriageResult, recommendations: readonly Recommendation[]): TriageOutcomePayload {
  return {
    outcome: result.outcome,
    topic: result.topic ?? null,
    subject: result.subject ? { ...result.subject } : null,
    urgency: result.urgency ?? null,
    segment: result.segment ?? null,
    recommendations: recommendations.map(({ kind, id }) => ({ kind, id })),
  };
}
