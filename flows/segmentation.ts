// Preliminary segmentation (source model: four client segments on two axes,
// coping in daily life x health and wellbeing risks / service need) and the
// service-guidance level each segment suggests (advice and guidance, client
// guidance, intensive case management).

import { guardHolds } from './conditions';
import type { Answers, QuestionSetDef } from './questionSet';
import type { TriageSubject } from './subject';

/** 1 Omatoimi, 2 Tuki, 3 Yhteistyö, 4 Huolenpito. */
export type Segment = 1 | 2 | 3 | 4;

/** Service-guidance level: neuvonta ja ohjaus, asiakasohjaus, intensiivinen palveluohjaus. */
export type GuidanceLevel = 'advice' | 'client_guidance' | 'intensive';

/** The segmentation questions, asked after the topics that need them. */
export const segmentSet: QuestionSetDef = {
  id: 'segment',
  ns: 'segment',
  exit: '#triage.summary',
  guards: {},
  questions: [
    { id: 'coping', kind: 'choice', options: ['easy', 'temporarilyDifficult', 'difficult'] },
    { id: 'needs', kind: 'choice', options: ['few', 'many'] },
    { id: 'duration', kind: 'choice', options: ['occasional', 'temporary', 'continuous'] },
  ],
};

type Coping = 'easy' | 'temporarilyDifficult' | 'difficult';
type Needs = 'few' | 'many';
type Duration = 'occasional' | 'temporary' | 'continuous';

/**
 * Segment table (rows: coping; columns: risks / service need):
 *
 * | coping                | few                             | many                            |
 * |-----------------------|---------------------------------|---------------------------------|
 * | easy                  | 1 Omatoimi                      | 3 Yhteistyö                     |
 * | temporarily difficult | 2 Tuki                          | 2 Tuki, 4 if need is continuous |
 * | difficult             | 2 Tuki, 4 if need is continuous | 4 Huolenpito                    |
 */
export function segmentFor(coping: Coping, needs: Needs, duration: Duration): Segment {
  if (coping === 'easy') return needs === 'few' ? 1 : 3;
  if (coping === 'difficult' && needs === 'many') return 4;
  return duration === 'continuous' ? 4 : 2;
}

/** Guidance level each segment suggests. */
export const GUIDANCE_BY_SEGMENT: Readonly<Record<Segment, GuidanceLevel>> = {
  1: 'advice',
  2: 'client_guidance',
  3: 'client_guidance',
  4: 'intensive',
};

function value<T extends string>(answers: Answers, local: string, allowed: readonly T[]): T | undefined {
  const stored = answers[`segment.${local}`];
  if (typeof stored !== 'string') return undefined;
  const v = stored.slice(local.length + 1);
  return (allowed as readonly string[]).includes(v) ? (v as T) : undefined;
}

/**
 * Segment from the segmentation answers; a topic's risk guards (e.g. living alone and
 * needing daily help) count as many risks even when the client answered "few".
 */
export function computeSegment(topicSet: QuestionSetDef, answers: Answers, subject: TriageSubject | undefined): Segment | undefined {
  const coping = value(answers, 'coping', ['easy', 'temporarilyDifficult', 'difficult'] as const);
  const needsAnswer = value(answers, 'needs', ['few', 'many'] as const);
  if (!coping || !needsAnswer) return undefined;
  const duration = value(answers, 'duration', ['occasional', 'temporary', 'continuous'] as const) ?? 'occasional';
  const topicRisk = (topicSet.segmentRisks ?? []).some((name) => guardHolds(topicSet, name, { answers, subject }));
  return segmentFor(coping, topicRisk ? 'many' : needsAnswer, duration);
}
