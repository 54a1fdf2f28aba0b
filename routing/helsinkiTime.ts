// Helsinki time, the one module for it: the wall-clock time of an instant (opening hours), the
// instant of a wall-clock time (DST-aware), and the ways a Helsinki moment is written for a client,
// for staff and for reading weekdays. Intl only, so any year works (no tables to keep).

import type { Locale } from '../flows/contract';

/** The county's time zone. */
export const HELSINKI_ZONE = 'Europe/Helsinki';
const WALL_CLOCK = new Intl.DateTimeFormat('en-GB', {
  timeZone: HELSINKI_ZONE,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
  weekday: 'short',
});
const WEEKDAY_NUMBER: Readonly<Record<string, number>> = { Mon: 1, Tue: 2, Wed: 3, Thu: 4, Fri: 5, Sat: 6, Sun: 7 };
/** Wall-clock time in Helsinki: date YYYY-MM-DD, weekday 1 = Monday, minutes since midnight. */
export interface HelsinkiTime {
  date: string;
  weekday: number;
  minutes: number;
}

/** The Helsinki wall-clock time of an instant. */
export function helsinkiTime(instant: Date): HelsinkiTime {
  const parts = Object.fromEntries(WALL_CLOCK.formatToParts(instant).map((p) => [p.type, p.value]));
  return {
    date: `${parts.year}-${parts.month}-${parts.day}`,
    weekday: WEEKDAY_NUMBER[parts.weekday ?? ''] ?? 0,
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

const BCP47: Record<Locale, string> = { fi: 'fi-FI', sv: 'sv-FI', en: 'en-GB' };
const CLIENT_FORMATS: Record<Locale, Intl.DateTimeFormat> = {
  fi: clientFormat('fi'),
  sv: clientFormat('sv'),
  en: clientFormat('en'),
};

function clientFormat(locale: Locale): Intl.DateTimeFormat {
  return new Intl.DateTimeFormat(BCP47[locale], {
    timeZone: HELSINKI_ZONE,
    weekday: 'long',
    day: 'numeric',
    month: 'numeric',
    hour: 'numeric',
    minute: '2-digit',
  });
}

/** A moment in Helsinki time, written the way the client's language writes dates ("maanantai 7.12. klo 8.00"). */
export function helsinkiDateTime(iso: string, locale: Locale): string {
  const format = CLIENT_FORMATS[locale];
  if (locale !== 'sv') return format.format(new Date(iso));
  // sv-FI gives "måndag 7.12 8.00", where the time reads as a second date; Swedish writes "kl. 8.00".
  return format
    .formatToParts(new Date(iso))
    .map((part, i, parts) => (part.type === 'hour' && parts[i - 1]?.type === 'literal' ? `kl. ${part.value}` : part.value))
    .join('');
}

const STAFF_FORMAT = new Intl.DateTimeFormat('sv-SE', {
  timeZone: HELSINKI_ZONE,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});

/** "2026-11-22 14:05 (Europe/Helsinki)": a moment for staff, the same in every language. */
export function helsinkiStamp(at: Date): string {
  return `${STAFF_FORMAT.format(at)} (${HELSINKI_ZONE})`;
}
