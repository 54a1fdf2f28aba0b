// The model county's holiday policy. Finnish public holidays are computed for any year
// (routing/publicHolidays.ts); the county also closes on Midsummer Eve and Christmas Eve, as its
// services did in 2026–2027. New Year's Eve is an ordinary working day (shorter hours, if any,
// go in countyDays with their hours). A one-off closure (e.g. a moving day) goes in countyDays too.

import type { HolidayPolicy } from './types';

/** Closure days of queues that observe public holidays. */
export const HOLIDAYS: HolidayPolicy = {
  closedEves: ['midsummerEve', 'christmasEve'],
  countyDays: [],
};
