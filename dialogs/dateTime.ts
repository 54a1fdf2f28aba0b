import type { Locale } from '../flows/contract';

const BCP47: Record<Locale, string> = { fi: 'fi-FI', sv: 'sv-FI', en: 'en-GB' };

/** A moment in Helsinki time, written the way the client's language writes dates. */
export function helsinkiDateTime(iso: string, locale: Locale): string {
  const format = new Intl.DateTimeFormat(BCP47[locale], {
    timeZone: 'Europe/Helsinki',
    weekday: 'long',
    day: 'numeric',
    month: 'numeric',
    hour: 'numeric',
    minute: '2-digit',
  });
  if (locale !== 'sv') return format.format(new Date(iso));
  // sv-FI gives "måndag 7.12 8.00", where the time reads as a second date; Swedish writes "kl. 8.00".
  return format
    .formatToParts(new Date(iso))
    .map((part, i, parts) => (part.type === 'hour' && parts[i - 1]?.type === 'literal' ? `kl. ${part.value}` : part.value))
    .join('');
}
