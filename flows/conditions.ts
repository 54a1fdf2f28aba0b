// Evaluates the conditions named in question sets. Pure: answers and subject in, boolean out.

import type { AnswerValue } from './contract';
import type { Answers, Condition, DerivedPredicate, QuestionSetDef } from './questionSet';
import { auditCRisk, moodScreenPositive } from './scoring';
import type { TriageSubject } from './subject';

/** What a condition is evaluated against. */
export interface ConditionEnv {
  setId: string;
  answers: Answers;
  subject: TriageSubject | undefined;
}

function fullId(setId: string, q: string): string {
  return q.includes('.') ? q : `${setId}.${q}`;
}

function localOf(fullQuestionId: string): string {
  return fullQuestionId.slice(fullQuestionId.indexOf('.') + 1);
}

/** Option values chosen for a question (choice or multiChoice), e.g. `['weeks']`. */
export function chosenValues(fullQuestionId: string, value: AnswerValue | undefined): string[] {
  const prefix = `${localOf(fullQuestionId)}.`;
  const ids = typeof value === 'string' ? [value] : Array.isArray(value) ? value : [];
  return ids.filter((id) => id.startsWith(prefix)).map((id) => id.slice(prefix.length));
}

const DERIVED: Record<DerivedPredicate, (env: ConditionEnv) => boolean> = {
  auditCRisk: (env) => auditCRisk(env.answers),
  moodScreenPositive: (env) => moodScreenPositive(env.answers),
  adviceOnly: (env) => env.subject?.kind === 'adult' && env.subject.consent === 'unaware',
};

/** True when the condition holds. */
export function holds(condition: Condition, env: ConditionEnv): boolean {
  if ('all' in condition) return condition.all.every((c) => holds(c, env));
  if ('any' in condition) return condition.any.some((c) => holds(c, env));
  if ('not' in condition) return !holds(condition.not, env);
  if ('derived' in condition) return DERIVED[condition.derived](env);
  if ('subject' in condition) return env.subject !== undefined && condition.subject.includes(env.subject.kind);
  if ('ageBand' in condition) return env.subject?.ageBand !== undefined && condition.ageBand.includes(env.subject.ageBand);
  if ('consent' in condition) return env.subject?.consent !== undefined && condition.consent.includes(env.subject.consent);
  const id = fullId(env.setId, condition.q);
  const value = env.answers[id];
  if ('answered' in condition) return (value !== undefined) === condition.answered;
  if ('yes' in condition) return typeof value === 'boolean' && value === condition.yes;
  if ('atLeast' in condition) return typeof value === 'number' && value >= condition.atLeast;
  if ('below' in condition) return typeof value === 'number' && value < condition.below;
  const chosen = chosenValues(id, value);
  if ('is' in condition) return chosen.includes(condition.is);
  return chosen.some((v) => condition.anyOf.includes(v));
}

/** Evaluates a named guard of a set; an unknown name is a programming error. */
export function guardHolds(set: QuestionSetDef, name: string, env: Omit<ConditionEnv, 'setId'>): boolean {
  const condition = set.guards[name];
  if (!condition) throw new Error(`Question set '${set.id}' has no guard '${name}'`);
  return holds(condition, { ...env, setId: set.id });
}

/** Full question ids a condition reads. */
export function questionsRead(condition: Condition, setId: string): string[] {
  if ('all' in condition) return condition.all.flatMap((c) => questionsRead(c, setId));
  if ('any' in condition) return condition.any.flatMap((c) => questionsRead(c, setId));
  if ('not' in condition) return questionsRead(condition.not, setId);
  if ('q' in condition) return [fullId(setId, condition.q)];
  return [];
}
