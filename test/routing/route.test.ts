import type { TriageResult } from '../../flows';
import { buildOutcomePayload, CatalogError, DEFAULT_CATALOG, route, validateCatalog, nextOpening, isOpen } from '../../routing';

const base = (over: Partial<TriageResult>): TriageResult => ({
  outcome: 'completed',
  locale: 'fi',
  answers: {},
  flags: [],
  subject: { kind: 'self' },
  ...over,
});
const general = DEFAULT_CATALOG.queues.find((q) => q.id === 'general_customer_service')!;
const clinic = DEFAULT_CATALOG.queues.find((q) => q.id === 'digital_clinic')!;

// Helsinki is UTC+2 in winter, UTC+3 in summer.
const TUESDAY_10 = new Date('2026-11-24T08:00:00Z');
const SATURDAY_NIGHT = new Date('2026-11-28T21:30:00Z'); // Sat 23:30
const GOOD_FRIDAY_NOON = new Date('2027-03-26T10:00:00Z'); // Fri 12:00, public holiday
const MIDSUMMER_EVE = new Date('2026-06-19T07:00:00Z'); // Fri 10:00 summer time

describe('opening hours (Europe/Helsinki)', () => {
  it('knows weekday, Saturday and holiday hours', () => {
    expect(isOpen(clinic, DEFAULT_CATALOG, TUESDAY_10)).toBe(true);
    expect(isOpen(general, DEFAULT_CATALOG, new Date('2026-11-28T08:00:00Z'))).toBe(true); // Sat 10:00
    expect(isOpen(clinic, DEFAULT_CATALOG, new Date('2026-11-28T08:00:00Z'))).toBe(false);
    expect(isOpen(clinic, DEFAULT_CATALOG, GOOD_FRIDAY_NOON)).toBe(false);
    expect(isOpen(clinic, DEFAULT_CATALOG, MIDSUMMER_EVE)).toBe(false);
    expect(isOpen(clinic, DEFAULT_CATALOG, new Date('2026-11-24T14:00:00Z'))).toBe(false); // 16:00 closes
  });

  it('finds the next opening across the weekend and Easter, in local time', () => {
    expect(nextOpening(clinic, DEFAULT_CATALOG, SATURDAY_NIGHT)?.toISOString()).toBe('2026-11-30T06:00:00.000Z');
    // Good Friday -> Easter Monday closed -> Tuesday 30 March 2027 08:00 (UTC+3 after DST).
    expect(nextOpening(clinic, DEFAULT_CATALOG, GOOD_FRIDAY_NOON)?.toISOString()).toBe('2027-03-30T05:00:00.000Z');
  });
});

