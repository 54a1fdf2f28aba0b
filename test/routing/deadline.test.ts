// The urgent deadline at every hour: for every topic and urgency, every hour (at :15) of a
// weekday, a Saturday, a Sunday and public holidays (fixed injected instants), an urgent
// client's first line is a service that answers now, and no outcome is without one.

import { TOPIC_IDS, type TopicId, type TriageResult, type Urgency } from '../../flows';
import type { TriageSubject } from '../../flows/subject';
import { answersNow, DEFAULT_CATALOG, route, type Recommendation } from '../../routing';

// Helsinki days (UTC+2 in winter): 00:00 local is 22:00 UTC the day before.
const DAYS = [
  { name: 'weekday (Wed)', midnightUtc: '2026-12-01T22:00:00Z' },
  { name: 'Saturday', midnightUtc: '2026-12-04T22:00:00Z' },
  { name: 'Sunday and Independence Day', midnightUtc: '2026-12-05T22:00:00Z' },
  { name: 'Christmas Eve (Thu)', midnightUtc: '2026-12-23T22:00:00Z' },
  { name: 'Epiphany (Wed 2027)', midnightUtc: '2027-01-05T22:00:00Z' },
];
const HOURS = Array.from({ length: 24 }, (_, i) => i * 60 + 15);

// Answers that select each 24/7 rule of the catalog, plus none (the topic's default rule).
const ANSWER_VARIANTS: Readonly<Record<TopicId, ReadonlyArray<Record<string, string | boolean | string[]>>>> = {
  skin: [{}],
  urinary: [{}],
  respiratory: [{}],
  dental: [{}],
  mental: [{}, { 'mental.suicidalThoughts': true }],
  homecare: [{}, { 'homecare.medicines': 'medicines.forgetsCritical' }, { 'homecare.medicines': 'medicines.forgets' }],
  money: [{}, { 'money.homeless': true }],
  family: [{}, { 'family.childIll': true }, { 'family.concern': ['concern.relationship'] }],
  other: [
    {},
    { 'other.need': 'need.housing', 'other.placeTonight': false },
    { 'other.need': 'need.medicine', 'other.medicineNeed': 'medicineNeed.forgetting', 'other.medicineCritical': true },
    { 'other.need': 'need.fall', 'other.fallInjury': 'fallInjury.headInjury' },
    { 'other.need': 'need.somethingElse', 'other.area': 'area.social', 'other.today': true },
  ],
};
const SUBJECTS: readonly TriageSubject[] = [{ kind: 'self' }, { kind: 'child', ageBand: 'under1' }, { kind: 'adult', consent: 'agrees' }];
const URGENCIES: readonly Urgency[] = ['urgent', 'non_urgent', 'self_care'];

function describeRecs(recs: readonly Recommendation[]): string {
  return recs.map((r) => `${r.kind}:${r.id}${r.open === undefined ? '' : r.open ? '(open)' : '(closed)'}`).join(' ');
}

describe('the urgent deadline at every hour', () => {
  it.each(DAYS)('$name: urgent first lines answer now, and every outcome has a service that answers now', ({ midnightUtc }) => {
    const failures: string[] = [];
    let checked = 0;
    for (const minutes of HOURS) {
      const now = new Date(Date.parse(midnightUtc) + minutes * 60_000);
      for (const topic of TOPIC_IDS) {
        for (const answers of ANSWER_VARIANTS[topic]) {
          for (const subject of SUBJECTS) {
            for (const urgency of URGENCIES) {
              const result: TriageResult = { outcome: 'completed', locale: 'fi', topic, subject, urgency, answers, flags: [] };
              const recs = route(result, DEFAULT_CATALOG, now);
              checked += 1;
              const where = `${now.toISOString()} ${topic} ${JSON.stringify(answers)} ${subject.kind} ${urgency}: ${describeRecs(recs)}`;
              if (!recs.some((r) => answersNow(r, DEFAULT_CATALOG))) failures.push(`nothing answers now: ${where}`);
              if (urgency === 'urgent' && !answersNow(recs[0]!, DEFAULT_CATALOG)) failures.push(`urgent first line closed: ${where}`);
              if (urgency === 'urgent' && recs[0]!.kind === 'selfcare') failures.push(`urgent starts with self-care: ${where}`);
              if (recs[recs.length - 1]!.id !== 'safety_net') failures.push(`no safety net last: ${where}`);
            }
          }
        }
      }
    }
    expect(failures.slice(0, 5)).toEqual([]);
    expect(checked).toBe(24 * 3 * 3 * Object.values(ANSWER_VARIANTS).reduce((n, v) => n + v.length, 0));
  });

  it('at night an urgent need of every topic reads the 24/7 service of its kind first', () => {
    const night = new Date('2026-12-02T01:00:00Z'); // Wed 03:00 Helsinki, every queue closed
    const first = (topic: TopicId, answers: Record<string, string | boolean | string[]> = {}) =>
      route({ outcome: 'completed', locale: 'fi', topic, subject: { kind: 'self' }, urgency: 'urgent', answers, flags: [] }, DEFAULT_CATALOG, night)[0]!.id;
    for (const topic of ['skin', 'urinary', 'respiratory', 'dental'] as const) expect(first(topic)).toBe('call_116117');
    for (const topic of ['money', 'homecare'] as const) expect(first(topic)).toBe('social_crisis_on_call');
    expect(first('mental', { 'mental.suicidalThoughts': true })).toBe('mieli_crisis_line');
    expect(first('family', { 'family.childIll': true })).toBe('call_116117');
    expect(first('other', { 'other.need': 'need.housing', 'other.placeTonight': false })).toBe('social_crisis_on_call');
    expect(first('homecare', { 'homecare.medicines': 'medicines.forgetsCritical' })).toBe('call_116117');
  });

  it('in office hours an urgent need reads an open queue first, the 24/7 service after it', () => {
    const day = new Date('2026-12-02T08:00:00Z'); // Wed 10:00
    const recs = route(
      { outcome: 'completed', locale: 'fi', topic: 'urinary', subject: { kind: 'self' }, urgency: 'urgent', answers: {}, flags: [] },
      DEFAULT_CATALOG,
      day,
    );
    expect(recs[0]).toEqual({ kind: 'queue', id: 'digital_clinic', open: true });
    expect(recs.map((r) => r.id)).toContain('call_116117');
  });
});
