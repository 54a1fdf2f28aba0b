// Topic 2: urinary tract symptoms. A typical cystitis of a non-pregnant woman is
// handled remotely (nurse, message or chat); fever, flank pain, pregnancy, a male
// or child subject need a same-day or booked assessment. Segmentation is not asked.

import { CHILD_CONDITION_GUARDS, childConditionQuestion } from '../childCondition';
import type { QuestionSetDef } from '../questionSet';

/** Urinary tract symptoms question set; urgency table in `urgency.rules`. */
export const urinarySet: QuestionSetDef = {
  id: 'urinary',
  ns: 'urinary',
  exit: '#triage.summary',
  guards: {
    ...CHILD_CONDITION_GUARDS,
    confused: { q: 'confusion', yes: true },
    notChild: { not: { subject: ['child'] } },
    female: { all: [{ q: 'sex', is: 'female' }, { not: { subject: ['child'] } }] },
    feverAndFlank: {
      all: [
        { q: 'fever', yes: true },
        { q: 'flankPain', yes: true },
      ],
    },
    fever: { q: 'fever', yes: true },
    child: { subject: ['child'] },
    pregnant: { q: 'pregnant', yes: true },
    male: { q: 'sex', is: 'male' },
    blood: { q: 'symptoms', is: 'blood' },
    recurrentOrLong: {
      any: [
        { q: 'recurrent', yes: true },
        { q: 'duration', is: 'overWeek' },
      ],
    },
    discharge: { q: 'discharge', yes: true },
    mildAndShort: {
      all: [{ q: 'duration', is: 'underDay' }, { not: { q: 'symptoms', anyOf: ['blood', 'lowerAbdominal'] } }],
    },
  },
  questions: [
    {
      id: 'confusion',
      kind: 'yesNo',
      unsure: 'yes',
      redFlag: { when: 'confused', sign: 'sepsis' },
      next: [{ when: 'isChild', to: 'childCondition' }, { to: 'sex' }],
    },
    childConditionQuestion('isChild', [{ to: 'symptoms' }]),
    { id: 'sex', kind: 'choice', options: ['female', 'male'], askIf: 'notChild' },
    { id: 'symptoms', kind: 'multiChoice', options: ['burning', 'frequency', 'urgency', 'lowerAbdominal', 'blood'] },
    { id: 'fever', kind: 'yesNo' },
    { id: 'flankPain', kind: 'yesNo' },
    { id: 'pregnant', kind: 'yesNo', askIf: 'female', next: [{ to: 'discharge' }] },
    { id: 'discharge', kind: 'yesNo', askIf: 'female' },
    { id: 'duration', kind: 'choice', options: ['underDay', 'days', 'overWeek'], amounts: { unit: 'day', below: [1, 8, Infinity] } },
    { id: 'recurrent', kind: 'yesNo', askIf: 'notChild' },
  ],
  urgency: {
    rules: [
      { when: 'feverAndFlank', urgency: 'urgent', note: 'Fever with flank pain: possible pyelonephritis, same day.' },
      { when: 'fever', urgency: 'urgent', note: 'Fever with urinary symptoms: same-day assessment.' },
      { when: 'child', urgency: 'urgent', note: 'Urinary symptoms of a child: same-day assessment and urine sample.' },
      { when: 'pregnant', urgency: 'urgent', note: 'Pregnancy: urine culture and treatment the same day.' },
      { when: 'male', urgency: 'non_urgent', note: 'Men: examination and urine sample, not remote treatment only.' },
      { when: 'blood', urgency: 'non_urgent', note: 'Visible blood in urine: assessment.' },
      { when: 'recurrentOrLong', urgency: 'non_urgent', note: 'Recurrent infections or symptoms over a week.' },
      { when: 'discharge', urgency: 'non_urgent', note: 'Discharge or itching points to other causes.' },
      { when: 'mildAndShort', urgency: 'self_care', note: 'Mild symptoms under a day: fluids, follow up; contact if not better in 1–2 days.' },
    ],
    // A typical cystitis: handled remotely by a nurse (message or chat).
    otherwise: 'non_urgent',
  },
};
