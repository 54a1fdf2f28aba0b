import type { Locale } from '../flows/contract';
import type { Lexicon } from './lexicon';
import { DAYS_PER_UNIT, UNITS, type Unit } from './questionUnits';
import { fold, indexOfPhrase, tokens, type Phrase } from './words';
import { helsinkiTime } from '../routing/helsinkiTime';

const WEEKDAYS = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'] as const;
const RELATIVE_DAYS = { today: 0, yesterday: 1, twoDaysAgo: 2 } as const;

/** The longest phrase of any list that occurs in the words, with the list's key. */
export function longestOf<K extends string>(folded: readonly string[], lists: readonly [K, readonly Phrase[]][]): K | undefined {
  let best: { key: K; length: number } | undefined;
  for (const [key, list] of lists) {
    for (const phrase of list) {
      if (phrase.length > (best?.length ?? 0) && indexOfPhrase(folded, phrase) >= 0) best = { key, length: phrase.length };
    }
  }
  return best?.key;
}

/** Days from the last `weekday` (today counts as 0) to now, in Helsinki. */
function daysSince(weekday: (typeof WEEKDAYS)[number], now: Date): number {
  // helsinkiTime's weekday is 1 = Monday … 7 = Sunday; WEEKDAYS starts from Sunday.
  const today = helsinkiTime(now).weekday % 7;
  return (today - WEEKDAYS.indexOf(weekday) + 7) % 7;
}

/** Digits in the text; of a range ("2-3", "2–3") the larger, the careful reading for a duration. */
export function digitsIn(text: string): number | undefined {
  const range = /(\d+(?:[.,]\d+)?)\s*[-–]\s*(\d+(?:[.,]\d+)?)/.exec(text);
  if (range) return Math.max(Number(range[1]!.replace(',', '.')), Number(range[2]!.replace(',', '.')));
  const single = /\d+(?:[.,]\d+)?/.exec(text);
  return single ? Number(single[0].replace(',', '.')) : undefined;
}

/**
 * Reads a typed number in the conversation's language: digits or number words, with a unit
 * converted to the question's ("viikon" is 7 when the question counts days), and for a
 * question in days also "eilen / igår / yesterday" and "since Monday". A unit the question
 * cannot be converted to, or no number at all, reads as nothing.
 */
export function readNumber(lexicon: Lexicon, locale: Locale, text: string, unit: Unit | undefined, now: Date, exact = false): number | undefined {
  const folded = tokens(text).map(fold);
  const list = (key: string) => lexicon.list(locale, `numbers.${key}`);
  if (unit === 'day') {
    const relative = longestOf(
      folded,
      (Object.keys(RELATIVE_DAYS) as (keyof typeof RELATIVE_DAYS)[]).map((k) => [k, list(`relative.${k}`)]),
    );
    if (relative !== undefined) return RELATIVE_DAYS[relative];
    const weekday = longestOf(
      folded,
      WEEKDAYS.map((d) => [d, list(`weekdays.${d}`)] as const),
    );
    if (weekday !== undefined) return daysSince(weekday, now);
  }
  const given = longestOf(
    folded,
    UNITS.map((u) => [u, list(`units.${u}`)] as const),
  );
  const numberWords = ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9', '10', '14', '20', '30'].map((n) => [n, list(`words.${n}`)] as [string, Phrase[]]);
  const digits = digitsIn(text);
  const worded = digits === undefined ? longestOf(folded, numberWords) : undefined;
  // A unit alone is one of it: "viikon", "a week", "ett dygn".
  const amount = digits ?? (worded !== undefined ? Number(worded) : given !== undefined ? 1 : undefined);
  if (amount === undefined) return undefined;
  if (given === undefined || given === unit) return amount;
  if (unit === undefined) return undefined;
  const converted = (amount * DAYS_PER_UNIT[given]) / DAYS_PER_UNIT[unit];
  // Converted durations are rounded up: twelve hours of fever count as a day (unless `exact`,
  // for a choice of ranges, where five hours is "under a day").
  return exact ? converted : Math.ceil(converted - 1e-9);
}

/** True when the text gives an amount: digits, or a number word of the language. */
export function hasAmount(lexicon: Lexicon, locale: Locale, text: string): boolean {
  if (digitsIn(text) !== undefined) return true;
  const folded = tokens(text).map(fold);
  return ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9', '10', '14', '20', '30'].some((n) =>
    lexicon.list(locale, `numbers.words.${n}`).some((p) => indexOfPhrase(folded, p) >= 0),
  );
}
