// Every question that can be answered by typing has its words in understanding.json in every
// language: each option of a choice its synonyms, each number question its number words, and
// the question ids the understanding code names (units, age bands) are real questions.
import { ALL_SETS, promptFor } from '../../flows';
import { LOCALES, type PromptMeta } from '../../flows/contract';
import { synonymKey } from '../../understanding/answerReader';
import { QUESTION_UNITS } from '../../understanding/questionUnits';
import { i18n } from '../support/dialogHarness';

const prompts: PromptMeta[] = ALL_SETS.flatMap((set) => set.questions.map((q) => promptFor(set, q)));
const words = (locale: string, key: string): string[] => {
  const k = `understanding:${key}`;
  if (!i18n.exists(k, { lng: locale, fallbackLng: false })) return [];
  return String(i18n.getFixedT(locale)(k))
    .split('|')
    .map((w) => w.trim())
    .filter((w) => w !== '');
};
const choiceOptions = prompts
  .filter((p) => p.kind === 'choice' || p.kind === 'multiChoice')
  .flatMap((p) => (p.options ?? []).map((o) => [p.id ?? '', o.labelKey] as const));

describe('typed answers have their words in every language', () => {
  it('covers options of every choice question', () => {
    expect(choiceOptions.length).toBeGreaterThan(100);
  });

  it.each(LOCALES.map((l) => [l]))('every option of every choice question has synonyms in %s', (locale) => {
    const missing = choiceOptions.filter(([, labelKey]) => words(locale, synonymKey(labelKey)).length === 0).map(([id, labelKey]) => `${id}: ${labelKey}`);
    expect(missing).toEqual([]);
  });

  it.each(LOCALES.map((l) => [l]))('yes/no and number questions have their word lists in %s', (locale) => {
    for (const key of ['yesNo.yes', 'yesNo.no', 'yesNo.unsure', 'numbers.units.day', 'numbers.units.week', 'numbers.units.year', 'numbers.words.3']) {
      expect(words(locale, key)).not.toEqual([]);
    }
  });

  it('names only real number questions in the unit table', () => {
    const byId = new Map(prompts.map((p) => [p.id, p]));
    for (const id of Object.keys(QUESTION_UNITS)) expect(byId.get(id)?.kind).toBe('number');
  });

  it('reads "I don\'t know" as yes only at red-flag yes/no questions (the cautious answer)', () => {
    for (const set of ALL_SETS) {
      for (const q of set.questions.filter((x) => x.unsure !== undefined)) expect([q.kind, q.redFlag !== undefined]).toEqual(['yesNo', true]);
    }
    const redFlagYesNo = ALL_SETS.flatMap((set) =>
      set.questions.filter((q) => q.kind === 'yesNo' && q.redFlag).map((q) => `${set.id}.${q.id}:${q.unsure ?? '-'}`),
    );
    expect(redFlagYesNo.filter((s) => !s.endsWith(':yes'))).toEqual([]);
  });

  it('gives every choice of ranges one rising bound per option', () => {
    const ranged = prompts.filter((p) => p.amounts !== undefined);
    expect(ranged.map((p) => p.id).sort()).toEqual([
      'entry.childAge',
      'mental.ageGroup',
      'mental.auditQuantity',
      'respiratory.duration',
      'skin.duration',
      'urinary.duration',
    ]);
    for (const p of ranged) {
      expect(p.amounts!.bands.map((b) => b.id)).toEqual((p.options ?? []).map((o) => o.id));
      const bounds = p.amounts!.bands.map((b) => b.below);
      expect(bounds).toEqual([...bounds].sort((a, b) => a - b));
      expect(bounds.slice(0, -1).filter((b) => !Number.isFinite(b))).toEqual([]);
    }
  });
});
