import { LOCALES, type Locale } from '../flows/contract';
import { TOPIC_IDS, type TopicId } from '../flows/topicIds';
import type { Corpus } from './corpus';

/** One training sentence of the topic finder. */
export interface TopicDocument {
  locale: Locale;
  topic: TopicId;
  text: string;
}

/** Locale resources as i18n loads them: namespace -> nested keys. */
type Resources = Record<Locale, Record<string, Record<string, unknown>>>;

function strings(node: unknown): string[] {
  if (typeof node === 'string') return node.split('|');
  if (typeof node === 'object' && node !== null) return Object.values(node).flatMap(strings);
  return [];
}

function at(node: unknown, ...path: string[]): unknown {
  return path.reduce<unknown>((n, key) => (typeof n === 'object' && n !== null ? (n as Record<string, unknown>)[key] : undefined), node);
}

/**
 * The finder's training sentences: the corpus, plus what the locales already say about each
 * topic (its menu label, its synonyms and the synonyms of its questions' options) and its
 * lexicon of domain terms (`understanding.topicTerms`: conditions, services, professions), so a
 * one-word description ("hammas", "hyra", "psoriasis") is known even when no utterance has it.
 */
export function topicDocuments(corpus: Corpus, resources: Resources): TopicDocument[] {
  const docs: TopicDocument[] = [];
  for (const locale of LOCALES) {
    const understanding = resources[locale].understanding;
    for (const topic of TOPIC_IDS) {
      const add = (text: string) => {
        if (text.trim() !== '') docs.push({ locale, topic, text: text.trim() });
      };
      corpus[locale][topic].forEach(add);
      strings(at(resources[locale].entry, 'topic', 'options', topic)).forEach(add);
      strings(at(understanding, 'options', 'entry', 'topic', topic)).forEach(add);
      strings(at(understanding, 'options', topic)).forEach(add);
      strings(at(understanding, 'topicTerms', topic)).forEach(add);
    }
  }
  return docs;
}
