// The triage result: what a finished flow hands to routing, staff and the outcome event.

import type { AnswerValue, Locale } from './contract';
import type { ResultFlag, Urgency } from './questionSet';
import { chosenValues, guardHolds } from './conditions';
import { computeSegment, GUIDANCE_BY_SEGMENT, type GuidanceLevel, type Segment } from './segmentation';
import { answersOnPath } from './successors';
import type { TriageSubject } from './subject';
import type { OutcomeKind, TriageContext } from './triageContext';
import { TOPIC_SETS } from './topics';
import { isTopicId, type TopicId } from './topicIds';
import { computeUrgency } from './urgency';

/** Output of the triage machine's final states. */
export interface TriageResult {
  outcome: OutcomeKind;
  locale: Locale;
  topic?: TopicId;
  subject?: TriageSubject;
  /** Absent when nothing was assessed: declined, advice only, or left before the end. */
  urgency?: Urgency;
  segment?: Segment;
  guidanceLevel?: GuidanceLevel;
  /** Answers on the client's path; empty when the client declined the privacy notice. */
  answers: Record<string, AnswerValue>;
  flags: ResultFlag[];
  emergencySign?: string;
}

function topicOf(answers: Record<string, AnswerValue>): TopicId | undefined {
  const [value] = chosenValues('entry.topic', answers['entry.topic']);
  return value !== undefined && isTopicId(value) ? value : undefined;
}

function subjectFlags(subject: TriageSubject | undefined): ResultFlag[] {
  if (!subject) return [];
  if (subject.kind === 'child' && subject.ageBand === '12to17') return ['teen_confidentiality'];
  if (subject.kind === 'adult' && subject.consent === 'unaware') return ['adult_no_consent'];
  if (subject.kind === 'adult' && subject.consent === 'cannot') return ['adult_cannot_consent'];
  return [];
}

/** Builds the result from the machine's context (pure; also usable on a restored snapshot). */
export function buildResult(context: TriageContext): TriageResult {
  const outcome: OutcomeKind = context.outcome ?? 'ended';
  if (outcome === 'declined') {
    return { outcome, locale: context.locale, answers: {}, flags: ['consent_declined'] };
  }
  const answers = answersOnPath(context.answers, context.skipped);
  const subject = context.subject;
  const topic = topicOf(answers);
  const result: TriageResult = { outcome, locale: context.locale, answers, flags: subjectFlags(subject) };
  if (subject) result.subject = subject;
  if (topic) result.topic = topic;
  if (outcome === 'emergency') {
    result.urgency = 'emergency';
    if (context.emergencySign) result.emergencySign = context.emergencySign;
    return result;
  }
  if (!topic) return result;
  const set = TOPIC_SETS[topic];
  for (const { when, flag } of set.flags ?? []) {
    if (guardHolds(set, when, { answers, subject }) && !result.flags.includes(flag)) result.flags.push(flag);
  }
  if (outcome !== 'completed' || result.flags.includes('adult_no_consent')) return result;
  result.urgency = computeUrgency(set, answers, subject);
  const segment = set.segmentation ? computeSegment(set, answers, subject) : undefined;
  if (segment !== undefined) {
    result.segment = segment;
    result.guidanceLevel = GUIDANCE_BY_SEGMENT[segment];
  }
  return result;
}
