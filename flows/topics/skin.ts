// Topic 1: skin symptoms (rash), child and adult; a photo is requested.
// Red flags: swelling of lips/tongue/throat or breathing difficulty (anaphylaxis);
// small dark spots that do not fade under pressure together with fever (sepsis).

import { CHILD_CONDITION_GUARDS, childConditionQuestion } from '../childCondition';
import type { QuestionSetDef } from '../questionSet';

/** Skin symptoms question set; urgency table in `urgency.rules`. */
export const skinSet: QuestionSetDef = {
  id: 'skin',
  ns: 'skin',
  exit: '#triage.summary',
  guards: {
    ...CHILD_CONDITION_GUARDS,
    airway: { q: 'airway', yes: true },
    purpuraWithFever: {
      all: [
        { q: 'purpura', yes: true },
        { q: 'fever', yes: true },
      ],
    },
    infant: { ageBand: ['under1'] },
    feverInInfant: { all: [{ ageBand: ['under1'] }, { q: 'fever', yes: true }] },
    spreadingRednessWithFever: {
      all: [
        { q: 'symptoms', is: 'spreadingRedness' },
        { q: 'fever', yes: true },
      ],
    },
    widespreadBlistersOrPain: {
      all: [
        { q: 'spread', is: 'widespread' },
        { q: 'symptoms', anyOf: ['blisters', 'pain'] },
      ],
    },
    longLasting: { q: 'duration', anyOf: ['weeks', 'months'] },
    needsLook: { q: 'symptoms', anyOf: ['pain', 'oozing', 'spreadingRedness', 'blisters'] },
    feverOnly: { q: 'fever', yes: true },
    causeUnknown: { q: 'cause', anyOf: ['unknown', 'newMedicine'] },
    selfCareTriedNoHelp: { q: 'selfCareTried', is: 'triedNoHelp' },
    photoGiven: { q: 'photo', answered: true },
  },
  questions: [
    { id: 'airway', kind: 'yesNo', unsure: 'yes', redFlag: { when: 'airway', sign: 'anaphylaxis' } },
    childConditionQuestion('isChild'),
    { id: 'fever', kind: 'yesNo' },
    { id: 'purpura', kind: 'yesNo', unsure: 'yes', redFlag: { when: 'purpuraWithFever', sign: 'sepsis' } },
    { id: 'spread', kind: 'choice', options: ['local', 'several', 'widespread'] },
    { id: 'duration', kind: 'choice', options: ['today', 'days', 'weeks', 'months'], amounts: { unit: 'day', below: [1, 7, 30, Infinity] } },
    {
      id: 'symptoms',
      kind: 'multiChoice',
      options: ['itch', 'pain', 'blisters', 'oozing', 'spreadingRedness', 'none'],
    },
    { id: 'cause', kind: 'choice', options: ['eczema', 'insectBite', 'contact', 'newMedicine', 'unknown'] },
    { id: 'selfCareTried', kind: 'choice', options: ['helped', 'triedNoHelp', 'notTried'] },
    { id: 'photo', kind: 'photo', maxFiles: 3, optional: true },
  ],
  urgency: {
    rules: [
      { when: 'infantLessActive', urgency: 'urgent', note: 'An infant less active than usual: same-day assessment.' },
      { when: 'childLessActive', urgency: 'non_urgent', note: 'A child less active but alert: never self-care, a nurse assesses.' },
      { when: 'feverInInfant', urgency: 'urgent', note: 'Fever with a rash under 1 year: same-day assessment.' },
      { when: 'spreadingRednessWithFever', urgency: 'urgent', note: 'Spreading redness with fever: possible erysipelas or cellulitis.' },
      { when: 'widespreadBlistersOrPain', urgency: 'urgent', note: 'Widespread blistering or painful rash: same-day assessment.' },
      { when: 'feverOnly', urgency: 'non_urgent', note: 'Rash with fever but no alarming signs: nurse assessment, not self-care.' },
      { when: 'infant', urgency: 'non_urgent', note: 'Any rash under 1 year is looked at by a nurse.' },
      { when: 'longLasting', urgency: 'non_urgent', note: 'Rash for weeks or months: doctor or nurse appointment.' },
      { when: 'needsLook', urgency: 'non_urgent', note: 'Pain, oozing, blisters or spreading redness: professional look (photo).' },
      { when: 'causeUnknown', urgency: 'non_urgent', note: 'Cause unknown or a new medicine: nurse assesses with the photo.' },
      { when: 'selfCareTriedNoHelp', urgency: 'non_urgent', note: 'Self-care tried without help.' },
    ],
    otherwise: 'self_care',
  },
  flags: [{ when: 'photoGiven', flag: 'photo_attached' }],
};
