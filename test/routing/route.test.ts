import type { TriageResult } from '../../flows';
import { buildOutcomePayload, CatalogError, DEFAULT_CATALOG, route, validateCatalog, nextOpening, isOpen } from '../../routing';

const base = (over: Partial<TriageResult>): TriageResult => ({ outcome: 'completed', locale: 'fi', answers: {}, flags: [], subject: { kind: 'self' }, ...over });
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
    expect(ids).toEqual(['call_112', 'mieli_crisis_line', 'social_crisis_on_call']);
  });

  it('urgent on a Saturday night: the queue with its next opening, the on-call line, the safety net', () => {
    const recs = route(base({ topic: 'money', urgency: 'urgent' }), DEFAULT_CATALOG, SATURDAY_NIGHT);
    expect(recs).toEqual([
      { kind: 'queue', id: 'social_guidance', open: false, nextOpening: '2026-11-30T06:00:00.000Z' },
      { kind: 'queue', id: 'general_customer_service', open: false, nextOpening: '2026-11-30T06:00:00.000Z' },
      { kind: 'resource', id: 'social_crisis_on_call' },
      { kind: 'emergency', id: 'safety_net' },
    ]);
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

  it('urgent crisis: crisis line before the queue', () => {
    const ids = route(base({ topic: 'mental', urgency: 'urgent', flags: ['crisis'] }), DEFAULT_CATALOG, TUESDAY_10).map((r) => r.id);
    expect(ids.indexOf('mieli_crisis_line')).toBeLessThan(ids.indexOf('mental_health'));
    expect(ids[ids.length - 1]).toBe('safety_net');
  });

  it('a teenager gets MLL among the options; an adult without consent gets the social welfare contact request', () => {
    const teen = route(base({ topic: 'family', urgency: 'non_urgent', flags: ['teen_confidentiality'] }), DEFAULT_CATALOG, TUESDAY_10);
    expect(teen).toContainEqual({ kind: 'resource', id: 'mll_child_line' });
    const noConsent = route(base({ topic: 'homecare', flags: ['adult_no_consent'], subject: { kind: 'adult', consent: 'unaware' } }), DEFAULT_CATALOG, TUESDAY_10);
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
