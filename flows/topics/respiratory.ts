// Topic 3: respiratory infection, cough, wheezing, fever. Red flags: breathing difficulty at
// rest or blue lips; a child who is limp, drowsy or hard to wake (general condition).

import { CHILD_CONDITION_GUARDS, childConditionQuestion } from '../childCondition';
import type { QuestionSetDef } from '../questionSet';

/** Respiratory infection question set; urgency table in `urgency.rules`. */
export const respiratorySet: QuestionSetDef = {
  id: 'respiratory',
  ns: 'respiratory',
  exit: '#triage.summary',
  guards: {
    breathless: { q: 'breathing', yes: true },
    ...CHILD_CONDITION_GUARDS,
    hasFever: { q: 'symptoms', is: 'fever' },
    veryWeak: { q: 'condition', is: 'veryWeak' },
    feverInInfant: { all: [{ ageBand: ['under1'] }, { q: 'symptoms', is: 'fever' }] },
    longFever: { q: 'feverDays', atLeast: 4 },
    chronicWithFever: {
      all: [
        { q: 'chronic', yes: true },
        { q: 'symptoms', is: 'fever' },
      ],
    },
    longCough: { q: 'duration', is: 'overThreeWeeks' },
    earPain: { q: 'symptoms', is: 'earPain' },
    somewhatWeak: { q: 'condition', is: 'somewhatWeak' },
    chronic: { q: 'chronic', yes: true },
    wheezeInChild: { all: [{ subject: ['child'] }, { q: 'symptoms', is: 'wheeze' }] },
    wheeze: { q: 'symptoms', is: 'wheeze' },
  },
  questions: [
    // Decision 2026-12-02: mild wheezing alone, in a child who breathes without effort, is a
    // same-day assessment (116117 out of hours), not 112; 112 is laboured breathing at rest, blue
    // lips or a limp, drowsy child. Wheezing is therefore a symptom option with its own urgency
    // rule below, and the breathing question asks only about effort and colour.
    { id: 'breathing', kind: 'yesNo', unsure: 'yes', redFlag: { when: 'breathless', sign: 'breathing' } },
    childConditionQuestion('isChild'),
    { id: 'symptoms', kind: 'multiChoice', options: ['cough', 'wheeze', 'soreThroat', 'runnyNose', 'earPain', 'fever'] },
    { id: 'feverDays', kind: 'number', min: 0, max: 30, askIf: 'hasFever' },
    { id: 'condition', kind: 'choice', options: ['good', 'somewhatWeak', 'veryWeak'] },
    { id: 'duration', kind: 'choice', options: ['underWeek', 'oneToThreeWeeks', 'overThreeWeeks'], amounts: { unit: 'day', below: [7, 22, Infinity] } },
    { id: 'chronic', kind: 'yesNo' },
  ],
  urgency: {
    rules: [
      { when: 'infantLessActive', urgency: 'urgent', note: 'An infant less active than usual: same-day assessment.' },
      { when: 'childLessActive', urgency: 'non_urgent', note: 'A child less active but alert: never self-care, a nurse assesses.' },
      { when: 'wheezeInChild', urgency: 'urgent', note: 'Wheezing in a child breathing without effort: same-day assessment (116117 at night), not 112.' },
      { when: 'veryWeak', urgency: 'urgent', note: 'Markedly weakened general condition: same day.' },
      { when: 'feverInInfant', urgency: 'urgent', note: 'Fever under 1 year: same-day assessment.' },
      { when: 'longFever', urgency: 'urgent', note: 'Fever for 4 days or more: possible bacterial complication.' },
      { when: 'chronicWithFever', urgency: 'non_urgent', note: 'Long-term illness with fever: nurse assessment.' },
      { when: 'wheeze', urgency: 'non_urgent', note: 'Wheezing in an adult without breathing difficulty at rest: a nurse assesses (asthma, bronchitis).' },
      { when: 'longCough', urgency: 'non_urgent', note: 'Cough over 3 weeks: appointment.' },
      { when: 'earPain', urgency: 'non_urgent', note: 'Ear pain is not urgent; assessment if it persists.' },
      { when: 'somewhatWeak', urgency: 'non_urgent', note: 'Somewhat weakened condition: nurse assessment.' },
    ],
    otherwise: 'self_care',
  },
};
