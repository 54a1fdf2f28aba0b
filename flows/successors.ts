// Where each question leads. The builder turns these into guarded transitions, and
// walkPath() follows them over stored answers to find which answers are still on the
// client's path (after BACK or a correction, answers off the path are dropped).

import { guardHolds } from './conditions';
import type { AnswerValue } from './contract';
import { optionId, type Answers, type QuestionSetDef } from './questionSet';
import { findSet, lookupQuestion } from './sets';
import { subjectFromAnswers } from './subject';

/** Absolute state id prefix of the triage machine. */
export const ROOT = '#triage';

/** One possible next step from a question: taken when the named guard (if any) holds. */
export interface Successor {
  guard?: string;
  /** Absolute target, e.g. `#triage.skin.fever` or `#triage.summary`. */
  target: string;
}

function resolveTarget(set: QuestionSetDef, to: string, root: string): string {
  if (to.startsWith('#')) return to;
  if (to === 'end') return set.exit;
  if (!set.questions.some((q) => q.id === to)) throw new Error(`Set '${set.id}' branches to unknown question '${to}'`);
  return `${root}.${set.id}.${to}`;
}

/**
 * Ordered successors of the question at `index`; the last one has no guard. `root` is the
 * state id of the machine's question-set parent: `#triage` for the triage flow, a side
 * conversation's own machine for its set (flows/side/).
 */
export function successors(set: QuestionSetDef, index: number, root: string = ROOT): Successor[] {
  const question = set.questions[index];
  if (!question) throw new Error(`Set '${set.id}' has no question ${index}`);
  const result: Successor[] = [];
  for (const branch of question.next ?? []) {
    const target = resolveTarget(set, branch.to, root);
    if (branch.when === undefined) return [...result, { target }];
    result.push({ guard: branch.when, target });
  }
  for (let next = index + 1; next < set.questions.length; next++) {
    const candidate = set.questions[next]!;
    const target = `${root}.${set.id}.${candidate.id}`;
    if (candidate.askIf === undefined) return [...result, { target }];
    // The same guard failed for an earlier candidate on the same answers: it fails again.
    if (result.some((s) => s.guard === candidate.askIf)) continue;
    result.push({ guard: candidate.askIf, target });
  }
  return [...result, { target: set.exit }];
}

/** The emergency sign an answer raises, if any: an option's own flag or the question's red-flag guard. */
export function redFlagOf(fullId: string, answers: Answers): string | undefined {
  const found = lookupQuestion(fullId);
  if (!found) return undefined;
  const { set, question } = found;
  const value = answers[fullId];
  if (value === undefined) return undefined;
  const chosen = typeof value === 'string' ? [value] : Array.isArray(value) ? value : [];
  for (const option of question.options ?? []) {
    if (typeof option !== 'string' && option.redFlag && chosen.includes(optionId(question.id, option.value))) return option.redFlag;
  }
  if (question.redFlag && guardHolds(set, question.redFlag.when, { answers, subject: subjectFromAnswers(answers) })) {
    return question.redFlag.sign;
  }
  return undefined;
}

/** The successor that holds for these answers. */
export function nextTarget(fullId: string, answers: Answers): string {
  const found = lookupQuestion(fullId);
  if (!found) throw new Error(`Unknown question '${fullId}'`);
  const subject = subjectFromAnswers(answers);
  const chosen = successors(found.set, found.index).find((s) => s.guard === undefined || guardHolds(found.set, s.guard, { answers, subject }));
  return chosen!.target;
}

/** The first question a state target enters, or undefined for a non-question state. */
export function questionAtTarget(target: string): string | undefined {
  const path = target.slice(ROOT.length + 1);
  if (lookupQuestion(path)) return path;
  const set = findSet(path);
  return set ? `${set.id}.${set.questions[0]!.id}` : undefined;
}

/**
 * Question ids on the path the stored answers describe, from the first entry
 * question until an unanswered question or a non-question target.
 */
export function walkPath(answers: Answers, skipped: readonly string[]): string[] {
  const path: string[] = [];
  let current: string | undefined = 'entry.language';
  while (current !== undefined && !path.includes(current)) {
    const answered = answers[current] !== undefined || skipped.includes(current);
    if (!answered) break;
    path.push(current);
    if (redFlagOf(current, answers)) break;
    current = questionAtTarget(nextTarget(current, answers));
  }
  return path;
}

/** Only the answers on the current path. */
export function answersOnPath(answers: Answers, skipped: readonly string[]): Record<string, AnswerValue> {
  const kept: Record<string, AnswerValue> = {};
  for (const id of walkPath(answers, skipped)) {
    const value = answers[id];
    if (value !== undefined) kept[id] = value;
  }
  return kept;
}
