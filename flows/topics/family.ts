// Topic 8: families and children (child health, parenting support -> family centre,
// child health clinic, MLL). Violence or acute danger in the family is an emergency.

import { CHILD_CONDITION_GUARDS, childConditionQuestion } from '../childCondition';
import type { QuestionSetDef } from '../questionSet';

/** Families and children question set; urgency table in `urgency.rules`. */
export const familySet: QuestionSetDef = {
  id: 'family',
  ns: 'family',
  exit: '#triage.segment',
  segmentation: true,
  guards: {
    ...CHILD_CONDITION_GUARDS,
    danger: { q: 'danger', yes: true },
    childIll: { q: 'childIll', yes: true },
    exhaustedOften: { q: 'exhausted', is: 'often' },
    support: { q: 'concern', anyOf: ['parenting', 'relationship', 'exhaustion'] },
    childHealth: { q: 'concern', anyOf: ['childHealth', 'pregnancy'] },
    exhaustedAndConflict: {
      all: [
        { q: 'exhausted', is: 'often' },
        { q: 'concern', is: 'relationship' },
      ],
    },
  },
  questions: [
    { id: 'danger', kind: 'yesNo', unsure: 'yes', redFlag: { when: 'danger', sign: 'danger' } },
    { id: 'concern', kind: 'multiChoice', options: ['childHealth', 'pregnancy', 'parenting', 'relationship', 'exhaustion', 'other'] },
    { id: 'childIll', kind: 'yesNo' },
    childConditionQuestion('childIll'),
    { id: 'exhausted', kind: 'choice', options: ['no', 'sometimes', 'often'] },
  ],
  urgency: {
    rules: [
      { when: 'infantLessActive', urgency: 'urgent', note: 'An infant less active than usual: same-day assessment.' },
      { when: 'childLessActive', urgency: 'non_urgent', note: 'A child less active but alert: never self-care, a nurse assesses.' },
      { when: 'childIll', urgency: 'urgent', note: 'A child who is ill now: same-day nurse assessment.' },
      { when: 'exhaustedOften', urgency: 'non_urgent', note: 'Parent often exhausted: family centre support.' },
      { when: 'support', urgency: 'non_urgent', note: 'Parenting, relationship or exhaustion: family centre.' },
      { when: 'childHealth', urgency: 'non_urgent', note: 'Child health or pregnancy matters: child health or maternity clinic.' },
    ],
    otherwise: 'self_care',
  },
  segmentRisks: ['exhaustedAndConflict'],
};
