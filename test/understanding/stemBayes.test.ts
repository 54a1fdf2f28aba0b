import { featuresOf, StemBayes } from '../../understanding/stemBayes';
import type { TopicDocument } from '../../understanding/topicDocuments';

const docs = (locale: 'fi' | 'sv', topic: 'dental' | 'money' | 'family', texts: string[]): TopicDocument[] => texts.map((text) => ({ locale, topic, text }));
const DOCS: TopicDocument[] = [
  ...docs('fi', 'dental', ['hammas on kipeä', 'hammassärky yöllä', 'ikenet vuotaa']),
  ...docs('fi', 'money', ['en pysty maksamaan vuokraa', 'rahat loppu', 'velkaa on paljon']),
  ...docs('sv', 'dental', ['jag har tandvärk', 'tanden gör ont']),
  ...docs('sv', 'money', ['hyran är för hög', 'pengarna är slut']),
];

describe('naive Bayes over stems and n-grams', () => {
  it('ranks every topic of the language with posteriors that sum to one', () => {
    const ranked = new StemBayes(DOCS).classify('fi', 'hammas särkee');
    expect(ranked.map((r) => r.topic)).toEqual(['dental', 'money']);
    expect(ranked.reduce((sum, r) => sum + r.score, 0)).toBeCloseTo(1, 9);
  });

  it('places a compound and a typo by their character n-grams', () => {
    const bayes = new StemBayes(DOCS);
    expect(bayes.classify('fi', 'hammassärkyä')[0]?.topic).toBe('dental');
    expect(bayes.classify('fi', 'vuokrarästit')[0]?.topic).toBe('money');
    expect(bayes.classify('sv', 'tandvärken')[0]?.topic).toBe('dental');
  });

  it('counts a word of every topic for less than a word of one topic', () => {
    // "nu" is in every topic, most often in money; "tand" only in dental. Plain counts let the
    // five "nu" outweigh the one "tand" (money first).
    const common: TopicDocument[] = [
      ...docs('sv', 'dental', ['tand nu', 'tandvärk']),
      ...docs('sv', 'money', ['nu nu hyra', 'nu nu skulder', 'nu pengar', 'nu nu lån']),
      ...docs('sv', 'family', ['nu barn']),
    ];
    expect(new StemBayes(common).classify('sv', 'nu nu nu nu nu tand')[0]?.topic).toBe('dental');
  });

  it('builds in slices the same model as at once', async () => {
    const many = Array.from({ length: 250 }, (_, i) => DOCS[i % DOCS.length]!).map((doc, i) => ({ ...doc, text: `${doc.text} ${i}` }));
    const ranked = new StemBayes(many).classify('fi', 'hammas särkee');
    expect(ranked.length).toBeGreaterThan(0);
    expect((await StemBayes.inSlices(many)).classify('fi', 'hammas särkee')).toEqual(ranked);
  });

  it('keeps the languages apart and gives nothing for a text with no known feature', () => {
    const bayes = new StemBayes(DOCS);
    expect(bayes.classify('sv', 'xyz qqq')).toEqual([]);
    expect(bayes.classify('en', 'hammas on kipeä')).toEqual([]);
  });

  it('reads a word as its stem and the n-grams of its folded form', () => {
    expect([...featuresOf('fi', 'Särky').keys()]).toEqual(['s:sarky', 'g:_sar', 'g:sark', 'g:arky', 'g:rky_']);
    // Words shorter than a gram count by their stem only.
    expect([...featuresOf('fi', 'on').keys()]).toEqual(['s:on']);
  });
});
