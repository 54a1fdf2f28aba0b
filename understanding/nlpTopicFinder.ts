import fs from 'node:fs';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { containerBootstrap } from '@nlpjs/core';
import { LangEn } from '@nlpjs/lang-en';
import { LangFi } from '@nlpjs/lang-fi';
import { LangSv } from '@nlpjs/lang-sv';
import { Nlp } from '@nlpjs/nlp';
import type { Logger } from '../logger';
import { LOCALES, type Locale } from '../flows/contract';
import { LuotsiError } from '../errors';
import { hashOf } from './corpus';
import { StemBayes } from './stemBayes';
import type { TopicDocument } from './topicDocuments';
import type { TopicFinder, TopicGuess } from './topicFinder';
import { words } from './words';

// Bump when the way documents become a model changes, so old cached models are not used.
const MODEL_FORMAT = 1;
const NLPJS_VERSION = (require('@nlpjs/nlp/package.json') as { version: string }).version;

/** The topic model could not be trained or loaded. */
export class TopicModelError extends LuotsiError {
  readonly code = 'TopicModelError';
}

export interface NlpTopicFinderOptions {
  documents: readonly TopicDocument[];
  /** Directory for the trained model, keyed by the documents' hash (e.g. DATA_DIR/nlu); none: train every start. */
  cacheDir?: string;
  logger?: Logger;
}

/** How the model came to be at start-up. */
export interface ModelStart {
  fromCache: boolean;
  ms: number;
  documents: number;
}

// Training runs in a worker thread: it is seconds of CPU that would otherwise stall every turn
// (and let idle keep-alive sockets time out under the clients). Plain JavaScript over the
// NLP.js packages only, so it runs the same from the sources (tests) and from dist/.
const TRAINING_WORKER = `
const { parentPort, workerData } = require('node:worker_threads');
const { containerBootstrap } = require(workerData.modules.core);
const { Nlp } = require(workerData.modules.nlp);
const { LangFi } = require(workerData.modules.fi);
const { LangSv } = require(workerData.modules.sv);
const { LangEn } = require(workerData.modules.en);
(async () => {
  const container = await containerBootstrap();
  container.use(LangFi); container.use(LangSv); container.use(LangEn);
  const nlp = new Nlp({ container, autoSave: false, autoLoad: false, languages: workerData.languages, nlu: workerData.nlu }, container);
  for (const doc of workerData.documents) nlp.addDocument(doc.locale, doc.text, doc.topic);
  await nlp.train();
  parentPort.postMessage(nlp.export(false));
})().catch((error) => { throw error; });
`;

// nlu.log false: NLP.js otherwise prints every training epoch to the console.
const NLU_SETTINGS = { log: false, useNoneFeature: false };

// The share of the naive Bayes ranking in the mixed score (the network has the rest); chosen by
// cross-validation inside the bench's training split, checked again 5-fold with the lexicon and
// the weighted features (0.5: 1.6-3.2 points worse top-1, 0.9: up to 0.7 worse).
const BAYES_SHARE = 0.7;

/** Trains a model of `documents` in a worker thread; resolves with the exported model. */
function trainInWorker(documents: readonly TopicDocument[]): Promise<string> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(TRAINING_WORKER, {
      eval: true,
      workerData: {
        documents,
        languages: [...LOCALES],
        nlu: NLU_SETTINGS,
        // Resolved here, so the worker loads the very packages this module does.
        modules: {
          core: require.resolve('@nlpjs/core'),
          nlp: require.resolve('@nlpjs/nlp'),
          fi: require.resolve('@nlpjs/lang-fi'),
          sv: require.resolve('@nlpjs/lang-sv'),
          en: require.resolve('@nlpjs/lang-en'),
        },
      },
    });
    worker.once('message', (model: string) => {
      resolve(model);
      void worker.terminate();
    });
    worker.once('error', reject);
    worker.once('exit', (code) => {
      if (code !== 0) reject(new Error(`training worker exited with ${code}`));
    });
  });
}

async function newNlp(): Promise<Nlp> {
  const container = await containerBootstrap();
  container.use(LangFi);
  container.use(LangSv);
  container.use(LangEn);
  return new Nlp({ container, autoSave: false, autoLoad: false, languages: [...LOCALES], nlu: NLU_SETTINGS }, container);
}

/**
 * The topic finder on NLP.js, in process: NLP.js's network per language over stemmed words,
 * trained from the corpus kept as data, mixed with a naive Bayes ranking over the same stems
 * and character n-grams (understanding/stemBayes.ts), which still ranks a sentence that mixes
 * two topics' words, where the network's outputs all fall to zero. Words the corpus has only
 * as a part of a compound ("hammaskipu", "tandsmärta", "feverish") are added to a message as
 * the known part for the network. Both are deterministic: the network starts from zero weights.
 */
export class NlpTopicFinder implements TopicFinder {
  private nlp: Nlp | undefined;
  private starting: Promise<ModelStart> | undefined;
  private readonly vocabulary = new Map<Locale, Map<string, string>>();
  // Built in start(), after the service listens: a second or so of stemming at start-up.
  private bayes: StemBayes | undefined;
  private readonly stems = new Map<Locale, Set<string>>();

