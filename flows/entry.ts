// The entry questions: language, privacy consent, emergency screen, whose matter, topic.

import type { QuestionSetDef } from './questionSet';
import { TOPIC_IDS } from './topicIds';

/** Entry question set; its last question dispatches to the chosen topic's set. */
export const entrySet: QuestionSetDef = {
  id: 'entry',
  ns: 'entry',
  exit: '#triage.summary',
  guards: {
    declined: { q: 'privacy', is: 'decline' },
    forChild: { q: 'subject', is: 'child' },
    forAdult: { q: 'subject', is: 'adult' },
    adviceOnly: { derived: 'adviceOnly' },
    poisoning: { q: 'emergency', is: 'poisoning' },
    ...Object.fromEntries(TOPIC_IDS.map((topic) => [`topic_${topic}`, { q: 'topic', is: topic }])),
  },
  questions: [
    { id: 'language', kind: 'choice', options: ['fi', 'sv', 'en'], setsLocale: true },
    {
      id: 'privacy',
      kind: 'choice',
      options: ['accept', 'decline'],
      intro: ['notice', 'storage'],
      next: [{ when: 'declined', to: '#triage.declined' }],
    },
    {
      id: 'emergency',
      kind: 'choice',
      intro: ['intro'],
      options: [
        { value: 'chest_pain', redFlag: 'chest_pain' },
        { value: 'breathing', redFlag: 'breathing' },
        { value: 'unconscious', redFlag: 'unconscious' },
        { value: 'stroke', redFlag: 'stroke' },
        { value: 'seizure', redFlag: 'seizure' },
        { value: 'headache_sudden', redFlag: 'headache_sudden' },
        { value: 'deterioration', redFlag: 'deterioration' },
        { value: 'bleeding', redFlag: 'bleeding' },
        { value: 'danger', redFlag: 'danger' },
        // Something swallowed: the poisoning fast path asks the one symptom question.
        'poisoning',
        'none',
      ],
      next: [{ when: 'poisoning', to: '#triage.poisoning' }, { to: 'subject' }],
    },
    {
      id: 'subject',
      kind: 'choice',
      options: ['self', 'child', 'adult'],
      next: [{ when: 'forChild', to: 'childAge' }, { when: 'forAdult', to: 'relationship' }, { to: 'topic' }],
    },
    // Ages in years: "3" is a three-year-old (1to6), not the third option; 18 and over is no child.
    {
      id: 'childAge',
      kind: 'choice',
      options: ['under1', '1to6', '7to11', '12to17'],
      amounts: { unit: 'age', below: [1, 7, 12, 18] },
      next: [{ to: 'topic' }],
    },
    { id: 'relationship', kind: 'choice', options: ['spouse', 'parent', 'adult_child', 'other_relative', 'other'] },
    { id: 'adultConsent', kind: 'choice', options: ['agrees', 'cannot', 'unaware'] },
    {
      id: 'topic',
      kind: 'choice',
      options: TOPIC_IDS,
      next: [
        // An adult who does not know or disagrees: general advice only, no health details asked.
        { when: 'adviceOnly', to: '#triage.done' },
        ...TOPIC_IDS.slice(0, -1).map((topic) => ({ when: `topic_${topic}`, to: `#triage.${topic}` })),
        { to: `#triage.${TOPIC_IDS[TOPIC_IDS.length - 1]}` },
      ],
    },
  ],
};
