import { LOCALES, type Locale } from '../flows/contract';
import { CompoundSplitter, vocabularyOf } from './compounds';
import type { TopicDocument } from './topicDocuments';
import { words } from './words';

// Character n-grams of a word catch what stems miss: Finnish compounds ("hammassärky"),
// typos ("kirvelle") and derivations the stemmer leaves apart.
const GRAM = 4;
// Additive smoothing of the feature counts (Laplace would flatten a corpus this small).
const SMOOTHING = 0.1;
// A stem says more than one of its n-grams; grams are many per word, so each counts less.
const STEM_WEIGHT = 1;
const GRAM_WEIGHT = 0.35;
// A feature's weight is (ln((topics + 1) / topics it occurs in))^IDF_POWER: a word of every topic
// ("jag", "have", "on") then counts for almost nothing, one of a single topic fully. Chosen by
// 5-fold cross-validation inside the bench's training split (0.5 over 0 and 1: +1.5 points top-1).
const IDF_POWER = 0.5;
// The parts of a compound of known words ("tandvärk": tand, värk) count as words of this weight.
// Split in Swedish and English only: 5-fold cross-validation inside the training split gave
// sv +0.1 and en +0.6 points top-1 and Finnish -0.1 (its n-grams already catch "hammassärky").
const PART_WEIGHT = 0.3;
const SPLIT_COMPOUNDS: ReadonlySet<Locale> = new Set(['sv', 'en']);
// Documents featured between two turns of the event loop when built in slices (a few ms each).
const SLICE = 100;
// Posteriors are sharpened by this before normalising, so sure matches read as sure.
const SHARPNESS = 0.6;

interface TopicCounts {
  features: Map<string, number>;
  total: number;
}

/** The features of a text: its stems, the n-grams of its longer words (padded with '_'), and the stems of its compounds' parts. */
export function featuresOf(locale: Locale, text: string, compounds?: CompoundSplitter): Map<string, number> {
  const out = new Map<string, number>();
  const add = (key: string, weight: number) => out.set(key, (out.get(key) ?? 0) + weight);
  for (const word of words(locale, text)) {
    add(`s:${word.stem}`, STEM_WEIGHT);
    for (const part of compounds?.parts(word.folded) ?? []) add(`s:${part}`, PART_WEIGHT);
    if (word.folded.length < GRAM) continue;
    const padded = `_${word.folded}_`;
    for (let i = 0; i + GRAM <= padded.length; i += 1) add(`g:${padded.slice(i, i + GRAM)}`, GRAM_WEIGHT);
  }
  return out;
}

/**
 * A multinomial naive Bayes classifier per language over stems and character n-grams: it is
 * built in milliseconds, deterministic, and, unlike a linear network whose outputs are cut
 * at zero, always ranks every topic (a sentence of two topics' words still gets both).
 */
export class StemBayes {
  private readonly model = new Map<
    Locale,
    { topics: Map<string, TopicCounts>; vocabulary: number; idf: Map<string, number>; compounds: CompoundSplitter | undefined }
  >();

  constructor(documents: readonly TopicDocument[]) {
    for (const _slice of this.fill(documents));
  }

  /**
   * Built a slice of documents at a time with the event loop's other work in between: the
   * service builds it after it listens (about a second of stemming), and no turn waits for all of it.
   */
  static async inSlices(documents: readonly TopicDocument[]): Promise<StemBayes> {
    const bayes = new StemBayes([]);
    for (const _slice of bayes.fill(documents)) await new Promise<void>((resolve) => setImmediate(resolve));
    return bayes;
  }

  /** Counts the documents into the model, yielding after every SLICE documents. */
  private *fill(documents: readonly TopicDocument[]): Generator<void> {
    for (const locale of LOCALES) {
      const own = documents.filter((doc) => doc.locale === locale);
      const compounds = SPLIT_COMPOUNDS.has(locale)
        ? new CompoundSplitter(
            locale,
            vocabularyOf(
              locale,
              own.map((doc) => doc.text),
            ),
          )
        : undefined;
      yield;
      const featured: { topic: string; features: Map<string, number> }[] = [];
      for (const doc of own) {
        featured.push({ topic: doc.topic, features: featuresOf(locale, doc.text, compounds) });
        if (featured.length % SLICE === 0) yield;
      }
      const topicsOf = new Map<string, Set<string>>();
      for (const doc of featured) {
        for (const feature of doc.features.keys()) {
          let topics = topicsOf.get(feature);
          if (!topics) topicsOf.set(feature, (topics = new Set()));
          topics.add(doc.topic);
        }
      }
      const topicCount = new Set(featured.map((doc) => doc.topic)).size;
      const idf = new Map([...topicsOf].map(([feature, topics]) => [feature, Math.log((topicCount + 1) / topics.size) ** IDF_POWER]));
      const topics = new Map<string, TopicCounts>();
      for (const doc of featured) {
        let counts = topics.get(doc.topic);
        if (!counts) topics.set(doc.topic, (counts = { features: new Map(), total: 0 }));
        for (const [feature, weight] of doc.features) {
          const weighted = weight * idf.get(feature)!;
          counts.features.set(feature, (counts.features.get(feature) ?? 0) + weighted);
          counts.total += weighted;
        }
      }
      this.model.set(locale, { topics, vocabulary: idf.size, idf, compounds });
    }
  }

  /** Every topic of the language with its posterior (0–1, summing to 1), best first; empty when no feature is known. */
  classify(locale: Locale, text: string): { topic: string; score: number }[] {
    const model = this.model.get(locale)!;
    const features = [...featuresOf(locale, text, model.compounds)]
      .filter(([feature]) => model.idf.has(feature))
      .map(([feature, weight]) => [feature, weight * model.idf.get(feature)!] as const);
    if (features.length === 0) return [];
    // Uniform prior: the corpus has about as many sentences per topic, and none is likelier a priori.
    const logs = [...model.topics].map(([topic, counts]) => {
      let log = 0;
      for (const [feature, weight] of features) {
        log += weight * Math.log(((counts.features.get(feature) ?? 0) + SMOOTHING) / (counts.total + SMOOTHING * model.vocabulary));
      }
      return { topic, log: log * SHARPNESS };
    });
    const max = Math.max(...logs.map((l) => l.log));
    const exp = logs.map((l) => ({ topic: l.topic, e: Math.exp(l.log - max) }));
    const sum = exp.reduce((s, e) => s + e.e, 0);
    return exp.map((e) => ({ topic: e.topic, score: e.e / sum })).sort((a, b) => b.score - a.score || a.topic.localeCompare(b.topic));
  }
}
