// Topic 4: toothache and oral health. Red flags and urgent signs follow the county's
// dental list: increasing swelling or redness, mouth opens less than two fingers,
// difficulty swallowing, suspected jaw fracture, dental trauma, bleeding not stopped
// in 2 hours. Swelling that makes breathing hard is an emergency.

import { CHILD_CONDITION_GUARDS, childConditionQuestion } from '../childCondition';
import type { QuestionSetDef } from '../questionSet';

/** Toothache and oral health question set; urgency table in `urgency.rules`. */
export const dentalSet: QuestionSetDef = {
  id: 'dental',
  ns: 'dental',
  exit: '#triage.summary',
  guards: {
    ...CHILD_CONDITION_GUARDS,
    airway: { q: 'swellingBreathing', yes: true },
    noPain: { q: 'pain', is: 'none' },
    trauma: { q: 'trauma', yes: true },
    swelling: { q: 'swelling', yes: true },
    mouthOpening: { q: 'mouthOpening', yes: true },
    bleeding: { q: 'bleeding', yes: true },
    severePain: { q: 'pain', is: 'severe' },
    mildPain: { q: 'pain', is: 'mild' },
    gumBleeding: { q: 'issue', is: 'gumBleeding' },
  },
  questions: [
    { id: 'swellingBreathing', kind: 'yesNo', unsure: 'yes', redFlag: { when: 'airway', sign: 'breathing' } },
    childConditionQuestion('isChild'),
    { id: 'trauma', kind: 'yesNo' },
    { id: 'swelling', kind: 'yesNo' },
    { id: 'mouthOpening', kind: 'yesNo' },
    { id: 'bleeding', kind: 'yesNo' },
    { id: 'pain', kind: 'choice', options: ['none', 'mild', 'severe'] },
    { id: 'issue', kind: 'choice', options: ['checkup', 'gumBleeding', 'denture', 'other'], askIf: 'noPain' },
  ],
  urgency: {
    rules: [
      { when: 'infantLessActive', urgency: 'urgent', note: 'An infant less active than usual: same-day assessment.' },
      { when: 'childLessActive', urgency: 'non_urgent', note: 'A child less active but alert: never self-care, a nurse assesses.' },
      { when: 'trauma', urgency: 'urgent', note: 'Dental trauma or suspected jaw fracture: same day.' },
      { when: 'swelling', urgency: 'urgent', note: 'Increasing swelling or redness: same day.' },
      { when: 'mouthOpening', urgency: 'urgent', note: 'Mouth opens less than two fingers or swallowing hard: same day.' },
      { when: 'bleeding', urgency: 'urgent', note: 'Bleeding not stopped in 2 hours: same day.' },
      { when: 'severePain', urgency: 'urgent', note: 'Severe toothache: same-day dental on-call.' },
      { when: 'mildPain', urgency: 'non_urgent', note: 'Mild toothache: booked appointment.' },
      { when: 'gumBleeding', urgency: 'self_care', note: 'Gums bleeding when brushing: better cleaning first, check-up if it goes on.' },
    ],
    otherwise: 'non_urgent',
  },
};
