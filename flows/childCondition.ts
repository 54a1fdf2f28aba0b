// The child's general condition, the usual first question of a nurse (DOMAIN.md, added
// 2026-12-02): plays and eats as usual / less active but alert / limp, drowsy or hard to wake.
// Limp or hard to wake is an emergency (112). Every health set asks it when the matter is a
// child's; the guards below are shared so each set's urgency table reads the same way.

import type { Condition, QuestionDef } from './questionSet';

/** Local id of the general-condition question in every set that asks it. */
export const CHILD_CONDITION_ID = 'childCondition';

/** The general-condition question, asked only when the matter is a child's. */
export function childConditionQuestion(askIf: string, next?: QuestionDef['next']): QuestionDef {
  return {
    id: CHILD_CONDITION_ID,
    kind: 'choice',
    options: ['asUsual', 'lessActive', { value: 'limp', redFlag: 'child_limp' }],
    askIf,
    ...(next && { next }),
  };
}

/** Guards of the general condition, for a set's `guards`. */
export const CHILD_CONDITION_GUARDS: Readonly<Record<string, Condition>> = {
  isChild: { subject: ['child'] },
  childLessActive: { q: CHILD_CONDITION_ID, is: 'lessActive' },
  // Under one year (the band holds the under-3-months infants) and less active: same day.
  infantLessActive: { all: [{ ageBand: ['under1'] }, { q: CHILD_CONDITION_ID, is: 'lessActive' }] },
};
