// Opening times as each language writes them: Swedish marks the hour with "kl." so that
// "måndag 7.12 kl. 8.00" does not read as two dates.

import { helsinkiDateTime } from '../../dialogs/dateTime';

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
