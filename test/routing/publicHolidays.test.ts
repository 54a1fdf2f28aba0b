// Finnish public holidays for any year: the computed closure days against dates from the
// official calendar, and against an independent computation (Easter computus and the fixed and
// Saturday rules of the Finnish holiday law) for 2026–2035, with every holiday-observing queue
// closed on each of them.
import { DEFAULT_CATALOG, isOpen, nextOpening } from '../../routing';
import { helsinkiToInstant } from '../../routing/helsinkiTime';
import { closureDaysOf, closureDayOn, publicHolidaysOf } from '../../routing/publicHolidays';
import type { HolidayPolicy } from '../../routing/catalog/types';

/** Known dates, read from the official Finnish calendar (one row: year, holiday, date). */
const KNOWN: readonly [string, string][] = [
  ['Good Friday', '2028-04-14'],
  ['Easter Monday', '2028-04-17'],
  ['Ascension Day', '2028-05-25'],
  ['Midsummer Day', '2028-06-24'],
  ["All Saints' Day", '2028-11-04'],
  ['Christmas Day', '2028-12-25'],
  ['Good Friday', '2030-04-19'],
  ['Midsummer Day', '2030-06-22'],
  ["All Saints' Day", '2030-11-02'],
  ['Good Friday', '2029-03-30'],
  ['Whit Sunday', '2029-05-20'],
  ['Good Friday', '2033-04-15'],
  ['Ascension Day', '2035-05-03'],
];

const POLICY = DEFAULT_CATALOG.holidays;
const YEARS = Array.from({ length: 10 }, (_, i) => 2026 + i);

function iso(y: number, m: number, d: number): string {
  return new Date(Date.UTC(y, m - 1, d)).toISOString().slice(0, 10);
}

/** Easter Sunday, anonymous Gregorian algorithm (independent of the data set under test). */
function easter(y: number): { m: number; d: number } {
  const a = y % 19,
    b = Math.floor(y / 100),
    c = y % 100,
    d = Math.floor(b / 4),
    e = b % 4;
  const f = Math.floor((b + 8) / 25),
    g = Math.floor((b - f + 1) / 3),
    h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4),
    k = c % 4,
    l = (32 + 2 * e + 2 * i - h - k) % 7,
    mm = Math.floor((a + 11 * h + 22 * l) / 451);
  return { m: Math.floor((h + l - 7 * mm + 114) / 31), d: ((h + l - 7 * mm + 114) % 31) + 1 };
}

/** The Saturday in a span of days starting at (m, d). */
function saturdayFrom(y: number, m: number, d: number): string {
  for (let offset = 0; offset < 7; offset++) {
    const day = new Date(Date.UTC(y, m - 1, d + offset));
    if (day.getUTCDay() === 6) return day.toISOString().slice(0, 10);
  }
  throw new Error('no Saturday');
}

/** Every Finnish public holiday of a year by the law's rules. */
function expectedPublicHolidays(y: number): string[] {
  const e = easter(y);
  const fromEaster = (offset: number) => iso(y, e.m, e.d + offset);
  return [
    iso(y, 1, 1),
    iso(y, 1, 6),
    fromEaster(-2),
    fromEaster(0),
    fromEaster(1),
    iso(y, 5, 1),
    fromEaster(39),
    fromEaster(49),
    saturdayFrom(y, 6, 20),
    saturdayFrom(y, 10, 31),
    iso(y, 12, 6),
    iso(y, 12, 25),
    iso(y, 12, 26),
  ].sort();
}

