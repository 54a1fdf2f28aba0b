import type { Band, Locale } from '../flows/contract';
import type { Lexicon } from './lexicon';
import { digitsIn, longestOf } from './numbers';
import { fold, tokens, type Phrase } from './words';

export type { Band } from '../flows/contract';

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
