import { LOCALES, type Locale } from '../flows/contract';
import { phrases, type Phrase } from './words';

/** Reads one key of the locales (namespace-qualified) in one language; undefined when missing. */
export type WordingOf = (locale: Locale, key: string) => string | undefined;

/** The word lists of `locales/<lng>/understanding.json`, parsed once per language and key. */
export class Lexicon {
  private readonly cache = new Map<string, Phrase[]>();

  constructor(private readonly wording: WordingOf) {}

  /** The phrases of an `a|b|c` list (empty when the key is missing). */
  list(locale: Locale, key: string): Phrase[] {
    const id = `${locale}:${key}`;
    let cached = this.cache.get(id);
    if (!cached) {
      const list = this.wording(locale, `understanding:${key}`);
      cached = list === undefined ? [] : phrases(list);
      this.cache.set(id, cached);
    }
    return cached;
  }

  /** The raw text of a key, for lists the caller stems itself. */
  text(locale: Locale, key: string): string | undefined {
    return this.wording(locale, `understanding:${key}`);
  }

  /** An option's label (any namespace) in one language. */
  label(locale: Locale, labelKey: string): string | undefined {
    return this.wording(locale, labelKey);
  }

  /** The conversation's language first, then the others. */
  static order(locale: Locale): Locale[] {
    return [locale, ...LOCALES.filter((l) => l !== locale)];
  }
}
