import type { Locale, PromptMeta, PromptOption } from '../flows/contract';
import { bandOf, readAge, type Band } from './ages';
import { Lexicon } from './lexicon';
import { hasAmount, readNumber } from './numbers';
import { bestOption, matchOptions, type OptionPhrases } from './options';
import { QUESTION_UNITS } from './questionUnits';
import { readYesNo, type YesNoReading } from './yesNo';

/** Reads answers typed in a person's own words, in one conversation's language. */
export interface AnswerReader {
  yesNo(text: string): YesNoReading | undefined;
  /** The number the text gives in the question's unit, if any. */
  number(text: string, prompt: PromptMeta): number | undefined;
  /** The options the text names: one for a choice (undefined when unclear), all for a multi-choice. */
  options(text: string, prompt: PromptMeta, many: boolean): string[] | undefined;
}

/** `dental:pain.options.severe` -> `options.dental.pain.severe` (its synonyms in understanding.json). */
export function synonymKey(labelKey: string): string {
  return `options.${labelKey.replace(':', '.').replace('.options.', '.')}`;
}

/** The band an amount falls in, as a one-option answer; undefined beyond the last band. */
function inBand(bands: readonly Band[], amount: number): string[] | undefined {
  const band = bandOf(bands, amount);
  return band === undefined ? undefined : [band];
}

/** The AnswerReader of one language over the locales' wording. */
export function createAnswerReader(lexicon: Lexicon, locale: Locale, clock: () => Date): AnswerReader {
  const phrasesIn = (lng: Locale, options: readonly PromptOption[]): OptionPhrases[] =>
    options.map((option) => ({
      id: option.id,
      phrases: [lexicon.label(lng, option.labelKey), ...(lexicon.text(lng, synonymKey(option.labelKey)) ?? '').split('|')].filter(
        (p): p is string => p !== undefined && p.trim() !== '',
      ),
    }));
  return {
    yesNo: (text) => readYesNo(lexicon, locale, text),
    number: (text, prompt) => readNumber(lexicon, locale, text, prompt.id === undefined ? undefined : QUESTION_UNITS[prompt.id], clock()),
    options: (text, prompt, many) => {
      const options = prompt.options ?? [];
      const amounts = many ? undefined : prompt.amounts;
      if (amounts?.unit === 'age') {
        // An age in the person's words picks its band ("8 år" is 7–11); an adult's age picks none.
        const age = readAge(lexicon, locale, text);
        if (age !== undefined) return inBand(amounts.bands, age);
      }
      const byAmount = (unit: 'day' | 'count', bands: readonly Band[]) => {
        const amount = readNumber(lexicon, locale, text, unit === 'day' ? 'day' : undefined, clock(), true);
        return amount === undefined ? undefined : inBand(bands, amount);
      };
      // An amount ("10 päivää", "två veckor", "5 annosta") picks its range before any phrase ("päivää" is "days").
      if ((amounts?.unit === 'day' || amounts?.unit === 'count') && hasAmount(lexicon, locale, text)) return byAmount(amounts.unit, amounts.bands);
      for (const lng of Lexicon.order(locale)) {
        const hits = matchOptions(lexicon, lng, text, phrasesIn(lng, options));
        if (hits.length === 0) continue;
        if (many) return options.filter((o) => hits.some((h) => h.id === o.id)).map((o) => o.id);
        const one = bestOption(hits);
        return one === undefined ? undefined : [one];
      }
      // No phrase: a day word or a unit alone ("maanantaista", "i förrgår", "a week").
      return amounts?.unit === 'day' ? byAmount('day', amounts.bands) : undefined;
    },
  };
}