describe('route', () => {
  it('emergency: 112 first, crisis lines for suicide, nothing else', () => {
    expect(route(base({ outcome: 'emergency', urgency: 'emergency', emergencySign: 'chest_pain' }), DEFAULT_CATALOG, TUESDAY_10)).toEqual([
      { kind: 'emergency', id: 'call_112' },
    ]);
    const ids = route(base({ outcome: 'emergency', urgency: 'emergency', emergencySign: 'suicide' }), DEFAULT_CATALOG, TUESDAY_10).map((r) => r.id);
    expect(ids).toEqual(['call_112', 'social_crisis_on_call', 'mieli_crisis_line']);
    const danger = route(base({ outcome: 'emergency', urgency: 'emergency', emergencySign: 'danger' }), DEFAULT_CATALOG, TUESDAY_10).map((r) => r.id);
    expect(danger).toEqual(['call_112', 'social_crisis_on_call', 'nollalinja', 'riku']);
  });

  it('poisoning: the Poison Information Centre first without severe signs, 112 first with them; never a queue', () => {
    const mild = route(base({ outcome: 'emergency', urgency: 'emergency', emergencySign: 'poisoning' }), DEFAULT_CATALOG, SATURDAY_NIGHT);
    expect(mild.map((r) => r.id)).toEqual(['poison_info', 'call_112']);
    const severe = route(base({ outcome: 'emergency', urgency: 'emergency', emergencySign: 'poisoning_severe' }), DEFAULT_CATALOG, TUESDAY_10);
    expect(severe.map((r) => r.id)).toEqual(['call_112', 'poison_info']);
  });

  it('urgent on a Saturday night: the 24/7 on-call service first with what to say, then the closed queues, the safety net', () => {
    const recs = route(base({ topic: 'money', urgency: 'urgent' }), DEFAULT_CATALOG, SATURDAY_NIGHT);
    expect(recs).toEqual([
      { kind: 'resource', id: 'social_crisis_on_call', callScriptKey: 'routing:callScript.social' },
      { kind: 'queue', id: 'social_guidance', open: false, nextOpening: '2026-11-30T06:00:00.000Z' },
      { kind: 'emergency', id: 'safety_net' },
    ]);
  });

  it('urgent health need at 3 a.m.: 116117 first, the clinic contact request after it', () => {
    const night = new Date('2026-12-02T01:00:00Z'); // Wed 03:00
    const recs = route(base({ topic: 'urinary', urgency: 'urgent' }), DEFAULT_CATALOG, night);
    expect(recs[0]).toEqual({ kind: 'emergency', id: 'call_116117', callScriptKey: 'routing:callScript.health' });
    expect(recs.map((r) => r.id)).toEqual(['call_116117', 'digital_clinic', 'safety_net']);
  });

  it('a fall at home with a leg that bears no weight is a health matter: 116117 at night, the digital clinic by day, not social guidance', () => {
    const answers = {
      'homecare.suddenChange': false,
      'homecare.suddenConfusion': false,
      'homecare.copingToday': false,
      'homecare.fall': true,
      'homecare.fallInjury': 'fallInjury.cantBearWeight',
    };
    const fall = base({ topic: 'homecare', urgency: 'urgent', subject: { kind: 'adult', relationship: 'parent', consent: 'agrees' }, answers });
    const night = route(fall, DEFAULT_CATALOG, SATURDAY_NIGHT).map((r) => r.id);
    expect(night[0]).toBe('call_116117');
    expect(night).not.toContain('social_guidance');
    const day = route(fall, DEFAULT_CATALOG, TUESDAY_10).map((r) => r.id);
    expect(day[0]).toBe('digital_clinic');
    expect(day).not.toContain('social_guidance');
    // Without an injury the same answers stay a social matter, and the digital clinic is not offered.
    const noInjury = base({ topic: 'homecare', urgency: 'urgent', answers: { ...answers, 'homecare.fallInjury': 'fallInjury.none' } });
    const social = route(noInjury, DEFAULT_CATALOG, TUESDAY_10).map((r) => r.id);
    expect(social[0]).toBe('social_guidance');
    expect(social).not.toContain('digital_clinic');
  });

  it('urgent at 7 a.m.: a queue opening within the urgent window follows the 24/7 line; a queue open now comes first', () => {
    const early = new Date('2026-12-02T05:00:00Z'); // Wed 07:00, queues open at 08:00
    const ids = route(base({ topic: 'dental', urgency: 'urgent' }), DEFAULT_CATALOG, early).map((r) => r.id);
    expect(ids).toEqual(['call_116117', 'dental_care', 'safety_net']);
    const day = route(base({ topic: 'dental', urgency: 'urgent' }), DEFAULT_CATALOG, TUESDAY_10).map((r) => r.id);
    expect(day).toEqual(['dental_care', 'call_116117', 'safety_net']);
    // A carer not coping at 07:00: the 08:00 queue is inside the two-hour window, so it comes before
    // the carers' association; with a 30-minute window it is only a contact request at the end.
    const carer = base({
      topic: 'homecare',
      urgency: 'urgent',
      flags: ['caregiver_strain'],
      answers: { 'homecare.suddenChange': false, 'homecare.suddenConfusion': false, 'homecare.fall': false },
    });
    expect(route(carer, DEFAULT_CATALOG, early).map((r) => r.id)).toEqual(['social_crisis_on_call', 'social_guidance', 'carers_association', 'safety_net']);
    const tight = { ...DEFAULT_CATALOG, settings: { urgentWindowMinutes: 30 } };
    expect(route(carer, tight, early).map((r) => r.id)).toEqual(['social_crisis_on_call', 'carers_association', 'social_guidance', 'safety_net']);
  });

  it('non-urgent on a public holiday: self-care first, closed queue with next opening', () => {
    const recs = route(base({ topic: 'urinary', urgency: 'non_urgent' }), DEFAULT_CATALOG, GOOD_FRIDAY_NOON);
    expect(recs[0]).toEqual({ kind: 'selfcare', id: 'urinary_infection' });
    expect(recs).toContainEqual({ kind: 'queue', id: 'digital_clinic', open: false, nextOpening: '2027-03-30T05:00:00.000Z' });
    expect(recs.some((r) => r.open === true)).toBe(false);
  });

  it('self-care: article and resources, lightest first, safety net last', () => {
    const recs = route(base({ topic: 'homecare', urgency: 'self_care' }), DEFAULT_CATALOG, TUESDAY_10);
    expect(recs.map((r) => `${r.kind}:${r.id}`)).toEqual([
      'selfcare:living_at_home',
      'resource:senior_info_phone',
      'resource:lahella',
      'queue:senior_info',
      'queue:general_customer_service',
      'emergency:safety_net',
    ]);
  });

  it('urgent crisis: the crisis line first even while the queue is open', () => {
    const crisis = base({ topic: 'mental', urgency: 'urgent', flags: ['crisis'], answers: { 'mental.suicidalThoughts': true } });
    const ids = route(crisis, DEFAULT_CATALOG, TUESDAY_10).map((r) => r.id);
    expect(ids[0]).toBe('mieli_crisis_line');
    expect(ids.indexOf('mieli_crisis_line')).toBeLessThan(ids.indexOf('mental_health'));
    expect(ids[ids.length - 1]).toBe('safety_net');
  });

  it('recommendations follow the answers (catalog conditions)', () => {
    const applied = base({ topic: 'money', urgency: 'non_urgent', answers: { 'money.kelaApplied': true } });
    expect(route(applied, DEFAULT_CATALOG, TUESDAY_10).map((r) => r.id)).not.toContain('kela');
    const notApplied = base({ topic: 'money', urgency: 'non_urgent', answers: { 'money.kelaApplied': false } });
    expect(route(notApplied, DEFAULT_CATALOG, TUESDAY_10).map((r) => r.id)).toContain('kela');
    const cannot = base({ topic: 'homecare', urgency: 'non_urgent', flags: ['adult_cannot_consent'], subject: { kind: 'adult', consent: 'cannot' } });
    expect(route(cannot, DEFAULT_CATALOG, TUESDAY_10).map((r) => r.id)).not.toContain('suomi_fi_mandates');
    const prescription = base({
      topic: 'other',
      urgency: 'self_care',
      answers: { 'other.need': 'need.medicine', 'other.medicineNeed': 'medicineNeed.renewal' },
    });
    const ids = route(prescription, DEFAULT_CATALOG, TUESDAY_10).map((r) => r.id);
    expect(ids).toEqual(expect.arrayContaining(['medicines', 'omakanta']));
    expect(ids).not.toContain('riku');
    const family = base({ topic: 'family', urgency: 'non_urgent', answers: { 'family.danger': false, 'family.concern': ['concern.parenting'] } });
    expect(route(family, DEFAULT_CATALOG, TUESDAY_10).map((r) => r.id)).not.toContain('nollalinja');
    const forgets = base({ topic: 'homecare', urgency: 'urgent', answers: { 'homecare.medicines': 'medicines.forgetsCritical' } });
    const night = route(forgets, DEFAULT_CATALOG, SATURDAY_NIGHT).map((r) => r.id);
    expect(night[0]).toBe('call_116117');
    expect(night).toContain('home_care_nurse');
  });

  it('a teenager gets MLL among the options; an adult without consent gets the social welfare contact request', () => {
    const teen = route(base({ topic: 'family', urgency: 'non_urgent', flags: ['teen_confidentiality'] }), DEFAULT_CATALOG, TUESDAY_10);
    expect(teen).toContainEqual({ kind: 'resource', id: 'mll_child_line' });
    const noConsent = route(
      base({ topic: 'homecare', flags: ['adult_no_consent'], subject: { kind: 'adult', consent: 'unaware' } }),
      DEFAULT_CATALOG,
      TUESDAY_10,
    );
    expect(noConsent.map((r) => r.id)).toEqual(['living_at_home', 'social_welfare_contact', 'county_customer_service', 'safety_net']);
  });

  it('declined, human and ended outcomes', () => {
    expect(route(base({ outcome: 'declined' }), DEFAULT_CATALOG, TUESDAY_10).map((r) => r.id)).toEqual(['county_customer_service', 'safety_net']);
    expect(route(base({ outcome: 'human' }), DEFAULT_CATALOG, TUESDAY_10)).toEqual([
      { kind: 'queue', id: 'general_customer_service', open: true },
      { kind: 'emergency', id: 'safety_net' },
    ]);
    expect(route(base({ outcome: 'ended' }), DEFAULT_CATALOG, TUESDAY_10)).toEqual([{ kind: 'emergency', id: 'safety_net' }]);
  });

  it('builds the triage.outcome payload', () => {
    const result = base({ topic: 'money', urgency: 'non_urgent', segment: 2 });
    const payload = buildOutcomePayload(result, route(result, DEFAULT_CATALOG, TUESDAY_10));
    expect(payload).toMatchObject({ outcome: 'completed', topic: 'money', subject: { kind: 'self' }, urgency: 'non_urgent', segment: 2 });
    expect(payload.recommendations.every((r) => Object.keys(r).sort().join() === 'id,kind')).toBe(true);
  });
});

