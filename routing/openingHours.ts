// Opening hours in Europe/Helsinki time with Intl only: is a queue open at an instant,
// and when does it next open.

import type { ServiceCatalog, WorkQueue } from './catalog/types';
import { closureDayOn } from './publicHolidays';

const ZONE = 'Europe/Helsinki';
const FORMAT = new Intl.DateTimeFormat('en-GB', {
  timeZone: ZONE,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
  weekday: 'short',
});
const WEEKDAY: Readonly<Record<string, number>> = { Mon: 1, Tue: 2, Wed: 3, Thu: 4, Fri: 5, Sat: 6, Sun: 7 };
/** How far ahead a next opening is searched. */
const SEARCH_DAYS = 21;

/** Wall-clock time in Helsinki: date YYYY-MM-DD, weekday 1 = Monday, minutes since midnight. */
export interface HelsinkiTime {
  date: string;
  weekday: number;
  minutes: number;
}

/** The Helsinki wall-clock time of an instant. */
export function helsinkiTime(instant: Date): HelsinkiTime {
  const parts = Object.fromEntries(FORMAT.formatToParts(instant).map((p) => [p.type, p.value]));
  return {
    date: `${parts.year}-${parts.month}-${parts.day}`,
    weekday: WEEKDAY[parts.weekday ?? ''] ?? 0,
    minutes: Number(parts.hour) * 60 + Number(parts.minute),
  };
}

/** Minutes since midnight of an `HH:MM` string. */
export function clockMinutes(hhmm: string): number {
  const [h, m] = hhmm.split(':').map(Number);
  return (h ?? 0) * 60 + (m ?? 0);
}

function offsetMinutes(instant: Date): number {
  const t = helsinkiTime(instant);
  const [y, mo, d] = t.date.split('-').map(Number);
  const wall = Date.UTC(y!, mo! - 1, d!, 0, t.minutes);
  return Math.round((wall - Math.floor(instant.getTime() / 60000) * 60000) / 60000);
}

/** The instant of a Helsinki wall-clock time (DST-aware). */
export function helsinkiToInstant(date: string, minutes: number): Date {
  const [y, mo, d] = date.split('-').map(Number);
  const wall = Date.UTC(y!, mo! - 1, d!, 0, minutes);
  let instant = wall - offsetMinutes(new Date(wall)) * 60000;
  instant = wall - offsetMinutes(new Date(instant)) * 60000;
  return new Date(instant);
}

function addDays(date: string, days: number): { date: string; weekday: number } {
  const [y, mo, d] = date.split('-').map(Number);
  const next = new Date(Date.UTC(y!, mo! - 1, d! + days));
  const weekday = next.getUTCDay() === 0 ? 7 : next.getUTCDay();
  return { date: next.toISOString().slice(0, 10), weekday };
}

/** The queue's hours on a Helsinki date, or undefined when closed all day. */
export function hoursOn(queue: WorkQueue, catalog: ServiceCatalog, date: string, weekday: number): { open: number; close: number } | undefined {
  const exception = queue.exceptions?.find((e) => e.date === date);
  if (exception) return exception.hours ? { open: clockMinutes(exception.hours.open), close: clockMinutes(exception.hours.close) } : undefined;
  if (queue.observesPublicHolidays) {
    const holiday = closureDayOn(date, catalog.holidays);
    if (holiday) return holiday.hours ? { open: clockMinutes(holiday.hours.open), close: clockMinutes(holiday.hours.close) } : undefined;
  }
  const day = queue.hours.find((h) => h.day === weekday);
  return day ? { open: clockMinutes(day.open), close: clockMinutes(day.close) } : undefined;
}

/** True when the queue is open at the instant. */
export function isOpen(queue: WorkQueue, catalog: ServiceCatalog, now: Date): boolean {
  const t = helsinkiTime(now);
  const hours = hoursOn(queue, catalog, t.date, t.weekday);
  return hours !== undefined && t.minutes >= hours.open && t.minutes < hours.close;
}

/** The next instant the queue opens after `now` (not counting an opening already under way). */
export function nextOpening(queue: WorkQueue, catalog: ServiceCatalog, now: Date): Date | undefined {
  const t = helsinkiTime(now);
  for (let offset = 0; offset <= SEARCH_DAYS; offset++) {
    const day = addDays(t.date, offset);
    const hours = hoursOn(queue, catalog, day.date, day.weekday);
    if (!hours) continue;
    if (offset === 0 && t.minutes >= hours.open) continue;
    return helsinkiToInstant(day.date, hours.open);
  }
  return undefined;
}
