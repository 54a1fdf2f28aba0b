import type { Locale } from '../flows/contract';
import { stemOf, words } from './words';

// Parts shorter than this are too often a chance match ("en", "av", "is").
const MIN_PART = 3;
// Swedish joins the parts of a compound with an s or an e ("hyres|skuld", "barn|s|jukdom").
const JOINS = new Set(['s', 'e']);

/**
 * Splits a compound into two words both known from the training sentences, by their stems:
 * "tandvärk" -> tand + värk, "hudutslag" -> hud + utslag, "hyresskuld" -> hyr + skuld,
 * "toothache" -> tooth + ach. The split whose shorter part is longest wins, so a chance
 * three-letter part loses to a real one.
 */
export class CompoundSplitter {
  private readonly known: Set<string>;
  // The parts of the vocabulary's own words, computed once: the training sentences repeat them
  // thousands of times. Bounded by the vocabulary; a message's unknown words are not kept.
  private readonly cache = new Map<string, string[]>();

  /** `vocabulary`: the folded words and their stems of one language's training sentences. */
  constructor(
    private readonly locale: Locale,
    vocabulary: Iterable<string>,
  ) {
    this.known = new Set(vocabulary);
  }

  /** The stems of the two parts of a folded word, or none when it is no compound of known words. */
  parts(folded: string): string[] {
    const cached = this.cache.get(folded);
    if (cached) return cached;
    const found = this.split(folded);
    if (this.known.has(folded)) this.cache.set(folded, found);
    return found;
  }

  private split(folded: string): string[] {
    let best: string[] = [];
    let bestShorter = 0;
    for (let i = MIN_PART; i <= folded.length - MIN_PART; i += 1) {
      const head = this.knownStem(folded.slice(0, i));
      if (head === undefined) continue;
      const tails = [folded.slice(i)];
      if (JOINS.has(folded[i]!) && folded.length - i - 1 >= MIN_PART) tails.push(folded.slice(i + 1));
      for (const tail of tails) {
        const stem = this.knownStem(tail);
        const shorter = Math.min(i, tail.length);
        if (stem !== undefined && shorter > bestShorter) {
          best = [head, stem];
          bestShorter = shorter;
        }
      }
    }
    return best;
  }

  private knownStem(part: string): string | undefined {
    const stem = stemOf(this.locale, part);
    return this.known.has(part) || this.known.has(stem) ? stem : undefined;
  }
}

/** The vocabulary a splitter knows: each word of the texts folded and as its stem. */
export function vocabularyOf(locale: Locale, texts: Iterable<string>): Set<string> {
  const out = new Set<string>();
  for (const text of texts) {
    for (const word of words(locale, text)) {
      if (word.folded.length >= MIN_PART) out.add(word.folded);
      if (word.stem.length >= MIN_PART) out.add(word.stem);
    }
  }
  return out;
}
