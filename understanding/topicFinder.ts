import type { Locale } from '../flows/contract';

/** One candidate topic for a typed description, best first; `score` is the classifier's 0–1. */
export interface TopicGuess {
  topic: string;
  score: number;
}

/** Finds the question set a typed description is about. */
export interface TopicFinder {
  /**
   * Candidates, best first (empty when nothing in the corpus resembles the text), in
   * `locale`, or in the language the text is written in when no locale is given.
   */
  find(locale: Locale | undefined, text: string): Promise<{ locale: Locale; guesses: TopicGuess[] }>;
  /** The language `text` is clearly written in: more of its words are known in it than in any other; undefined when they do not tell. */
  languageOf(text: string): Locale | undefined;
}
