// Topic 5: mental health and substance use. Thoughts of suicide lead to the crisis
// line (MIELI) the same day; a plan or acute danger ends the flow as an emergency.
// The two-question mood screen and AUDIT-C (scoring.ts) feed urgency and flags.

import { AUDIT_C_OPTIONS } from '../scoring';
import type { QuestionSetDef } from '../questionSet';

/** Mental health and substance use question set; urgency table in `urgency.rules`. */
export const mentalSet: QuestionSetDef = {
  id: 'mental',
  ns: 'mental',
  exit: '#triage.segment',
  segmentation: true,
  guards: {
    suicidalThoughts: { q: 'suicidalThoughts', yes: true },
    suicideNow: { q: 'suicideNow', yes: true },
    harmOthers: { q: 'harmOthers', yes: true },
    child: { subject: ['child'] },
    // Thoughts of suicide and harming others are asked from school age; substance use of a teen.
    schoolAgeOrAdult: { not: { ageBand: ['under1', '1to6'] } },
    teen: { ageBand: ['12to17'] },
    drinks: {
      all: [{ not: { subject: ['child'] } }, { not: { q: 'auditFrequency', is: 'never' } }],
    },
    moodPositive: { derived: 'moodScreenPositive' },
    alcoholRisk: { derived: 'auditCRisk' },
    drugs: { q: 'concern', anyOf: ['drugs', 'gambling'] },
    teenSubstance: { q: 'teenSubstance', yes: true },
    manyConcerns: { all: [{ derived: 'moodScreenPositive' }, { any: [{ derived: 'auditCRisk' }, { q: 'concern', is: 'drugs' }] }] },
  },
  questions: [
    {
      id: 'concern',
      kind: 'multiChoice',
      options: ['mood', 'anxiety', 'sleep', 'alcohol', 'drugs', 'gambling', 'other'],
      next: [{ when: 'schoolAgeOrAdult', to: 'suicidalThoughts' }, { to: 'moodLow' }],
    },
    // Decision 2026-12-02 (README, clinical content): a parent of a child under 7 is not asked
    // about suicide or substance use (schoolAgeOrAdult gates the suicide questions).
    { id: 'suicidalThoughts', kind: 'yesNo', askIf: 'schoolAgeOrAdult' },
    { id: 'suicideNow', kind: 'yesNo', askIf: 'suicidalThoughts', unsure: 'yes', redFlag: { when: 'suicideNow', sign: 'suicide' } },
    { id: 'harmOthers', kind: 'yesNo', unsure: 'yes', redFlag: { when: 'harmOthers', sign: 'danger' } },
    // Two-question mood screen, decision 2026-12-02: the person answering for themselves is
    // asked the validated form ("in the past month, often worried/bothered by …") in fi, sv and
    // en alike; a relative answers what they have seen (the _proxy/_child wording). The county's
    // clinicians confirm the Swedish wording against the form they use.
    { id: 'moodLow', kind: 'yesNo' },
    {
      id: 'moodInterest',
      kind: 'yesNo',
      next: [{ when: 'teen', to: 'teenSubstance' }, { when: 'child', to: 'end' }, { to: 'auditFrequency' }],
    },
    // Minors are not scored with AUDIT-C: any substance use is a concern.
    { id: 'teenSubstance', kind: 'yesNo', next: [{ to: 'end' }] },
    {
      id: 'auditFrequency',
      kind: 'choice',
      options: AUDIT_C_OPTIONS.auditFrequency,
      next: [{ when: 'drinks', to: 'auditQuantity' }, { to: 'end' }],
    },
    // Drinks on a drinking day: "3" or "3 annosta" is three drinks (threeFour), not the third band.
    {
      id: 'auditQuantity',
      kind: 'choice',
      options: AUDIT_C_OPTIONS.auditQuantity,
      amounts: { unit: 'count', below: [3, 5, 7, 10, Infinity] },
      intro: ['intro'],
    },
    { id: 'auditBinge', kind: 'choice', options: AUDIT_C_OPTIONS.auditBinge },
    { id: 'sex', kind: 'choice', options: ['female', 'male', 'other'] },
    { id: 'ageGroup', kind: 'choice', options: ['18to64', '65plus'], amounts: { unit: 'age', below: [65, 150] } },
  ],
  urgency: {
    rules: [
      { when: 'suicidalThoughts', urgency: 'urgent', note: 'Thoughts of suicide without a plan: crisis line and same-day contact.' },
      { when: 'moodPositive', urgency: 'non_urgent', note: 'Positive two-question mood screen: mental health nurse assessment.' },
      { when: 'alcoholRisk', urgency: 'non_urgent', note: 'AUDIT-C at or over the limit (65+ >= 4, women >= 5, men >= 6).' },
      { when: 'drugs', urgency: 'non_urgent', note: 'Drug use or gambling worries: substance services.' },
      { when: 'teenSubstance', urgency: 'non_urgent', note: 'Substance use of a minor: school or youth services.' },
    ],
    otherwise: 'self_care',
  },
  // A high-risk AUDIT-C counts as many risks: substance services come first.
  segmentRisks: ['manyConcerns', 'alcoholRisk'],
  flags: [
    { when: 'suicidalThoughts', flag: 'crisis' },
    { when: 'alcoholRisk', flag: 'alcohol_risk' },
    { when: 'moodPositive', flag: 'mood_screen_positive' },
  ],
};
