// The side conversations' wording: every key their question sets reference is in fi, sv and en
// (as the topics' are, in test/locales/parity.test.ts), each option has synonyms to be typed
// as, and the side namespaces hold nothing else but a set's own words for a common error.

import { LOCALES } from '../../flows/contract';
import { SIDE_SETS } from '../../flows/side';
import { promptFor } from '../../flows/questionStates';
import { synonymKey } from '../../understanding/answerReader';
import { i18n } from '../support/dialogHarness';

const exists = (locale: string, key: string) => i18n.exists(key, { lng: locale, fallbackLng: false });

function flatKeys(tree: unknown, prefix = ''): string[] {
  if (typeof tree === 'string') return [prefix];
  return Object.entries(tree as Record<string, unknown>).flatMap(([k, v]) => flatKeys(v, prefix ? `${prefix}.${k}` : k));
}

const sets = Object.values(SIDE_SETS);
const referenced = sets.flatMap((set) =>
  set.questions.flatMap((q) => {
    const prompt = promptFor(set, q);
    return [prompt.key, ...(prompt.intro ?? []), ...(prompt.options ?? []).map((o) => o.labelKey)];
  }),
);

describe('side set wording', () => {
  it('has every key the side sets reference in fi, sv and en', () => {
    expect(referenced.length).toBeGreaterThanOrEqual(12);
    const missing = LOCALES.flatMap((l) => referenced.filter((k) => !exists(l, k)).map((k) => `${l} ${k}`));
    expect(missing).toEqual([]);
  });

  it('has synonyms for every option of a side set that may be typed in words, in every language', () => {
    const worded = sets.flatMap((set) =>
      set.questions.filter((q) => q.amounts === undefined).flatMap((q) => (promptFor(set, q).options ?? []).map((o) => `understanding:${synonymKey(o.labelKey)}`)),
    );
    expect(worded).toContain('understanding:options.erase.confirm.yes');
    const missing = LOCALES.flatMap((l) => worded.filter((k) => !exists(l, k)).map((k) => `${l} ${k}`));
    expect(missing).toEqual([]);
  });

  it('keeps in the side namespaces only referenced keys and a set\'s own words for a common error', () => {
    for (const set of sets) {
      for (const l of LOCALES) {
        const keys = flatKeys(i18n.getResourceBundle(l, set.ns)).map((k) => `${set.ns}:${k}`);
        expect(keys.length).toBeGreaterThan(0);
        const stray = keys.filter((k) => !referenced.includes(k) && !(k.startsWith(`${set.ns}:errors.`) && exists(l, `common:errors.${k.slice(`${set.ns}:errors.`.length)}`)));
        expect(stray).toEqual([]);
      }
    }
  });
});
