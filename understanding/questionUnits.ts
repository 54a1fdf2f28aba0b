// The unit each number question asks in, by question id. The question sets say only
// min and max; a typed "two weeks" needs to know the question counts days.

/** Units a typed duration may be given in. */
export const UNITS = ['hour', 'day', 'week', 'month'] as const;
export type Unit = (typeof UNITS)[number];

/** Length of each unit in days (a month counted as 30 days). */
export const DAYS_PER_UNIT: Readonly<Record<Unit, number>> = { hour: 1 / 24, day: 1, week: 7, month: 30 };

/** Number questions and the unit they ask in. */
export const QUESTION_UNITS: Readonly<Record<string, Unit>> = {
  'respiratory.feverDays': 'day',
};
