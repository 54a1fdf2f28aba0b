import { StemmerEn } from '@nlpjs/lang-en';
import { StemmerFi } from '@nlpjs/lang-fi';
import { StemmerSv } from '@nlpjs/lang-sv';
import type { Locale } from '../flows/contract';

/** A word of a message: as folded for exact lists (case, diacritics) and as its stem. */
export interface Word {
  folded: string;
  stem: string;
}

/** A phrase of a word list, folded word by word. */
export type Phrase = readonly string[];

const STEMMERS: Record<Locale, { stem(tokens: string[]): string[] }> = { fi: new StemmerFi(), sv: new StemmerSv(), en: new StemmerEn() };

/** Case, diacritics (ä→a, å→a, ö→o) and spacing folded, as dialogs/textMatch does. */
export function fold(word: string): string {
  return word
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase();
}

/** The words of a text (letters and digits; punctuation splits), in reading order. */
export function tokens(text: string): string[] {
  return text
    .normalize('NFC')
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter((token) => token !== '');
}

/** The words of `text` with the stems of `locale`'s NLP.js stemmer (inflections folded away). */
export function words(locale: Locale, text: string): Word[] {
  const raw = tokens(text);
  const stems = STEMMERS[locale].stem(raw);
  return raw.map((token, i) => ({ folded: fold(token), stem: fold(stems[i] ?? token) }));
}

/** The stem of one folded word (no tokenizing), as `words` gives it. */
export function stemOf(locale: Locale, folded: string): string {
  return fold(STEMMERS[locale].stem([folded])[0] ?? folded);
}

/** The phrases of an `a|b|c` list from the locales, folded word by word. */
export function phrases(list: string): Phrase[] {
  return list
    .split('|')
    .map((phrase) => tokens(phrase).map(fold))
    .filter((phrase) => phrase.length > 0);
}

/** Where `phrase` starts in `folded` at or after `from`, matching whole words; -1 when absent. */
export function indexOfPhrase(folded: readonly string[], phrase: Phrase, from = 0): number {
  for (let i = from; i + phrase.length <= folded.length; i += 1) {
    if (phrase.every((word, j) => folded[i + j] === word)) return i;
  }
  return -1;
}

/** Length of the longest phrase the words begin with (0: none). */
export function leadingLength(folded: readonly string[], list: readonly Phrase[]): number {
  return list.reduce((best, phrase) => (phrase.length > best && indexOfPhrase(folded.slice(0, phrase.length), phrase) === 0 ? phrase.length : best), 0);
}

/** True when any phrase of the list occurs in the words. */
export function containsAny(folded: readonly string[], list: readonly Phrase[]): boolean {
  return list.some((phrase) => indexOfPhrase(folded, phrase) >= 0);
}
