// Start-up check of the conditions in the catalog: a condition may only name questions and
// options that exist, in the kind of answer the question has, so that a recommendation can
// never depend on an answer nobody is asked.

import type { Condition, DerivedPredicate, QuestionDef } from '../flows/questionSet';
import { optionValue } from '../flows/questionSet';
import { lookupQuestion } from '../flows/sets';
import { ADULT_CONSENTS, AGE_BANDS } from '../flows/subject';

const DERIVED: readonly DerivedPredicate[] = ['auditCRisk', 'moodScreenPositive', 'adviceOnly'];
const SUBJECT_KINDS: readonly string[] = ['self', 'child', 'adult'];

/** Why a condition does not validate, or undefined when it does. */
export function conditionProblem(condition: Condition): string | undefined {
  if ('all' in condition) return firstProblem(condition.all);
  if ('any' in condition) return firstProblem(condition.any);
  if ('not' in condition) return conditionProblem(condition.not);
  if ('derived' in condition) return DERIVED.includes(condition.derived) ? undefined : `unknown derived score '${condition.derived}'`;
  if ('subject' in condition) return unknownIn(condition.subject, SUBJECT_KINDS, 'subject kind');
  if ('ageBand' in condition) return unknownIn(condition.ageBand, AGE_BANDS, 'age band');
  if ('consent' in condition) return unknownIn(condition.consent, ADULT_CONSENTS, 'consent');
  if (!condition.q.includes('.')) return `question '${condition.q}' must be a full id (<set>.<question>)`;
  const found = lookupQuestion(condition.q);
  if (!found) return `unknown question '${condition.q}'`;
  const question = found.question;
  if ('answered' in condition) return undefined;
  if ('yes' in condition) return kindProblem(condition.q, question, ['yesNo']);
  if ('atLeast' in condition || 'below' in condition) return kindProblem(condition.q, question, ['number']);
  const kind = kindProblem(condition.q, question, ['choice', 'multiChoice']);
  if (kind) return kind;
  const values = (question.options ?? []).map(optionValue);
  const named = 'is' in condition ? [condition.is] : condition.anyOf;
  const bad = named.find((v) => !values.includes(v));
  return bad === undefined ? undefined : `question '${condition.q}' has no option '${bad}'`;
}

function firstProblem(conditions: readonly Condition[]): string | undefined {
  if (conditions.length === 0) return 'an empty all/any';
  for (const c of conditions) {
    const problem = conditionProblem(c);
    if (problem) return problem;
  }
  return undefined;
}

function unknownIn(values: readonly string[], allowed: readonly string[], what: string): string | undefined {
  const bad = values.find((v) => !allowed.includes(v));
  return bad === undefined ? undefined : `unknown ${what} '${bad}'`;
}

function kindProblem(id: string, question: QuestionDef, kinds: readonly QuestionDef['kind'][]): string | undefined {
  return kinds.includes(question.kind) ? undefined : `question '${id}' is a ${question.kind} question`;
}
