// The urgent deadline and the 24/7 services (DESIGN.md, decisions of 2026-12-02). An urgent
// need is met within hours today: when no work queue of the outcome is open now, the first
// thing the client reads is the 24/7 service below that fits the topic and the answers, with
// what to say when calling; the queue's contact request comes after it. The first matching
// rule of the topic applies; each topic ends with a rule without a condition.

import type { RoundTheClockRule, RoutingSettings } from './types';

const CALL_116117 = { kind: 'emergency', id: 'call_116117' } as const;
const SOCIAL_CRISIS = { kind: 'resource', id: 'social_crisis_on_call' } as const;

/** Routing settings of the model county. */
export const ROUTING_SETTINGS: RoutingSettings = {
  // "Within hours today": a queue opening within two hours still qualifies after the 24/7 line.
  urgentWindowMinutes: 120,
};

/** 24/7 services for urgent needs, by topic, in rule order. */
export const ROUND_THE_CLOCK: readonly RoundTheClockRule[] = [
  {
    topics: ['mental'],
    when: { q: 'mental.suicidalThoughts', yes: true },
    service: { kind: 'resource', id: 'mieli_crisis_line' },
    callScriptKey: 'routing:callScript.crisis',
    alwaysFirst: true,
    note: 'Thoughts of suicide: the crisis line answers now, before any queue, at every hour.',
  },
  {
    topics: ['homecare'],
    when: { q: 'homecare.medicines', is: 'forgetsCritical' },
    service: CALL_116117,
    callScriptKey: 'routing:callScript.medicine',
    note: 'Missed doses of a medicine that must not be missed are a health matter: 116117 assesses.',
  },
  {
    topics: ['homecare'],
    when: { q: 'homecare.fallInjury', anyOf: ['cantBearWeight', 'headInjury'] },
    service: CALL_116117,
    callScriptKey: 'routing:callScript.health',
    note: 'A fall with a leg that bears no weight or a blow to the head is a health matter: 116117 tells where to go.',
  },
  {
    topics: ['homecare', 'money'],
    service: SOCIAL_CRISIS,
    callScriptKey: 'routing:callScript.social',
    note: 'Not coping at home, no money for food, eviction or no place to stay: social and crisis emergency service.',
  },
  {
    topics: ['family'],
    when: { q: 'family.childIll', yes: true },
    service: CALL_116117,
    callScriptKey: 'routing:callScript.health',
    note: 'An ill child: 116117 tells where to go.',
  },
  {
    topics: ['family'],
    service: SOCIAL_CRISIS,
    callScriptKey: 'routing:callScript.social',
    note: 'Other urgent family matters (e.g. a child left alone): social and crisis emergency service.',
  },
  {
    topics: ['other'],
    when: {
      any: [
        { q: 'other.placeTonight', yes: false },
        { q: 'other.area', is: 'social' },
      ],
    },
    service: SOCIAL_CRISIS,
    callScriptKey: 'routing:callScript.social',
    note: 'No place to stay tonight, or an urgent social matter: social and crisis emergency service.',
  },
  {
    topics: ['other'],
    when: { q: 'other.need', is: 'medicine' },
    service: CALL_116117,
    callScriptKey: 'routing:callScript.medicine',
    note: 'Urgent medicine matters: 116117.',
  },
  {
    topics: ['skin', 'urinary', 'respiratory', 'dental', 'mental', 'other'],
    service: CALL_116117,
    callScriptKey: 'routing:callScript.health',
    note: 'Urgent health needs out of hours: Päivystysapu 116117 assesses by phone and tells where to go.',
  },
];
