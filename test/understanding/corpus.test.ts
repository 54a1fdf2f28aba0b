import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ALL_SETS } from '../../flows';
import { LOCALES } from '../../flows/contract';
import { TOPIC_IDS } from '../../flows/topicIds';
import { CorpusError, foldsOf, HELD_OUT_EVERY, loadCorpus, MIN_UTTERANCES, splitCorpus } from '../../understanding/corpus';
import { QUESTION_UNITS } from '../../understanding/questionUnits';

function corpusDir(edit: (fi: Record<string, string[]>) => void): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'luotsi-corpus-'));
  const real = loadCorpus();
  for (const locale of LOCALES) {
    const topics = JSON.parse(JSON.stringify(real[locale])) as Record<string, string[]>;
    if (locale === 'fi') edit(topics);
    fs.writeFileSync(path.join(dir, `topics.${locale}.json`), JSON.stringify(topics));
  }
  return dir;
}

describe('topic corpus', () => {
  it('has every topic in every language with enough distinct utterances', () => {
    const corpus = loadCorpus();
    for (const locale of LOCALES) for (const topic of TOPIC_IDS) expect(corpus[locale][topic].length).toBeGreaterThanOrEqual(MIN_UTTERANCES);
  });

  it.each([
    ['an unknown topic', (fi: Record<string, string[]>) => (fi.teeth = ['hammas'])],
    ['a thin topic', (fi: Record<string, string[]>) => (fi.dental = fi.dental!.slice(0, 3))],
    ['a repeated utterance', (fi: Record<string, string[]>) => fi.dental!.push(fi.dental![0]!.toUpperCase())],
    ['an empty utterance', (fi: Record<string, string[]>) => fi.dental!.push(' ')],
  ])('refuses %s at start-up', (_what, edit) => {
    const dir = corpusDir(edit);
    try {
      expect(() => loadCorpus(dir)).toThrow(CorpusError);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('holds out every 4th utterance of each topic and language, and trains on the rest', () => {
    const corpus = loadCorpus();
    const { train, heldOut } = splitCorpus(corpus);
    for (const locale of LOCALES) {
      for (const topic of TOPIC_IDS) {
        const all = corpus[locale][topic];
        const held = heldOut.filter((h) => h.locale === locale && h.topic === topic).map((h) => h.utterance);
        expect(held).toHaveLength(Math.floor(all.length / HELD_OUT_EVERY));
        expect(train[locale][topic].length + held.length).toBe(all.length);
        expect(held.filter((u) => train[locale][topic].includes(u))).toEqual([]);
      }
    }
  });

  it('folds the training split for cross-validation: each utterance tested once, trained on in the other folds, no held-out item anywhere', () => {
    const { train, heldOut } = splitCorpus(loadCorpus());
    const folds = foldsOf(train, 5);
    expect(folds).toHaveLength(5);
    for (const locale of LOCALES) {
      for (const topic of TOPIC_IDS) {
        const tested = folds.flatMap((fold) => fold.test.filter((t) => t.locale === locale && t.topic === topic).map((t) => t.utterance));
        expect([...tested].sort()).toEqual([...train[locale][topic]].sort());
        for (const fold of folds) {
          const own = fold.test.filter((t) => t.locale === locale && t.topic === topic).map((t) => t.utterance);
          expect(fold.train[locale][topic].length + own.length).toBe(train[locale][topic].length);
          expect(fold.train[locale][topic].filter((u) => own.includes(u))).toEqual([]);
        }
      }
    }
    const held = new Set(heldOut.map((h) => h.utterance));
    expect(folds.flatMap((fold) => fold.test.map((t) => t.utterance)).filter((u) => held.has(u))).toEqual([]);
    expect(() => foldsOf(train, 1)).toThrow(CorpusError);
  });

  it('names only number questions that exist in the unit table', () => {
    const numbers = ALL_SETS.flatMap((set) => set.questions.filter((q) => q.kind === 'number').map((q) => `${set.id}.${q.id}`));
    expect(Object.keys(QUESTION_UNITS).filter((id) => !numbers.includes(id))).toEqual([]);
    expect(numbers.filter((id) => QUESTION_UNITS[id] === undefined)).toEqual([]);
  });
});
