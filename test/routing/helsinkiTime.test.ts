// Helsinki time, the one module: wall-clock time of an instant and back (across the DST
// changes), and the written forms. Opening times as each language writes them: Swedish marks the
// hour with "kl." so that "måndag 7.12 kl. 8.00" does not read as two dates.

import { helsinkiDateTime, helsinkiStamp, helsinkiTime, helsinkiToInstant } from '../../routing/helsinkiTime';

// Monday 7 December 2026, 08:00 in Helsinki (UTC+2).
const MONDAY_EIGHT = '2026-12-07T06:00:00.000Z';

describe('helsinkiDateTime', () => {
  it('writes the hour with kl. in Swedish', () => {
    expect(helsinkiDateTime(MONDAY_EIGHT, 'sv')).toBe('måndag 7.12 kl. 8.00');
  });

  it('keeps the Finnish and English forms', () => {
    expect(helsinkiDateTime(MONDAY_EIGHT, 'fi')).toBe('maanantaina 7.12. klo 8.00');
    expect(helsinkiDateTime(MONDAY_EIGHT, 'en')).toBe('Monday 07/12, 8:00');
  });

  it('uses Helsinki time in summer too', () => {
    expect(helsinkiDateTime('2026-06-15T13:30:00.000Z', 'sv')).toBe('måndag 15.6 kl. 16.30');
  });
});

describe('wall-clock time in Helsinki', () => {
  it('reads the date, weekday and minutes of an instant in winter and summer time', () => {
    expect(helsinkiTime(new Date(MONDAY_EIGHT))).toEqual({ date: '2026-12-07', weekday: 1, minutes: 8 * 60 });
    // Sunday 22:30 UTC in June is Monday 01:30 in Helsinki (UTC+3).
    expect(helsinkiTime(new Date('2026-06-14T22:30:00Z'))).toEqual({ date: '2026-06-15', weekday: 1, minutes: 90 });
  });

  it('turns a wall-clock time back into its instant on both sides of the DST changes', () => {
    // 29 March 2026: clocks go from 03:00 to 04:00; 25 October 2026: from 04:00 back to 03:00.
    expect(helsinkiToInstant('2026-03-28', 12 * 60).toISOString()).toBe('2026-03-28T10:00:00.000Z');
    expect(helsinkiToInstant('2026-03-30', 12 * 60).toISOString()).toBe('2026-03-30T09:00:00.000Z');
    expect(helsinkiToInstant('2026-10-24', 12 * 60).toISOString()).toBe('2026-10-24T09:00:00.000Z');
    expect(helsinkiToInstant('2026-10-26', 12 * 60).toISOString()).toBe('2026-10-26T10:00:00.000Z');
  });

  it('stamps a moment for staff the same way in every language, midnight as 00', () => {
    expect(helsinkiStamp(new Date(MONDAY_EIGHT))).toBe('2026-12-07 08:00 (Europe/Helsinki)');
    expect(helsinkiStamp(new Date('2026-12-06T22:05:00Z'))).toBe('2026-12-07 00:05 (Europe/Helsinki)');
  });
});
