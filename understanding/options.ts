import type { Locale } from '../flows/contract';
import { Lexicon } from './lexicon';
import { words, type Word } from './words';

/** An option with the phrases (label and synonyms) it may be typed as, in one language. */
export interface OptionPhrases {
  id: string;
  /** Raw phrases; stemmed here with the language's stemmer. */
  phrases: readonly string[];
}

interface Hit {
  id: string;
  length: number;
}

/** Two stems name the same word: equal, one a prefix of the other, or a compound's part (Finnish "hammassärky"). */
function sameWord(typed: string, phrase: string): boolean {
  if (typed === phrase) return true;
  if (Math.min(typed.length, phrase.length) >= 4 && (typed.startsWith(phrase) || phrase.startsWith(typed))) return true;
  return phrase.length >= 5 && typed.includes(phrase);
}

function occurrences(text: readonly Word[], phrase: readonly Word[]): number[] {
  const at: number[] = [];
  for (let i = 0; i + phrase.length <= text.length; i += 1) {
    if (phrase.every((word, j) => sameWord(text[i + j]!.stem, word.stem) || text[i + j]!.folded === word.folded)) at.push(i);
  }
  return at;
}

/**
 * The options a typed answer names, by stems, so inflected forms count ("kutisee",
 * "rakkuloita", "veckor"). A phrase right after a negation ("ei kutinaa", "utan feber") does
 * not name its option, unless the phrase is itself negative ("ei särkyä").
 */
export function matchOptions(lexicon: Lexicon, locale: Locale, text: string, options: readonly OptionPhrases[]): Hit[] {
  const typed = words(locale, text);
  const negations = new Set(lexicon.list(locale, 'negationWords').map((p) => p.join(' ')));
  const hits: Hit[] = [];
  for (const option of options) {
    let best = 0;
    for (const raw of option.phrases) {
      const phrase = words(locale, raw);
      if (phrase.length === 0) continue;
      const phraseNegative = negations.has(phrase[0]!.folded);
      const found = occurrences(typed, phrase).some((i) => phraseNegative || i === 0 || !negations.has(typed[i - 1]!.folded));
      if (found) best = Math.max(best, phrase.length);
    }
    if (best > 0) hits.push({ id: option.id, length: best });
  }
  return hits;
}

/** The one option a choice answer names: the only hit, or the one with the longest phrase. */
export function bestOption(hits: readonly Hit[]): string | undefined {
  if (hits.length === 0) return undefined;
  const longest = Math.max(...hits.map((h) => h.length));
  const top = hits.filter((h) => h.length === longest);
  return top.length === 1 ? top[0]!.id : undefined;
}

export { Lexicon };
