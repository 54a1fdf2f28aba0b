// The topic finder's training corpus: utterances per topic and language, written the way
// people chat, kept as data in locales/corpus/topics.<lng>.json and validated at start-up.
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { LuotsiError } from '../errors';
import { LOCALES, type Locale } from '../flows/contract';
import { TOPIC_IDS, type TopicId } from '../flows/topicIds';
import { LOCALES_DIR } from '../paths';

/** Where the corpus files are. */
export const CORPUS_DIR = path.join(LOCALES_DIR, 'corpus');
/** Fewest utterances a topic must have in each language. */
export const MIN_UTTERANCES = 12;
/** Every HELD_OUT_EVERY-th utterance of a topic (the 4th, 8th, …) is held out of the bench's training split. */
export const HELD_OUT_EVERY = 4;

/** Utterances per topic per language. */
export type Corpus = Readonly<Record<Locale, Readonly<Record<TopicId, readonly string[]>>>>;

/** The corpus is missing, malformed or too thin. */
export class CorpusError extends LuotsiError {
  readonly code = 'CorpusError';
}

function validTopics(file: string, raw: unknown): Record<TopicId, string[]> {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) throw new CorpusError(`${file}: not an object of topics`);
  const record = raw as Record<string, unknown>;
  for (const key of Object.keys(record)) {
    if (!(TOPIC_IDS as readonly string[]).includes(key)) throw new CorpusError(`${file}: unknown topic '${key}'`);
  }
  const out = {} as Record<TopicId, string[]>;
  for (const topic of TOPIC_IDS) {
    const list = record[topic];
    if (!Array.isArray(list) || list.some((u) => typeof u !== 'string' || u.trim() === '')) {
      throw new CorpusError(`${file}: topic '${topic}' must be a list of non-empty utterances`);
    }
    if (list.length < MIN_UTTERANCES) throw new CorpusError(`${file}: topic '${topic}' has ${list.length} utterances, at least ${MIN_UTTERANCES} needed`);
    const seen = new Set<string>();
    for (const utterance of list as string[]) {
      const key = utterance.trim().toLowerCase();
      if (seen.has(key)) throw new CorpusError(`${file}: topic '${topic}' repeats an utterance`);
      seen.add(key);
    }
    out[topic] = list as string[];
  }
  return out;
}

/** Reads and validates the corpus of every language. */
export function loadCorpus(dir: string = CORPUS_DIR): Corpus {
  const corpus = {} as Record<Locale, Record<TopicId, string[]>>;
  for (const locale of LOCALES) {
    const file = path.join(dir, `topics.${locale}.json`);
    let raw: unknown;
    try {
      raw = JSON.parse(fs.readFileSync(file, 'utf8'));
    } catch (error) {
      throw new CorpusError(`${path.basename(file)}: cannot be read as JSON`, { cause: error });
    }
    corpus[locale] = validTopics(path.basename(file), raw);
  }
  return corpus;
}

/** The corpus without its held-out utterances, and those utterances (for the bench). */
export function splitCorpus(corpus: Corpus): { train: Corpus; heldOut: { locale: Locale; topic: TopicId; utterance: string; position: number }[] } {
  const train = {} as Record<Locale, Record<TopicId, string[]>>;
  const heldOut: { locale: Locale; topic: TopicId; utterance: string; position: number }[] = [];
  for (const locale of LOCALES) {
    train[locale] = {} as Record<TopicId, string[]>;
    for (const topic of TOPIC_IDS) {
      const all = corpus[locale][topic];
      train[locale][topic] = all.filter((_, i) => (i + 1) % HELD_OUT_EVERY !== 0);
      all.forEach((utterance, i) => {
        if ((i + 1) % HELD_OUT_EVERY === 0) heldOut.push({ locale, topic, utterance, position: i + 1 });
      });
    }
  }
  return { train, heldOut };
}

/** One fold of a k-fold cross-validation over a training split: train on the rest, test on it. */
export interface CorpusFold {
  train: Corpus;
  test: { locale: Locale; topic: TopicId; utterance: string }[];
}

/**
 * k folds of `train` (the bench's training split), for choosing changes without looking at the
 * held-out utterances: utterance j of a topic and language (0-based, in the split's order) is in
 * fold j mod k, so every fold has about a k-th of every topic in every language.
 */
export function foldsOf(train: Corpus, k: number): CorpusFold[] {
  if (!Number.isInteger(k) || k < 2) throw new CorpusError(`cross-validation needs at least 2 folds, not ${k}`);
  return Array.from({ length: k }, (_, fold) => {
    const rest = {} as Record<Locale, Record<TopicId, string[]>>;
    const test: CorpusFold['test'] = [];
    for (const locale of LOCALES) {
      rest[locale] = {} as Record<TopicId, string[]>;
      for (const topic of TOPIC_IDS) {
        const all = train[locale][topic];
        rest[locale][topic] = all.filter((_, j) => j % k !== fold);
        all.forEach((utterance, j) => {
          if (j % k === fold) test.push({ locale, topic, utterance });
        });
      }
    }
    return { train: rest, test };
  });
}

/** A stable hash of anything JSON, for the model cache key. */
export function hashOf(value: unknown): string {
  return createHash('sha256').update(JSON.stringify(value)).digest('hex').slice(0, 32);
}
