// Work queues of the model county (Länsi-Uusimaa / Västra Nyland). Chat hours follow the
// county's digital platform (live chat weekdays 8–16; Senior Info 9–15); the general
// customer service is also open on Saturdays as in the source model's customer path 1.
// Order matters: routing offers matching queues in this order, lightest first.

import type { DayHours, WorkQueue } from './types';

const WEEKDAYS = [1, 2, 3, 4, 5] as const;

function weekdays(open: string, close: string): DayHours[] {
  return WEEKDAYS.map((day) => ({ day, open, close }));
}

/** The county's chat work queues. */
export const QUEUES: readonly WorkQueue[] = [
  {
    id: 'senior_info',
    name: { fi: 'Seniori-info', sv: 'Seniorinfo', en: 'Senior Info' },
    hours: weekdays('09:00', '15:00'),
    observesPublicHolidays: true,
    topics: ['homecare'],
    urgencies: ['non_urgent', 'self_care'],
    strongIdentification: false,
    // Older people and their relatives; a child's matter goes to the family centre.
    when: { not: { subject: ['child'] } },
  },
  {
    id: 'social_guidance',
    name: { fi: 'Sosiaaliohjaus', sv: 'Socialhandledning', en: 'Social guidance' },
    hours: weekdays('08:00', '16:00'),
    observesPublicHolidays: true,
    topics: ['money', 'homecare', 'family', 'other', 'mental'],
    urgencies: ['urgent', 'non_urgent'],
    strongIdentification: false,
    // Not for an ill child, and not for a "something else" matter the client said is about health
    // or that has a health sub-path (medicines, falls, results and certificates).
    when: {
      not: {
        any: [
          { q: 'family.childIll', yes: true },
          { q: 'other.need', anyOf: ['medicine', 'fall', 'noSymptoms'] },
          { q: 'other.area', is: 'health' },
          { q: 'homecare.medicines', is: 'forgetsCritical' },
          // An injury after a fall is assessed by health care first (digital clinic, 116117).
          { q: 'homecare.fallInjury', anyOf: ['cantBearWeight', 'headInjury'] },
        ],
      },
    },
  },
  {
    id: 'home_care_nurse',
    name: { fi: 'Kotihoidon sairaanhoitaja', sv: 'Hemvårdens sjukskötare', en: 'Home care nurse' },
    hours: weekdays('08:00', '16:00'),
    observesPublicHolidays: true,
    topics: ['homecare', 'other'],
    urgencies: ['urgent', 'non_urgent'],
    strongIdentification: false,
    // Forgotten medicines are a health matter: dose dispensing, reminders, a nurse's visit.
    when: {
      any: [
        { q: 'homecare.medicines', anyOf: ['forgets', 'forgetsCritical'] },
        { q: 'other.medicineNeed', is: 'forgetting' },
      ],
    },
  },
  {
    id: 'family_centre',
    name: { fi: 'Perhekeskus ja neuvola', sv: 'Familjecenter och rådgivning', en: 'Family centre and child health clinic' },
    hours: weekdays('08:00', '16:00'),
    observesPublicHolidays: true,
    topics: ['family', 'homecare'],
    urgencies: ['urgent', 'non_urgent'],
    strongIdentification: true,
    // Parenting, exhaustion, conflicts, child health and pregnancy; not an ill child's same-day need.
    // Under "home and daily life" only when the matter is a child's (the parent's coping).
    when: {
      all: [{ not: { q: 'family.childIll', yes: true } }, { any: [{ q: 'entry.topic', is: 'family' }, { subject: ['child'] }] }],
    },
  },
  {
    id: 'mental_health',
    name: {
      fi: 'Mielenterveys- ja päihdepalvelujen neuvonta',
      sv: 'Rådgivning inom mentalvårds- och missbrukartjänster',
      en: 'Mental health and substance use advice',
    },
    hours: weekdays('08:00', '16:00'),
    observesPublicHolidays: true,
    topics: ['mental'],
    urgencies: ['urgent', 'non_urgent'],
    strongIdentification: true,
  },
  {
    id: 'dental_care',
    name: { fi: 'Suun terveydenhuolto', sv: 'Munhälsovård', en: 'Oral health care' },
    hours: weekdays('08:00', '16:00'),
    observesPublicHolidays: true,
    topics: ['dental'],
    urgencies: ['urgent', 'non_urgent'],
    strongIdentification: true,
  },
  {
    id: 'digital_clinic',
    name: { fi: 'Digiklinikka', sv: 'Digitala kliniken', en: 'Digital clinic' },
    hours: weekdays('08:00', '16:00'),
    observesPublicHolidays: true,
    topics: ['skin', 'urinary', 'respiratory', 'family', 'other', 'homecare'],
    urgencies: ['urgent', 'non_urgent'],
    strongIdentification: true,
    // Not for social matters of the family or "something else" (no place to stay, social area);
    // under "home and daily life" only for an injury or pain after a fall.
    when: {
      not: {
        any: [
          // (a home-and-daily-life result: its first question answered, no injury after a fall)
          {
            all: [{ q: 'homecare.suddenChange', answered: true }, { not: { q: 'homecare.fallInjury', anyOf: ['painMoving', 'cantBearWeight', 'headInjury'] } }],
          },
          {
            all: [
              { q: 'family.concern', answered: true },
              { not: { q: 'family.childIll', yes: true } },
              { not: { q: 'family.concern', anyOf: ['childHealth', 'pregnancy'] } },
            ],
          },
          { q: 'other.need', anyOf: ['housing', 'noSymptoms'] },
          { q: 'other.area', is: 'social' },
        ],
      },
    },
  },
  {
    id: 'general_customer_service',
    name: { fi: 'Yleinen asiakaspalvelu', sv: 'Allmän kundtjänst', en: 'General customer service' },
    hours: [...weekdays('08:00', '16:00'), { day: 6, open: '09:00', close: '15:00' }],
    observesPublicHolidays: true,
    topics: ['skin', 'urinary', 'respiratory', 'dental', 'mental', 'homecare', 'money', 'family', 'other'],
    // Not for urgent needs: customer service cannot assess one, so an urgent client is not told
    // "open now" here while the 24/7 service could help (it is still the fallback of a topic
    // whose urgent need no other queue takes).
    urgencies: ['non_urgent', 'self_care'],
    strongIdentification: false,
    phone: '029 151 2000',
  },
];

/** The queue for "talk to a human" and for anything no other queue takes. */
export const GENERAL_QUEUE_ID = 'general_customer_service';