  constructor(private readonly options: NlpTopicFinderOptions) {
    for (const locale of LOCALES) {
      this.vocabulary.set(locale, new Map());
      this.stems.set(locale, new Set());
    }
    for (const doc of options.documents) {
      const vocabulary = this.vocabulary.get(doc.locale)!;
      for (const word of words(doc.locale, doc.text)) {
        this.stems.get(doc.locale)!.add(word.stem);
        if (word.stem.length >= 4 && !vocabulary.has(word.stem)) vocabulary.set(word.stem, word.folded);
      }
    }
  }

  languageOf(text: string): Locale | undefined {
    const known = LOCALES.map((locale) => ({ locale, count: words(locale, text).filter((w) => this.stems.get(locale)!.has(w.stem)).length }));
    const best = Math.max(...known.map((k) => k.count));
    const leaders = known.filter((k) => k.count === best);
    return best > 0 && leaders.length === 1 ? leaders[0]!.locale : undefined;
  }

  /**
   * Trains or loads the model on first use (find() waits for it); the service asks for it once
   * it listens, so training never delays the start.
   */
  get ready(): Promise<ModelStart> {
    if (!this.starting) {
      this.starting = this.start();
      // Awaited by find() and the bench; not an unhandled rejection meanwhile.
      this.starting.catch(() => undefined);
    }
    return this.starting;
  }

  async find(locale: Locale | undefined, text: string): Promise<{ locale: Locale; guesses: TopicGuess[] }> {
    try {
      await this.ready;
    } catch {
      // Without a model the dialog reads the message as an ordinary answer (logged at start-up).
      return { locale: locale ?? 'fi', guesses: [] };
    }
    const nlp = this.nlp!;
    const guessed = locale ?? this.guessLocale((await nlp.process(undefined as unknown as string, text)) as { locale?: string });
    const result = await nlp.process(guessed, this.withKnownParts(guessed, text));
    const mixed = new Map<string, number>();
    for (const c of result.classifications ?? []) {
      if (c.intent !== 'None' && c.score > 0) mixed.set(c.intent, (1 - BAYES_SHARE) * c.score);
    }
    for (const g of this.bayes!.classify(guessed, text)) mixed.set(g.topic, (mixed.get(g.topic) ?? 0) + BAYES_SHARE * g.score);
    const guesses = [...mixed]
      .filter(([, score]) => score > 0)
      .map(([topic, score]) => ({ topic, score }))
      .sort((a, b) => b.score - a.score || a.topic.localeCompare(b.topic));
    return { locale: guessed, guesses };
  }

  private guessLocale(result: { locale?: string }): Locale {
    return (LOCALES as readonly string[]).includes(result.locale ?? '') ? (result.locale as Locale) : 'fi';
  }

  /** The message plus the corpus words found inside its unknown words (compounds, derivations). */
  private withKnownParts(locale: Locale, text: string): string {
    const vocabulary = this.vocabulary.get(locale)!;
    const extra: string[] = [];
    for (const word of words(locale, text)) {
      if (vocabulary.has(word.stem)) continue;
      for (const [stem, surface] of vocabulary) {
        if (stem !== word.stem && (word.folded.includes(stem) || word.stem.includes(stem))) extra.push(surface);
      }
    }
    return extra.length === 0 ? text : `${text} ${extra.join(' ')}`;
  }

  private async start(): Promise<ModelStart> {
    const started = performance.now();
    const { documents, cacheDir, logger } = this.options;
    const file = cacheDir ? path.join(cacheDir, `topics-${hashOf({ MODEL_FORMAT, NLPJS_VERSION, documents })}.json`) : undefined;
    const nlp = await newNlp();
    // Built on this thread in slices while the network is read or trained (in its worker).
    const bayes = StemBayes.inSlices(documents);
    if (file && fs.existsSync(file)) {
      try {
        nlp.import(fs.readFileSync(file, 'utf8'));
        this.bayes = await bayes;
        this.nlp = nlp;
        const start = { fromCache: true, ms: Math.round(performance.now() - started), documents: documents.length };
        logger?.info(start, 'topic model loaded');
        return start;
      } catch (error) {
        logger?.warn({ err: error }, 'cached topic model unreadable; training again');
      }
    }
    try {
      nlp.import(await trainInWorker(documents));
      this.bayes = await bayes;
    } catch (error) {
      const failed = new TopicModelError('training the topic model failed', { cause: error });
      logger?.error({ err: failed }, 'topic model not available; typed descriptions are read as ordinary answers');
      throw failed;
    }
    this.nlp = nlp;
    if (file && cacheDir) this.save(nlp, cacheDir, file, logger);
    const start = { fromCache: false, ms: Math.round(performance.now() - started), documents: documents.length };
    logger?.info(start, 'topic model trained');
    return start;
  }

  /** Writes the model atomically and removes models of older corpora. */
  private save(nlp: Nlp, cacheDir: string, file: string, logger: Logger | undefined): void {
    try {
      fs.mkdirSync(cacheDir, { recursive: true });
      const temporary = `${file}.${process.pid}.tmp`;
      fs.writeFileSync(temporary, nlp.export(false));
      fs.renameSync(temporary, file);
      for (const old of fs.readdirSync(cacheDir)) {
        if (/^topics-[0-9a-f]+\.json$/.test(old) && path.join(cacheDir, old) !== file) fs.rmSync(path.join(cacheDir, old), { force: true });
      }
    } catch (error) {
      // A read-only data directory costs a retrain at the next start, nothing else.
      logger?.warn({ err: error }, 'topic model not cached');
    }
  }
}
