// Opening hours in Helsinki time (helsinkiTime.ts): is a queue open at an instant, and when
// does it next open.

import type { ServiceCatalog, WorkQueue } from './catalog/types';
import { closureDayOn } from './publicHolidays';
import { clockMinutes, helsinkiTime, helsinkiToInstant } from './helsinkiTime';

/** How far ahead a next opening is searched. */
const SEARCH_DAYS = 21;

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
