// Registry of every question set the triage machine hosts, and lookups by full question id.

import { entrySet } from './entry';
import type { QuestionDef, QuestionSetDef } from './questionSet';
import { POISONING_SET_ID, poisoningSet } from './poisoning';
import { segmentSet } from './segmentation';
import { TOPIC_SETS } from './topics';
import { TOPIC_IDS } from './topicIds';

/** All sets in flow order: entry, the nine topics, segmentation, the poisoning fast path. */
export const ALL_SETS: readonly QuestionSetDef[] = [entrySet, ...TOPIC_IDS.map((id) => TOPIC_SETS[id]), segmentSet, poisoningSet];

const SETS_BY_ID: ReadonlyMap<string, QuestionSetDef> = new Map(ALL_SETS.map((set) => [set.id, set]));

/** The set with this id, or undefined. */
export function findSet(id: string): QuestionSetDef | undefined {
  return SETS_BY_ID.get(id);
}

/** The set with this id; throws on an unknown id (a programming error). */
export function setById(id: string): QuestionSetDef {
  const set = SETS_BY_ID.get(id);
  if (!set) throw new Error(`Unknown question set '${id}'`);
  return set;
}

/** The set and question of a full question id (`skin.fever`), or undefined. */
export function lookupQuestion(fullId: string): { set: QuestionSetDef; question: QuestionDef; index: number } | undefined {
  const dot = fullId.indexOf('.');
  if (dot < 0) return undefined;
  const set = SETS_BY_ID.get(fullId.slice(0, dot));
  if (!set) return undefined;
  const local = fullId.slice(dot + 1);
  const index = set.questions.findIndex((q) => q.id === local);
  return index < 0 ? undefined : { set, question: set.questions[index]!, index };
}

/** Every full question id of every set. */
export function allQuestionIds(): string[] {
  return ALL_SETS.flatMap((set) => set.questions.map((q) => `${set.id}.${q.id}`));
}

/** Questions the client may correct from the summary: topic and segmentation questions. */
export function isCorrectable(fullId: string): boolean {
  const found = lookupQuestion(fullId);
  return found !== undefined && found.set.id !== 'entry' && found.set.id !== POISONING_SET_ID;
}

/** Questions BACK can return to: all but the poisoning question, which ends the flow when answered. */
export function isBackTarget(fullId: string): boolean {
  return !fullId.startsWith(`${POISONING_SET_ID}.`);
}
