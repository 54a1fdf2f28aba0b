import { LOCALES } from '../../flows/contract';
import { TOPIC_IDS } from '../../flows/topicIds';
import { loadLocaleResources } from '../../i18n/i18n';
import { loadCorpus } from '../../understanding/corpus';
import { topicDocuments } from '../../understanding/topicDocuments';
import { topicFinder } from '../support/dialogHarness';

// Terms of the lexicon (locales/<lng>/understanding.json topicTerms) that no corpus utterance
// has; without the lexicon each of these sentences went to another topic.
const ONLY_IN_LEXICON = [
  ['fi', 'isällä on katetri', 'urinary'],
  ['fi', 'tarvitsisin pariterapia', 'family'],
  ['fi', 'onko se astma', 'respiratory'],
  ['sv', 'kan det vara bronkit', 'respiratory'],
  ['sv', 'kan det vara borrelia', 'skin'],
  ['sv', 'det är utmätning', 'money'],
  ['en', 'could it be pneumonia', 'respiratory'],
  ['en', 'dad has a catheter', 'urinary'],
] as const;

describe('topic lexicon', () => {
  it('has domain terms for every topic in every language, trained as documents', () => {
    const resources = loadLocaleResources();
    const documents = topicDocuments(loadCorpus(), resources);
    for (const locale of LOCALES) {
      const terms = (resources[locale].understanding as { topicTerms: Record<string, string> }).topicTerms;
      expect(Object.keys(terms).sort()).toEqual([...TOPIC_IDS].sort());
      for (const topic of TOPIC_IDS) {
        const first = terms[topic]!.split('|')[0]!;
        expect(documents).toContainEqual({ locale, topic, text: first });
      }
    }
  });

  it.each(ONLY_IN_LEXICON)('places a %s sentence, "%s", by a term only the lexicon has', async (locale, text, topic) => {
    expect((await topicFinder().find(locale, text)).guesses[0]?.topic).toBe(topic);
  });
});
