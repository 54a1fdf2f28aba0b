// The poisoning fast path (DOMAIN.md, added 2026-12-02): something swallowed. One question
// only, so that the right number is in the second message: breathing difficulty, drowsiness
// or convulsions now -> 112; otherwise the Poison Information Centre (0800 147 111, 24/7) now,
// with first aid. Entered from the emergency screen or from typed words ("nielaisi", "svalt",
// "swallowed"); never routed to a work queue first.

import type { QuestionSetDef } from './questionSet';

/** Id of the poisoning set (its state is `#triage.poisoning`). */
export const POISONING_SET_ID = 'poisoning';

/** The poisoning question set. */
export const poisoningSet: QuestionSetDef = {
  id: POISONING_SET_ID,
  ns: 'poisoning',
  exit: '#triage.poisonInfo',
  guards: {
    severe: { q: 'symptoms', yes: true },
  },
  questions: [{ id: 'symptoms', kind: 'yesNo', intro: ['firstAid'], unsure: 'yes', redFlag: { when: 'severe', sign: 'poisoning_severe' } }],
};
