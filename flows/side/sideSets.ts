// The side conversations as question sets of the same kind as the topics: data in the format
// of questionSet.ts, with their wording under `<ns>:<question>.question` / `.options.<value>`
// in locales/, run by a small machine each (sideMachine.ts). What happens at a set's end
// (store the rating, file the contact request, erase the data) is the dialog's effect code.

import type { QuestionSetDef } from '../questionSet';

/** Id of a side conversation's set. */
export type SideSetId = 'feedback' | 'contact' | 'erase';

/** State id of every side machine's root; a side set's exit is its `done` state. */
export const SIDE_ROOT = '#side';

/** Longest contact request message and "how to reach me" answer (as before the sets). */
export const CONTACT_MESSAGE_MAX = 500;
export const CONTACT_REACH_MAX = 100;

/**
 * "Did you get help?" after staff closed a case, then a score of 1–5. The score's options are
 * ranges of a count, so a typed "4" or "neljä" is four, never the fourth button. No comment
 * is asked: its text would not be kept, and asking for it would mislead.
 */
export const feedbackSet: QuestionSetDef = {
  id: 'feedback',
  ns: 'feedback',
  exit: `${SIDE_ROOT}.done`,
  guards: {},
  questions: [
    { id: 'helped', kind: 'choice', options: ['yes', 'partly', 'no'] },
    { id: 'score', kind: 'choice', options: ['1', '2', '3', '4', '5'], amounts: { unit: 'count', below: [2, 3, 4, 5, 6] } },
  ],
};

/** A contact request for a queue closed now: what it is about, then how to reach the client. */
export const contactSet: QuestionSetDef = {
  id: 'contact',
  ns: 'contact',
  exit: `${SIDE_ROOT}.done`,
  guards: {},
  questions: [
    { id: 'message', kind: 'text', maxLength: CONTACT_MESSAGE_MAX },
    { id: 'reach', kind: 'text', maxLength: CONTACT_REACH_MAX },
  ],
};

/**
 * "Delete my data?" with yes and no. It has no cautious reading of "I don't know": neither
 * answer is safe to assume, so an unsure answer deletes nothing (the dialog withdraws the question);
 * and as deleting cannot be undone, a typed answer counts only as the whole message.
 */
export const eraseSet: QuestionSetDef = {
  id: 'erase',
  ns: 'erase',
  exit: `${SIDE_ROOT}.done`,
  guards: {},
  questions: [{ id: 'confirm', kind: 'yesNo', options: ['yes', 'no'], wholeAnswer: true }],
};

/** Every side set by id. */
export const SIDE_SETS: Readonly<Record<SideSetId, QuestionSetDef>> = { feedback: feedbackSet, contact: contactSet, erase: eraseSet };

/** The side set id of a string, if it names one. */
export function sideSetId(value: unknown): SideSetId | undefined {
  return value === 'feedback' || value === 'contact' || value === 'erase' ? value : undefined;
}
