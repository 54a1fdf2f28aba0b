import type { Locale } from '../flows/contract';
import type { Lexicon } from './lexicon';
import { digitsIn, longestOf } from './numbers';
import { fold, tokens, type Phrase } from './words';

/** Bands of a choice question of ranges: an option (its prompt id) per band, each below an amount. */
export interface Band {
  id: string;
  /** The band holds amounts below this (and at or above the previous band's). */
  below: number;
}

/** Choice questions whose options are age bands, by question id. */
export const QUESTION_AGE_BANDS: Readonly<Record<string, readonly Band[]>> = {
  'entry.childAge': [
    { id: 'childAge.under1', below: 1 },
    { id: 'childAge.1to6', below: 7 },
    { id: 'childAge.7to11', below: 12 },
    { id: 'childAge.12to17', below: 18 },
  ],
  'mental.ageGroup': [
    { id: 'ageGroup.18to64', below: 65 },
    { id: 'ageGroup.65plus', below: 150 },
  ],
};

const AGE_UNITS = [
  ['year', 1],
  ['month', 1 / 12],
  ['week', 7 / 365],
  ['day', 1 / 365],
] as const;

/**
 * An age typed in years or smaller units ("8 år", "kahdeksan vuotta", "8-vuotias", "eight
 * years old", "3 kuukautta"), in years, not rounded (three months is 0.25); bare digits are
 * years. Undefined when the text has no digits and no number word with a unit.
 */
export function readAge(lexicon: Lexicon, locale: Locale, text: string): number | undefined {
  const folded = tokens(text).map(fold);
  const list = (key: string) => lexicon.list(locale, `numbers.${key}`);
  const unit = longestOf(
    folded,
    AGE_UNITS.map(([u]) => [u, list(`units.${u}`)] as const),
  );
  const numberWords = ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9', '10', '14', '20', '30'].map((n) => [n, list(`words.${n}`)] as [string, Phrase[]]);
  const digits = digitsIn(text);
  // Number words count only with a unit: "a", "en", "pari" are words of other answers too ("a teenager").
  const worded = digits === undefined && unit !== undefined ? longestOf(folded, numberWords) : undefined;
  const amount = digits ?? (worded !== undefined ? Number(worded) : undefined);
  if (amount === undefined) return undefined;
  const perUnit = AGE_UNITS.find(([u]) => u === unit)?.[1] ?? 1;
  return amount * perUnit;
}

/** The band an amount falls in; undefined at or above the last band. */
export function bandOf(bands: readonly Band[], amount: number): string | undefined {
  return bands.find((band) => amount < band.below)?.id;
}

/** Choice questions whose options are ranges of days (how long the symptoms have lasted), by question id. */
export const QUESTION_DAY_BANDS: Readonly<Record<string, readonly Band[]>> = {
  'urinary.duration': [
    { id: 'duration.underDay', below: 1 },
    { id: 'duration.days', below: 8 },
    { id: 'duration.overWeek', below: Number.POSITIVE_INFINITY },
  ],
  'respiratory.duration': [
    { id: 'duration.underWeek', below: 7 },
    { id: 'duration.oneToThreeWeeks', below: 22 },
    { id: 'duration.overThreeWeeks', below: Number.POSITIVE_INFINITY },
  ],
  'skin.duration': [
    { id: 'duration.today', below: 1 },
    { id: 'duration.days', below: 7 },
    { id: 'duration.weeks', below: 30 },
    { id: 'duration.months', below: Number.POSITIVE_INFINITY },
  ],
};
