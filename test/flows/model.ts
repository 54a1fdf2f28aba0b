// Shared pieces of the model-based tests: which context distinguishes states, and
// the event cases supplied for each prompt.

import type { FlowEvent } from '../../flows/contract';
import { questionsRead } from '../../flows/conditions';
import type { QuestionSetDef } from '../../flows/questionSet';
import { ALL_SETS } from '../../flows/sets';
import { successors } from '../../flows/successors';
import { promptOf, type TriageSnapshot } from './drive';

function branchGuardNames(set: QuestionSetDef): string[] {
  return set.questions.flatMap((q) => [
    ...(q.askIf ? [q.askIf] : []),
    ...(q.redFlag ? [q.redFlag.when] : []),
    ...(q.next ?? []).flatMap((b) => (b.when ? [b.when] : [])),
  ]);
}

/** Question ids read by guards that choose transitions (not urgency or flags). */
export const BRANCH_READS: ReadonlySet<string> = new Set([
  'entry.privacy',
  'entry.subject',
  'entry.childAge',
  'entry.adultConsent',
  'entry.topic',
  ...ALL_SETS.flatMap((set) => branchGuardNames(set).flatMap((name) => questionsRead(set.guards[name]!, set.id))),
]);

/** For each question: the answers its own branch and red-flag guards read. */
const QUESTION_READS: ReadonlyMap<string, ReadonlySet<string>> = new Map(
  ALL_SETS.flatMap((set) =>
    set.questions.map((q, index): [string, ReadonlySet<string>] => {
      const names = [...successors(set, index).flatMap((s) => (s.guard ? [s.guard] : [])), ...(q.redFlag ? [q.redFlag.when] : [])];
      return [`${set.id}.${q.id}`, new Set(names.flatMap((name) => questionsRead(set.guards[name]!, set.id)))];
    }),
  ),
);

const SUBJECT_IDS = ['entry.subject', 'entry.childAge', 'entry.adultConsent'];

/**
 * State identity for traversal: the state value plus only the context that can change
 * which transition an event takes there (branch-guard answers of the current set, the
 * subject, answered questions while correcting or at the summary, the history top).
 */
export function serializeForModel(snapshot: TriageSnapshot): string {
  const c = snapshot.context;
  if (snapshot.status === 'done') return JSON.stringify([snapshot.value, c.outcome ?? null]);
  const setId = typeof snapshot.value === 'string' ? snapshot.value : Object.keys(snapshot.value)[0]!;
  const topic = typeof c.answers['entry.topic'] === 'string' ? c.answers['entry.topic'].slice('topic.'.length) : '';
  const subject = SUBJECT_IDS.map((id) => c.answers[id] ?? null);
  const historyTop = c.history[c.history.length - 1] ?? null;
  if (setId === 'entry') return JSON.stringify([snapshot.value, subject, historyTop]);
  const inScope = (id: string) => id.startsWith(`${topic}.`) || id.startsWith('segment.');
  const leaf = typeof snapshot.value === 'string' ? '' : `${setId}.${String(Object.values(snapshot.value)[0])}`;
  const reads = c.correcting !== null ? BRANCH_READS : (QUESTION_READS.get(leaf) ?? new Set<string>());
  const relevant = Object.keys(c.answers)
    .filter((id) => reads.has(id))
    .sort()
    .map((id) => [id, c.answers[id]]);
  const answered = c.correcting !== null || setId === 'summary' ? Object.keys(c.answers).filter(inScope).sort() : [];
  return JSON.stringify([snapshot.value, topic, c.correcting, subject, relevant, answered, c.skipped.filter(inScope).sort(), historyTop]);
}

/** Event cases for the state the snapshot is in: every option and some invalid answers. */
export function eventsForModel(snapshot: TriageSnapshot): FlowEvent[] {
  if (snapshot.status === 'done') return [];
  const prompt = promptOf(snapshot);
  const events: FlowEvent[] = [
    { type: 'BACK' },
    { type: 'RESTART' },
    { type: 'HUMAN' },
    { type: 'END' },
    { type: 'SET_LOCALE', locale: 'sv' },
    { type: 'EMERGENCY_SIGN', sign: 'chest_pain' },
  ];
  // Typed poisoning words: one root transition, taken from the entry questions (taking it from
  // every state would only multiply identical poisoning states).
  const setId = typeof snapshot.value === 'string' ? snapshot.value : Object.keys(snapshot.value)[0];
  if (setId === 'entry') events.push({ type: 'EMERGENCY_SIGN', sign: 'poisoning' });
  if (!prompt) return events;
  const ids = (prompt.options ?? []).map((o) => o.id);
  switch (prompt.kind) {
    case 'choice':
      events.push(...ids.map((value): FlowEvent => ({ type: 'ANSWER', value })), { type: 'ANSWER', value: 'no.such.option' });
      break;
    case 'multiChoice':
      events.push(...ids.map((value): FlowEvent => ({ type: 'ANSWER', value: [value] })), { type: 'ANSWER', value: [] });
      break;
    case 'yesNo':
      events.push({ type: 'ANSWER', value: true }, { type: 'ANSWER', value: false }, { type: 'ANSWER', value: 'yes' });
      break;
    case 'number':
      events.push({ type: 'ANSWER', value: prompt.min ?? 0 }, { type: 'ANSWER', value: prompt.max ?? 100 }, { type: 'ANSWER', value: (prompt.max ?? 100) + 1 });
      break;
    case 'text':
      events.push({ type: 'ANSWER', value: 'Tarvitsen apua.' }, { type: 'ANSWER', value: 'x'.repeat((prompt.maxLength ?? 500) + 1) });
      break;
    case 'photo':
      events.push({ type: 'ANSWER', value: ['blob-1'] }, { type: 'ANSWER', value: ['a', 'b', 'c', 'd'] });
      break;
    case 'summary':
      events.push({ type: 'ANSWER', value: 'summary.confirm' }, { type: 'ANSWER', value: 'nope' });
      for (const questionId of [...Object.keys(snapshot.context.answers), ...snapshot.context.skipped]) {
        events.push({ type: 'CORRECT', questionId });
      }
      break;
  }
  if (prompt.optional) events.push({ type: 'SKIP' });
  return events;
}
