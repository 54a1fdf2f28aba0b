// Self-care articles, built from sections with conditions over the answers so that the text
// covers the symptoms the person has, speaks of a child where a child's care differs (creams,
// medicines, doses: `_child` keys), and times the "when to seek care" line from the duration
// they gave. Wording in locales/*/routing.json under `selfCare.<id>.`; every condition names
// full question ids and is validated at start-up.

import type { ArticleSection, SelfCareArticle } from './types';
import type { Condition } from '../../flows/questionSet';
import type { TopicId, Urgency } from '../../flows';

const DEFAULT_URGENCIES: readonly Urgency[] = ['self_care', 'non_urgent'];

function section(id: string, name: string, when?: Condition): ArticleSection {
  return when ? { key: `routing:selfCare.${id}.${name}`, when } : { key: `routing:selfCare.${id}.${name}` };
}

function article(
  id: string,
  topics: TopicId[],
  sections: Array<[string, Condition?]>,
  seekCare: Array<[string, Condition?]>,
  extra: { when?: Condition; urgencies?: readonly Urgency[] } = {},
): SelfCareArticle {
  return {
    id,
    topics,
    urgencies: extra.urgencies ?? DEFAULT_URGENCIES,
    ...(extra.when && { when: extra.when }),
    titleKey: `routing:selfCare.${id}.title`,
    sections: sections.map(([name, when]) => section(id, name, when)),
    seekCare: seekCare.map(([name, when]) => section(id, name, when)),
  };
}

/** Self-care articles by topic, in the order they are offered. */
export const SELF_CARE: readonly SelfCareArticle[] = [
  article(
    'skin_rash',
    ['skin'],
    [
      ['body'],
      ['itch', { q: 'skin.symptoms', is: 'itch' }],
      ['insectBite', { q: 'skin.cause', is: 'insectBite' }],
      ['contact', { q: 'skin.cause', is: 'contact' }],
    ],
    [['seekCareLong', { q: 'skin.duration', anyOf: ['weeks', 'months'] }], ['seekCare']],
  ),
  article(
    'urinary_infection',
    ['urinary'],
    [['body'], ['pain', { q: 'urinary.symptoms', anyOf: ['burning', 'lowerAbdominal'] }]],
    // Timed from the duration given: "within 1–2 days" only to someone whose symptoms began today.
    [['seekCare', { q: 'urinary.duration', is: 'underDay' }], ['seekCareLonger']],
  ),
  article(
    'respiratory_infection',
    ['respiratory'],
    [
      ['body'],
      ['fever', { q: 'respiratory.symptoms', anyOf: ['fever', 'soreThroat', 'earPain'] }],
      ['runnyNose', { q: 'respiratory.symptoms', is: 'runnyNose' }],
      ['cough', { q: 'respiratory.symptoms', is: 'cough' }],
    ],
    [
      ['seekCareFeverDays', { q: 'respiratory.feverDays', atLeast: 2 }],
      ['seekCareLong', { q: 'respiratory.duration', anyOf: ['oneToThreeWeeks', 'overThreeWeeks'] }],
      ['seekCare'],
    ],
  ),
  article(
    'oral_health',
    ['dental'],
    [['body'], ['gums', { q: 'dental.issue', is: 'gumBleeding' }], ['pain', { q: 'dental.pain', anyOf: ['mild', 'severe'] }]],
    [['seekCareGums', { q: 'dental.issue', is: 'gumBleeding' }], ['seekCare']],
  ),
  // A high-risk AUDIT-C: the substance-use advice comes before generic mood advice.
  article('alcohol_use', ['mental'], [['body']], [['seekCare']], { when: { derived: 'auditCRisk' } }),
  article(
    'mental_wellbeing',
    ['mental'],
    [['body'], ['sleep', { q: 'mental.concern', is: 'sleep' }], ['anxiety', { q: 'mental.concern', is: 'anxiety' }]],
    [['seekCare']],
    { when: { not: { derived: 'auditCRisk' } } },
  ),
  // An older person's living at home (Senior Info, falls, memory); a child's matter under "home
  // and daily life" gets the family article below instead.
  article(
    'living_at_home',
    ['homecare'],
    [
      ['body'],
      ['falls', { q: 'homecare.fall', yes: true }],
      ['memory', { q: 'homecare.memory', yes: true }],
      ['medicines', { q: 'homecare.medicines', anyOf: ['forgets', 'forgetsCritical'] }],
    ],
    [['seekCare']],
    { when: { not: { subject: ['child'] } } },
  ),
  article(
    'money_matters',
    ['money'],
    [
      ['body'],
      ['kela', { q: 'money.kelaApplied', yes: false }],
      ['kelaApplied', { q: 'money.kelaApplied', yes: true }],
      ['debt', { q: 'money.situation', is: 'debt' }],
    ],
    [['seekCare']],
  ),
  // Also a parent's answer under "home and daily life" when the matter is a child's.
  article(
    'family_everyday',
    ['family', 'homecare'],
    [
      ['body'],
      [
        'exhaustion',
        {
          any: [
            { q: 'family.exhausted', anyOf: ['sometimes', 'often'] },
            { q: 'homecare.caregiverStrain', yes: true },
          ],
        },
      ],
      ['relationship', { q: 'family.concern', is: 'relationship' }],
    ],
    [['seekCare']],
    { when: { any: [{ q: 'entry.topic', is: 'family' }, { subject: ['child'] }] } },
  ),
  article(
    'medicines',
    ['other'],
    [
      ['renewal', { q: 'other.medicineNeed', is: 'renewal' }],
      ['runsOut', { q: 'other.medicineRunsOut', yes: true }],
      ['howToTake', { q: 'other.medicineNeed', is: 'howToTake' }],
      ['sideEffect', { q: 'other.medicineNeed', is: 'sideEffect' }],
      ['forgetting', { q: 'other.medicineNeed', is: 'forgetting' }],
    ],
    [['seekCare']],
    { when: { q: 'other.need', is: 'medicine' } },
  ),
  article('after_fall', ['other'], [['body'], ['bruise', { q: 'other.fallInjury', anyOf: ['bruise', 'painMoving'] }]], [['seekCare']], {
    when: { q: 'other.need', is: 'fall' },
  }),
  article(
    'paperwork',
    ['other'],
    [
      ['certificate', { q: 'other.paperwork', is: 'certificate' }],
      ['results', { q: 'other.paperwork', is: 'results' }],
      ['vaccination', { q: 'other.paperwork', is: 'vaccination' }],
      ['other', { q: 'other.paperwork', is: 'other' }],
    ],
    [['seekCare']],
    { when: { q: 'other.need', is: 'noSymptoms' } },
  ),
  article('general_advice', ['other'], [['body']], [['seekCare']], {
    when: { q: 'other.need', anyOf: ['housing', 'somethingElse'] },
  }),
];
