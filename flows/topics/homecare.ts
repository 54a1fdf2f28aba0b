// Topic 6: coping at home, older people. Slurred speech, weakness on one side or a drooping
// face is a stroke sign; sudden confusion or a sudden marked drop in condition is asked apart
// (in an older person often an infection, a fall or a medicine: DOMAIN "sudden marked drop in
// condition"), so the emergency answer names what the person said. Not coping at home today needs the
// same-day contact; otherwise Seniori-info or a social counsellor's call. A recent fall asks
// what happened, as "something else" does: an older person who cannot bear weight after a
// fall (a hip fracture until shown otherwise) or who hit the head is a same-day health matter,
// not a social one.

import type { QuestionSetDef } from '../questionSet';

/** Coping at home question set; urgency table in `urgency.rules`. */
export const homecareSet: QuestionSetDef = {
  id: 'homecare',
  ns: 'homecare',
  exit: '#triage.segment',
  segmentation: true,
  guards: {
    suddenChange: { q: 'suddenChange', yes: true },
    suddenConfusion: { q: 'suddenConfusion', yes: true },
    notCoping: { q: 'copingToday', yes: false },
    proxy: { subject: ['adult', 'child'] },
    // Whether a child copes at home, is often home alone, remembers medicines or has memory
    // changes is asked from school age (7–17); a small child's parent is asked about the family.
    notSmallChild: { not: { ageBand: ['under1', '1to6'] } },
    forgetsCritical: { q: 'medicines', is: 'forgetsCritical' },
    forgetsMedicines: { q: 'medicines', is: 'forgets' },
    fall: { q: 'fall', yes: true },
    seriousFall: { q: 'fallInjury', anyOf: ['cantBearWeight', 'headInjury'] },
    fallPain: { q: 'fallInjury', is: 'painMoving' },
    memory: { q: 'memory', yes: true },
    needsHelp: { q: 'dailyHelp', anyOf: ['sometimes', 'daily'] },
    livesAlone: { q: 'livesAlone', yes: true },
    aloneAndDaily: {
      all: [
        { q: 'livesAlone', yes: true },
        { q: 'dailyHelp', is: 'daily' },
      ],
    },
    caregiverStrain: { q: 'caregiverStrain', yes: true },
    wantsCall: { q: 'wish', is: 'call' },
  },
  questions: [
    {
      id: 'suddenChange',
      kind: 'yesNo',
      unsure: 'yes',
      redFlag: { when: 'suddenChange', sign: 'stroke' },
    },
    {
      id: 'suddenConfusion',
      kind: 'yesNo',
      unsure: 'yes',
      redFlag: { when: 'suddenConfusion', sign: 'deterioration' },
      next: [{ when: 'notSmallChild', to: 'copingToday' }, { to: 'dailyHelp' }],
    },
    // Decision 2026-12-02 (README, clinical content): for a child under 7 the parent is asked
    // about the family's coping (caregiverStrain, wish), not whether the child copes at home or
    // is often home alone; those are for ages 7–17, as are memory and medicines. The gate is a
    // branch before each run (after suddenConfusion and after fall), so no transition is left
    // that no answers can take.
    { id: 'copingToday', kind: 'yesNo' },
    { id: 'livesAlone', kind: 'yesNo' },
    { id: 'dailyHelp', kind: 'choice', options: ['none', 'sometimes', 'daily'] },
    { id: 'fall', kind: 'yesNo', next: [{ when: 'fall', to: 'fallInjury' }, { when: 'notSmallChild', to: 'memory' }, { to: 'caregiverStrain' }] },
    {
      id: 'fallInjury',
      kind: 'choice',
      options: ['none', 'bruise', 'painMoving', 'cantBearWeight', 'headInjury'],
      next: [{ when: 'notSmallChild', to: 'memory' }, { to: 'caregiverStrain' }],
    },
    { id: 'memory', kind: 'yesNo' },
    { id: 'medicines', kind: 'choice', options: ['ok', 'forgets', 'forgetsCritical'] },
    { id: 'caregiverStrain', kind: 'yesNo', askIf: 'proxy' },
    { id: 'wish', kind: 'choice', options: ['info', 'call', 'assessment'] },
  ],
  urgency: {
    rules: [
      { when: 'notCoping', urgency: 'urgent', note: 'Does not cope at home today: same-day contact (social and crisis on-call out of hours).' },
      {
        when: 'forgetsCritical',
        urgency: 'urgent',
        note: 'Missed doses of insulin, a blood thinner or another medicine that must not be missed: a nurse the same day.',
      },
      { when: 'forgetsMedicines', urgency: 'non_urgent', note: 'Forgets medicines: home care or nurse assesses dose dispensing.' },
      {
        when: 'seriousFall',
        urgency: 'urgent',
        note: 'Cannot bear weight or hit the head in a fall: same-day health assessment (116117 at night), as under "something else".',
      },
      {
        when: 'fallPain',
        urgency: 'non_urgent',
        note: 'Pain on moving after a fall: a health assessment by appointment (digital clinic), besides fall prevention.',
      },
      { when: 'fall', urgency: 'non_urgent', note: 'Recent falls: assessment of fall risk and home safety.' },
      { when: 'memory', urgency: 'non_urgent', note: 'Worrying memory changes: memory assessment.' },
      { when: 'needsHelp', urgency: 'non_urgent', note: 'Needs help with daily tasks: service needs assessment.' },
      { when: 'caregiverStrain', urgency: 'non_urgent', note: 'Carer strain: support for informal carers.' },
      { when: 'wantsCall', urgency: 'non_urgent', note: 'Asked for a call.' },
    ],
    otherwise: 'self_care',
  },
  segmentRisks: ['aloneAndDaily', 'memory'],
  flags: [
    { when: 'livesAlone', flag: 'lives_alone' },
    { when: 'caregiverStrain', flag: 'caregiver_strain' },
  ],
};
