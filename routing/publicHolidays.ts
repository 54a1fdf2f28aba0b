// Finnish public holidays for any year, from the date-holidays data set (checked against the
// official list: the movable feasts follow Easter — Good Friday −2, Easter Monday +1, Ascension
// +39, Whit Sunday +49 — Midsummer Day is the Saturday of 20–26 June, All Saints' Day the
// Saturday of 31 Oct – 6 Nov; test/routing/publicHolidays.test.ts holds the known dates).
// Which eves a county closes on, and its own extra days, are catalog data (HolidayPolicy).

import Holidays from 'date-holidays';
import type { Locale } from '../flows/contract';
import type { EveId, ExceptionDate, HolidayPolicy, LocalizedText } from './catalog/types';

/** The eves the data set knows, by their rule in it (bank holidays in Finland, not public ones). */
const EVE_RULES: Readonly<Record<EveId, string>> = {
  midsummerEve: 'friday after 06-19',
  christmasEve: '12-24',
  newYearsEve: '12-31',
};

/** Eve ids a catalog may name. */
export const EVE_IDS = Object.keys(EVE_RULES) as readonly EveId[];

const LANGUAGES: readonly Locale[] = ['fi', 'sv', 'en'];
const finland = new Holidays('FI', { types: ['public', 'bank'] });

interface DataSetDay {
  date: string;
  type: string;
  rule: string;
  name: LocalizedText;
}

function capitalised(text: string): string {
  return text.charAt(0).toLocaleUpperCase('fi') + text.slice(1);
}

/** Years already computed: a handful at most over a process's life (this year, next). */
const yearCache = new Map<number, readonly DataSetDay[]>();

function dataSetYear(year: number): readonly DataSetDay[] {
  const cached = yearCache.get(year);
  if (cached) return cached;
  const names = new Map<string, Record<string, string>>();
  for (const language of LANGUAGES) {
    for (const day of finland.getHolidays(year, language)) {
      const date = day.date.slice(0, 10);
      names.set(date, { ...(names.get(date) ?? {}), [language]: capitalised(day.name) });
    }
  }
  const days = finland.getHolidays(year, 'fi').map((day): DataSetDay => {
    const date = day.date.slice(0, 10);
    return { date, type: day.type, rule: day.rule, name: names.get(date) as LocalizedText };
  });
  yearCache.set(year, days);
  return days;
}

/** The public holidays of a year with their names in fi/sv/en, in date order. */
export function publicHolidaysOf(year: number): ExceptionDate[] {
  return dataSetYear(year)
    .filter((day) => day.type === 'public')
    .map(({ date, name }) => ({ date, name }));
}

/** A data-set day closes the queues: a public holiday, or an eve the policy names. */
function closes(day: DataSetDay, policy: HolidayPolicy): boolean {
  return day.type === 'public' || policy.closedEves.some((eve) => EVE_RULES[eve] === day.rule);
}

/** The days of a year on which queues that observe holidays close: public holidays, the policy's eves, its county days. */
export function closureDaysOf(year: number, policy: HolidayPolicy): ExceptionDate[] {
  const fromDataSet = dataSetYear(year)
    .filter((day) => closes(day, policy))
    .map(({ date, name }): ExceptionDate => ({ date, name }));
  const county = policy.countyDays.filter((day) => day.date.startsWith(`${year}-`));
  const byDate = new Map(fromDataSet.map((day) => [day.date, day]));
  // A county day overrides the computed one (e.g. shorter hours on an eve).
  for (const day of county) byDate.set(day.date, day);
  return [...byDate.values()].sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
}

/** The closure day on a Helsinki date (YYYY-MM-DD), if that date is one. */
export function closureDayOn(date: string, policy: HolidayPolicy): ExceptionDate | undefined {
  const county = policy.countyDays.find((day) => day.date === date);
  if (county) return county;
  const day = dataSetYear(Number(date.slice(0, 4))).find((d) => d.date === date && closes(d, policy));
  return day ? { date: day.date, name: day.name } : undefined;
}
