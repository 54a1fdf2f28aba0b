import type { i18n as I18n } from 'i18next';
import { LOCALES } from '../flows/contract';
import { foldText, foldedAlternatives } from './textMatch';

/** Words that act at any point of a conversation. */
export type GlobalWord = 'restart' | 'back' | 'language' | 'human' | 'end' | 'erase';

/** Value of a button that stands for a global word (e.g. "talk to a person" after two misses). */
export interface GlobalWordPress {
  globalWord: GlobalWord;
}

// `erase` is "delete my data": the dialog asks for confirmation before anything is deleted.
const WORDS: readonly GlobalWord[] = ['restart', 'back', 'language', 'human', 'end', 'erase'];

/**
 * Recognises the global words in every language at once: a Swedish speaker on a
 * Finnish page can still type "börja om". Only a whole message counts, so an answer
 * that merely contains "back" is not taken as a command.
 */
export class GlobalWords {
  private readonly index = new Map<string, GlobalWord>();
  private readonly skip: string[];

  constructor(i18n: I18n) {
    for (const lng of LOCALES) {
      const t = i18n.getFixedT(lng);
      for (const word of WORDS) {
        for (const alternative of foldedAlternatives(t(`common:globalWords.${word}`))) {
          if (!this.index.has(alternative)) this.index.set(alternative, word);
        }
      }
    }
    this.skip = LOCALES.map((lng) => foldText(i18n.getFixedT(lng)('common:skip')));
  }

  /** The global word the whole message is, if any. */
  match(text: string): GlobalWord | undefined {
    return this.index.get(foldText(text));
  }

  /** "Skip" in every language, folded. */
  skipWords(): string[] {
    return this.skip;
  }
}
