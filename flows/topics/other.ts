// Topic 9: something else / I don't know -> general customer service with a short
// free-text description. Free text is also checked for emergency signs by the dialog.

import type { QuestionSetDef } from '../questionSet';

/** "Something else" question set; urgency table in `urgency.rules`. */
export const otherSet: QuestionSetDef = {
  id: 'other',
  ns: 'other',
  exit: '#triage.segment',
  segmentation: true,
  guards: {
    today: { q: 'today', yes: true },
  },
  questions: [
    { id: 'description', kind: 'text', maxLength: 500 },
    { id: 'area', kind: 'choice', options: ['health', 'social', 'both', 'unknown'] },
    { id: 'today', kind: 'yesNo' },
  ],
  urgency: {
    rules: [{ when: 'today', urgency: 'urgent', note: 'The client needs help today: same-day contact.' }],
    otherwise: 'non_urgent',
  },
};
