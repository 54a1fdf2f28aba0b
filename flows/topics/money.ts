// Topic 7: money, housing and work (e.g. rent above the reasonable level after losing
// a job -> social guidance, debt advice, Kela). No money for food or medicine now, or
// an eviction or power cut-off threat, needs a same-day contact.

import type { QuestionSetDef } from '../questionSet';

/** Money, housing and work question set; urgency table in `urgency.rules`. */
export const moneySet: QuestionSetDef = {
  id: 'money',
  ns: 'money',
  exit: '#triage.segment',
  segmentation: true,
  guards: {
    noMoneyNow: { q: 'noMoneyNow', yes: true },
    eviction: { q: 'eviction', yes: true },
    homeless: { q: 'homeless', yes: true },
    needsGuidance: { q: 'situation', anyOf: ['jobLoss', 'rent', 'debt', 'incomeSupport'] },
    notApplied: { q: 'kelaApplied', yes: false },
    manyProblems: {
      all: [
        { q: 'situation', is: 'debt' },
        { q: 'situation', anyOf: ['rent', 'jobLoss'] },
      ],
    },
  },
  questions: [
    { id: 'situation', kind: 'multiChoice', options: ['jobLoss', 'rent', 'debt', 'incomeSupport', 'other'] },
    { id: 'noMoneyNow', kind: 'yesNo' },
    { id: 'eviction', kind: 'yesNo' },
    { id: 'homeless', kind: 'yesNo' },
    { id: 'kelaApplied', kind: 'yesNo' },
    { id: 'work', kind: 'choice', options: ['employed', 'unemployed', 'student', 'retired', 'other'] },
  ],
  urgency: {
    rules: [
      { when: 'noMoneyNow', urgency: 'urgent', note: 'No money for food or essential medicine: urgent income support the same day.' },
      { when: 'homeless', urgency: 'urgent', note: 'No home or no place to stay tonight: same day; social and crisis emergency service at night.' },
      { when: 'eviction', urgency: 'urgent', note: 'Eviction or power cut-off threat: same-day social guidance.' },
      { when: 'needsGuidance', urgency: 'non_urgent', note: 'Job loss, rent, debt or income support: social guidance and debt advice.' },
      { when: 'notApplied', urgency: 'non_urgent', note: 'Has not applied for Kela benefits: guidance to apply.' },
    ],
    otherwise: 'self_care',
  },
  segmentRisks: ['manyProblems'],
};
