import type { Locale } from '../flows/contract';
import { Lexicon } from './lexicon';
import { containsAny, fold, indexOfPhrase, leadingLength, tokens, type Phrase } from './words';

/** What a typed answer to a yes/no question says; `unsure` ("en tiedä") is neither. */
export type YesNoReading = 'yes' | 'no' | 'unsure';

function strippedFillers(folded: string[], fillers: readonly Phrase[]): string[] {
  let rest = folded;
  for (let n = leadingLength(rest, fillers); n > 0 && rest.length > n; n = leadingLength(rest, fillers)) rest = rest.slice(n);
  return rest;
}

/** Reads yes/no in one language's lists; undefined when they say nothing about the text. */
export function readYesNoIn(lexicon: Lexicon, locale: Locale, text: string): YesNoReading | undefined {
  const list = (key: string) => lexicon.list(locale, `yesNo.${key}`);
  const folded = strippedFillers(tokens(text).map(fold), list('fillers'));
  if (folded.length === 0) return undefined;
  // The longest phrase the answer begins with decides: "en tiedä" is longer than "en".
  const leading: [YesNoReading, number][] = [
    ['unsure', leadingLength(folded, list('unsure'))],
    ['no', leadingLength(folded, list('no'))],
    ['yes', leadingLength(folded, list('yes'))],
  ];
  const best = leading.reduce((a, b) => (b[1] > a[1] ? b : a));
  // "I don't know": an unsure phrase that starts inside the leading "I don't" wins.
  if (
    best[0] !== 'unsure' &&
    list('unsure').some((phrase) => {
      const at = indexOfPhrase(folded, phrase);
      return at >= 0 && at < best[1];
    })
  )
    return 'unsure';
  if (best[1] > 0) return best[0];
  if (containsAny(folded, list('unsure'))) return 'unsure';
  if (containsAny(folded, list('negations'))) return 'no';
  if (containsAny(folded, list('affirmations'))) return 'yes';
  return undefined;
}

/**
 * Reads a typed yes/no in the conversation's language first, then the others: colloquial
 * forms ("joo", "kyl", "ei oo", "nä", "nope"), the answer's first words before the rest
 * ("ei, mutta…"), then a negation or affirmation inside a sentence ("mulla ei oo kuumetta").
 */
export function readYesNo(lexicon: Lexicon, locale: Locale, text: string): YesNoReading | undefined {
  for (const lng of Lexicon.order(locale)) {
    const reading = readYesNoIn(lexicon, lng, text);
    if (reading !== undefined) return reading;
  }
  return undefined;
}