describe('Finnish public holidays for any year', () => {
  it.each(KNOWN)('%s is on %s', (_name, date) => {
    expect(closureDayOn(date, POLICY)).toBeDefined();
    expect(publicHolidaysOf(Number(date.slice(0, 4))).map((h) => h.date)).toContain(date);
  });

  it.each(YEARS)('%i: the public holidays are exactly those of the law', (year) => {
    expect(publicHolidaysOf(year).map((h) => h.date)).toEqual(expectedPublicHolidays(year));
  });

  it.each(YEARS)('%i: every queue that observes holidays is closed all day on each of them, and on the eves the county closes', (year) => {
    const midsummerEve = new Date(`${saturdayFrom(year, 6, 20)}T00:00:00Z`);
    midsummerEve.setUTCDate(midsummerEve.getUTCDate() - 1);
    const days = [...expectedPublicHolidays(year), midsummerEve.toISOString().slice(0, 10), iso(year, 12, 24)];
    const queues = DEFAULT_CATALOG.queues.filter((q) => q.observesPublicHolidays);
    expect(queues.length).toBeGreaterThan(0);
    for (const date of days) {
      for (const minutes of [0, 8 * 60, 10 * 60, 12 * 60 + 30, 15 * 60 + 59, 20 * 60]) {
        for (const queue of queues)
          expect({ queue: queue.id, date, minutes, open: isOpen(queue, DEFAULT_CATALOG, helsinkiToInstant(date, minutes)) }).toMatchObject({ open: false });
      }
    }
  });

  it('names each day in Finnish, Swedish and English', () => {
    const christmas = closureDayOn('2031-12-25', POLICY);
    expect(christmas?.name).toEqual({ fi: 'Joulupäivä', sv: 'Juldagen', en: 'Christmas Day' });
    const eve = closureDayOn('2031-06-20', POLICY);
    expect(eve?.name).toEqual({ fi: 'Juhannusaatto', sv: 'Midsommarafton', en: 'Midsummer Eve' });
  });

  it('closes on the eves the policy names and not on others', () => {
    expect(closureDayOn('2030-12-31', POLICY)).toBeUndefined(); // New Year's Eve: the model county works
    expect(closureDayOn('2030-12-31', { ...POLICY, closedEves: ['newYearsEve'] })).toBeDefined();
    expect(closureDayOn('2030-12-24', { closedEves: [], countyDays: [] })).toBeUndefined();
    expect(closureDayOn('2030-12-23', POLICY)).toBeUndefined(); // an ordinary Monday
  });

  it("keeps the county's own days: an extra closure, and shorter hours on an eve", () => {
    const policy: HolidayPolicy = {
      closedEves: ['christmasEve'],
      countyDays: [
        { date: '2029-10-15', name: { fi: 'Muuttopäivä', sv: 'Flyttdag', en: 'Moving day' } },
        { date: '2029-12-31', name: { fi: 'Uudenvuodenaatto', sv: 'Nyårsafton', en: "New Year's Eve" }, hours: { open: '08:00', close: '12:00' } },
      ],
    };
    const catalog = { ...DEFAULT_CATALOG, holidays: policy };
    const clinic = DEFAULT_CATALOG.queues.find((q) => q.id === 'digital_clinic')!;
    expect(isOpen(clinic, catalog, helsinkiToInstant('2029-10-15', 10 * 60))).toBe(false); // a Monday, closed by the county
    expect(isOpen(clinic, catalog, helsinkiToInstant('2029-12-31', 10 * 60))).toBe(true);
    expect(isOpen(clinic, catalog, helsinkiToInstant('2029-12-31', 13 * 60))).toBe(false);
    expect(closureDaysOf(2029, policy).map((d) => d.date)).toEqual(expect.arrayContaining(['2029-10-15', '2029-12-24', '2029-12-31']));
  });

  it('a closed queue on Good Friday 2028 next opens on the Tuesday after Easter', () => {
    const clinic = DEFAULT_CATALOG.queues.find((q) => q.id === 'digital_clinic')!;
    const opening = nextOpening(clinic, DEFAULT_CATALOG, helsinkiToInstant('2028-04-14', 10 * 60));
    expect(opening?.toISOString()).toBe(helsinkiToInstant('2028-04-18', clockOpen(clinic.hours.find((h) => h.day === 2)!.open)).toISOString());
  });
});

function clockOpen(hhmm: string): number {
  const [h, m] = hhmm.split(':').map(Number);
  return h! * 60 + m!;
}