describe('catalog validation', () => {
  it('accepts the default catalog', () => {
    expect(validateCatalog(DEFAULT_CATALOG)).toBe(DEFAULT_CATALOG);
  });

  it('rejects a condition that names an unknown question or option, or a topic without a 24/7 rule', () => {
    const withArticle = (when: object) => ({ ...DEFAULT_CATALOG, selfCare: [{ ...DEFAULT_CATALOG.selfCare[0]!, when: when as never }] });
    expect(() => validateCatalog(withArticle({ q: 'skin.nosuch', yes: true }))).toThrow(/skin_rash.*unknown question 'skin.nosuch'/);
    expect(() => validateCatalog(withArticle({ q: 'skin.spread', is: 'everywhere' }))).toThrow(/has no option 'everywhere'/);
    expect(() => validateCatalog(withArticle({ q: 'spread', is: 'local' }))).toThrow(/full id/);
    expect(() => validateCatalog(withArticle({ q: 'skin.spread', yes: true }))).toThrow(/choice question/);
    const queue = {
      ...DEFAULT_CATALOG,
      queues: DEFAULT_CATALOG.queues.map((q) => (q.id === 'dental_care' ? { ...q, when: { ageBand: ['adult'] } as never } : q)),
    };
    expect(() => validateCatalog(queue)).toThrow(/dental_care.*unknown age band/);
    const noRule = {
      ...DEFAULT_CATALOG,
      roundTheClock: DEFAULT_CATALOG.roundTheClock.map((r) => ({ ...r, topics: r.topics.filter((t) => t !== 'dental') })).filter((r) => r.topics.length > 0),
    };
    expect(() => validateCatalog(noRule)).toThrow(/'dental', roundTheClock/);
    const closedService = {
      ...DEFAULT_CATALOG,
      roundTheClock: [{ ...DEFAULT_CATALOG.roundTheClock[0]!, service: { kind: 'resource' as const, id: 'kela' } }, ...DEFAULT_CATALOG.roundTheClock],
    };
    expect(() => validateCatalog(closedService)).toThrow(/not a known 24\/7 line/);
  });

  it('names the bad entry', () => {
    const broken = { ...DEFAULT_CATALOG, queues: [{ ...clinic, hours: [{ day: 1 as const, open: '16:00', close: '08:00' }] }, general] };
    expect(() => validateCatalog(broken)).toThrow(CatalogError);
    try {
      validateCatalog(broken);
    } catch (e) {
      expect((e as CatalogError).entryId).toBe('digital_clinic');
    }
    const badTopic = { ...DEFAULT_CATALOG, resources: [{ ...DEFAULT_CATALOG.resources[0]!, id: 'x_line', topics: ['astrology' as never] }] };
    expect(() => validateCatalog(badTopic)).toThrow(/x_line/);
  });

  it('takes a page per language only as an https address beside the main one', () => {
    const first = DEFAULT_CATALOG.resources[0]!;
    const plain = { ...DEFAULT_CATALOG, resources: [{ ...first, webIn: { sv: 'http://www.luvn.fi/sv' } }] };
    expect(() => validateCatalog(plain)).toThrow(/webIn\.sv/);
    const alone = { ...DEFAULT_CATALOG, resources: [{ ...first, web: undefined, webIn: { sv: 'https://www.luvn.fi/sv' } }] };
    expect(() => validateCatalog(alone)).toThrow(/main web address/);
  });

  it('keeps the [verify] items marked', () => {
    const marked = DEFAULT_CATALOG.resources.filter((r) => r.needsVerification).map((r) => r.id);
    expect(marked).toEqual(expect.arrayContaining(['county_customer_service', 'social_crisis_on_call', 'debt_line', 'substance_advice', 'mieli_crisis_line']));
  });
});
