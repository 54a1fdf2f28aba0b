// Topic 9: something else. Needs that have no topic of their own get a sub-path here:
// medicines and prescriptions, falls and injuries, no place to stay, and a question without
// symptoms (certificates, results, vaccinations). Anything else: a short free-text
// description for general customer service (free text is also screened for emergencies).

import { CHILD_CONDITION_GUARDS, childConditionQuestion } from '../childCondition';
import type { Branch, QuestionSetDef } from '../questionSet';

// After the need (and a child's general condition): the sub-path of the need.
const BY_NEED: readonly Branch[] = [
  { when: 'medicine', to: 'medicineNeed' },
  { when: 'fall', to: 'fallInjury' },
  { when: 'housing', to: 'placeTonight' },
  { when: 'noSymptoms', to: 'paperwork' },
  { to: 'description' },
];
// Sub-paths with a clear answer skip the segmentation questions.
const TO_SUMMARY: readonly Branch[] = [{ to: '#triage.summary' }];

/** "Something else" question set; urgency table in `urgency.rules`. */
export const otherSet: QuestionSetDef = {
  id: 'other',
  ns: 'other',
  exit: '#triage.segment',
  segmentation: true,
  guards: {
    ...CHILD_CONDITION_GUARDS,
    today: { q: 'today', yes: true },
    medicine: { q: 'need', is: 'medicine' },
    fall: { q: 'need', is: 'fall' },
    housing: { q: 'need', is: 'housing' },
    noSymptoms: { q: 'need', is: 'noSymptoms' },
    renewal: { q: 'medicineNeed', is: 'renewal' },
    forgetting: { q: 'medicineNeed', is: 'forgetting' },
    sideEffect: { q: 'medicineNeed', is: 'sideEffect' },
    runsOutSoon: {
      all: [
        { q: 'medicineNeed', is: 'renewal' },
        { q: 'medicineRunsOut', yes: true },
      ],
    },
    criticalMissed: {
      all: [
        { q: 'medicineNeed', is: 'forgetting' },
        { q: 'medicineCritical', yes: true },
      ],
    },
    selfCareMedicine: { q: 'medicineNeed', anyOf: ['renewal', 'howToTake'] },
    seriousFall: { q: 'fallInjury', anyOf: ['cantBearWeight', 'headInjury'] },
    fallPain: { q: 'fallInjury', is: 'painMoving' },
    fallNoInjury: { q: 'fallInjury', anyOf: ['none', 'bruise'] },
    nowhereTonight: { q: 'placeTonight', yes: false },
    paperwork: { q: 'need', is: 'noSymptoms' },
  },
  questions: [
    {
      id: 'need',
      kind: 'choice',
      options: ['medicine', 'fall', 'housing', 'noSymptoms', 'somethingElse'],
      next: [{ when: 'isChild', to: 'childCondition' }, ...BY_NEED],
    },
    childConditionQuestion('isChild', BY_NEED),
    {
      id: 'medicineNeed',
      kind: 'choice',
      options: ['renewal', 'howToTake', 'sideEffect', 'forgetting'],
      next: [{ when: 'renewal', to: 'medicineRunsOut' }, { when: 'forgetting', to: 'medicineCritical' }, ...TO_SUMMARY],
    },
    { id: 'medicineRunsOut', kind: 'yesNo', next: TO_SUMMARY },
    { id: 'medicineCritical', kind: 'yesNo', next: TO_SUMMARY },
    { id: 'fallInjury', kind: 'choice', options: ['none', 'bruise', 'painMoving', 'cantBearWeight', 'headInjury'], next: TO_SUMMARY },
    { id: 'placeTonight', kind: 'yesNo', next: [{ to: 'end' }] },
    { id: 'paperwork', kind: 'choice', options: ['certificate', 'results', 'vaccination', 'other'], next: TO_SUMMARY },
    { id: 'description', kind: 'text', maxLength: 500 },
    { id: 'area', kind: 'choice', options: ['health', 'social', 'both', 'unknown'] },
    { id: 'today', kind: 'yesNo' },
  ],
  urgency: {
    rules: [
      { when: 'infantLessActive', urgency: 'urgent', note: 'An infant less active than usual: same-day assessment.' },
      {
        when: 'criticalMissed',
        urgency: 'urgent',
        note: 'Missed insulin, blood thinner or another medicine that must not be missed: a nurse the same day (116117 at night).',
      },
      { when: 'seriousFall', urgency: 'urgent', note: 'Cannot bear weight or hit the head in a fall: same-day assessment (116117 at night).' },
      { when: 'nowhereTonight', urgency: 'urgent', note: 'No place to stay tonight: social guidance today, social and crisis emergency service at night.' },
      { when: 'today', urgency: 'urgent', note: 'The client needs help today: same-day contact.' },
      { when: 'childLessActive', urgency: 'non_urgent', note: 'A child less active but alert: a nurse assesses.' },
      { when: 'sideEffect', urgency: 'non_urgent', note: 'A suspected side effect: a nurse or the pharmacy assesses.' },
      { when: 'forgetting', urgency: 'non_urgent', note: 'Forgets medicines: home care or a nurse assesses dose dispensing.' },
      { when: 'runsOutSoon', urgency: 'non_urgent', note: 'The medicine runs out before a renewal is processed: the pharmacy or the health station.' },
      { when: 'fallPain', urgency: 'non_urgent', note: 'Pain on moving after a fall: assessment by appointment.' },
      { when: 'fallNoInjury', urgency: 'non_urgent', note: 'A fall without injury: fall-risk assessment.' },
      { when: 'selfCareMedicine', urgency: 'self_care', note: 'Renewal through Omakanta or the pharmacy; questions about taking a medicine: the pharmacy.' },
      { when: 'paperwork', urgency: 'non_urgent', note: 'Certificates, results, vaccinations: the general service answers.' },
    ],
    otherwise: 'non_urgent',
  },
};
