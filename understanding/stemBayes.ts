import { LOCALES, type Locale } from '../flows/contract';
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
// Posteriors are sharpened by this before normalising, so sure matches read as sure.
const SHARPNESS = 0.6;

interface TopicCounts {
  features: Map<string, number>;
  total: number;
}

/** The features of a text: its stems, and the n-grams of its longer words (padded with '_'). */
export function featuresOf(locale: Locale, text: string): Map<string, number> {
  const out = new Map<string, number>();
  const add = (key: string, weight: number) => out.set(key, (out.get(key) ?? 0) + weight);
  for (const word of words(locale, text)) {
    add(`s:${word.stem}`, STEM_WEIGHT);
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
  private readonly model = new Map<Locale, { topics: Map<string, TopicCounts>; vocabulary: number; documents: Map<string, number> }>();

  constructor(documents: readonly TopicDocument[]) {
    for (const locale of LOCALES) this.model.set(locale, { topics: new Map(), vocabulary: 0, documents: new Map() });
    const vocabularies = new Map<Locale, Set<string>>(LOCALES.map((l) => [l, new Set<string>()]));
    for (const doc of documents) {
      const model = this.model.get(doc.locale)!;
      let counts = model.topics.get(doc.topic);
      if (!counts) {
        counts = { features: new Map(), total: 0 };
        model.topics.set(doc.topic, counts);
      }
      model.documents.set(doc.topic, (model.documents.get(doc.topic) ?? 0) + 1);
      for (const [feature, weight] of featuresOf(doc.locale, doc.text)) {
        counts.features.set(feature, (counts.features.get(feature) ?? 0) + weight);
        counts.total += weight;
        vocabularies.get(doc.locale)!.add(feature);
      }
    }
    for (const locale of LOCALES) this.model.get(locale)!.vocabulary = vocabularies.get(locale)!.size;
  }

  /** Every topic of the language with its posterior (0–1, summing to 1), best first; empty when no feature is known. */
  classify(locale: Locale, text: string): { topic: string; score: number }[] {
    const model = this.model.get(locale)!;
    const features = [...featuresOf(locale, text)].filter(([feature]) => [...model.topics.values()].some((t) => t.features.has(feature)));
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
