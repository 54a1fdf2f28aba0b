import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { NlpTopicFinder } from '../../understanding/nlpTopicFinder';
import type { TopicDocument } from '../../understanding/topicDocuments';
import { topicFinder } from '../support/dialogHarness';

const SMALL: TopicDocument[] = [
  ...['hammas on kipeä', 'hammassärky', 'ien vuotaa', 'paikka irtosi hampaasta'].map((text) => ({ locale: 'fi' as const, topic: 'dental' as const, text })),
  ...['en pysty maksamaan vuokraa', 'rahat loppu', 'velkaa on paljon', 'jäin työttömäksi'].map((text) => ({
    locale: 'fi' as const,
    topic: 'money' as const,
    text,
  })),
  ...['jag har tandvärk', 'tanden gör ont', 'hyran är för hög', 'pengarna är slut'].map((text, i) => ({
    locale: 'sv' as const,
    topic: (i < 2 ? 'dental' : 'money') as 'dental' | 'money',
    text,
  })),
];

describe('NLP.js topic finder', () => {
  it('classifies the sentences of the issue with the real corpus', async () => {
    const finder = topicFinder();
    expect((await finder.find('fi', 'mulla on ollut hammassärkyä eilisestä')).guesses[0]?.topic).toBe('dental');
    expect((await finder.find('sv', 'mitt barn har utslag')).guesses[0]?.topic).toBe('skin');
    expect((await finder.find('en', "I can't pay my rent")).guesses[0]?.topic).toBe('money');
    expect((await finder.find('fi', 'mulla ei oo asuntoa')).guesses[0]?.topic).toBe('money');
  });

  it('places a sentence that mixes two topics by its telling words (the network alone gave no topic)', async () => {
    const finder = topicFinder();
    expect((await finder.find('sv', 'det svider när jag kissar och jag har feber')).guesses[0]?.topic).toBe('urinary');
    expect((await finder.find('fi', 'mulla on kuumetta ja pissatessa kirvelee')).guesses[0]?.topic).toBe('urinary');
    expect((await finder.find('en', 'it burns when i pee and i have a fever')).guesses[0]?.topic).toBe('urinary');
  });

  it('trains the same model twice from the same documents (zero initial weights, no randomness)', async () => {
    const dirs = [fs.mkdtempSync(path.join(os.tmpdir(), 'luotsi-nlu-')), fs.mkdtempSync(path.join(os.tmpdir(), 'luotsi-nlu-'))];
    try {
      for (const dir of dirs) await new NlpTopicFinder({ documents: SMALL, cacheDir: dir }).ready;
      const [a, b] = dirs.map((dir) => fs.readFileSync(path.join(dir, fs.readdirSync(dir)[0]!), 'utf8'));
      expect(a).toBe(b);
    } finally {
      for (const dir of dirs) fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('tells the language of a text only when more of its words are known in one language than in any other', () => {
    const finder = topicFinder();
    expect(finder.languageOf('kiitos paljon')).toBe('fi');
    expect(finder.languageOf('jag vet inte')).toBe('sv');
    expect(finder.languageOf('can i ask something')).toBe('en');
    expect(finder.languageOf('ok')).toBeUndefined();
    expect(finder.languageOf('asdf qwer')).toBeUndefined();
  });

  it('tells the language of a first message', async () => {
    const finder = topicFinder();
    expect((await finder.find(undefined, 'mitt barn har hosta och feber')).locale).toBe('sv');
    expect((await finder.find(undefined, 'lapsella on kuumetta ja yskää')).locale).toBe('fi');
  });

  it('caches the trained model by the documents, loads it on the next start and retrains when they change', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'luotsi-nlu-'));
    try {
      const first = await new NlpTopicFinder({ documents: SMALL, cacheDir: dir }).ready;
      expect(first.fromCache).toBe(false);
      const files = fs.readdirSync(dir);
      expect(files).toHaveLength(1);
      const second = new NlpTopicFinder({ documents: SMALL, cacheDir: dir });
      expect((await second.ready).fromCache).toBe(true);
      expect((await second.find('fi', 'hammas on kipeä')).guesses[0]?.topic).toBe('dental');
      const changed = await new NlpTopicFinder({ documents: [...SMALL, { locale: 'fi', topic: 'money', text: 'laskut kasautuu' }], cacheDir: dir }).ready;
      expect(changed.fromCache).toBe(false);
      // The model of the old documents is removed.
      expect(fs.readdirSync(dir).filter((f) => files.includes(f))).toEqual([]);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('retrains over a cached model that cannot be read', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'luotsi-nlu-'));
    try {
      await new NlpTopicFinder({ documents: SMALL, cacheDir: dir }).ready;
      for (const file of fs.readdirSync(dir)) fs.writeFileSync(path.join(dir, file), '{ not json');
      const again = new NlpTopicFinder({ documents: SMALL, cacheDir: dir });
      expect((await again.ready).fromCache).toBe(false);
      expect((await again.find('sv', 'jag har tandvärk')).guesses[0]?.topic).toBe('dental');
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
