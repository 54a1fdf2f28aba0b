// Whole conversations typed as people chat, never a button: from a first sentence that
// describes the matter to the outcome, in Finnish, Swedish and English.
import { DialogHarness, i18n, texts } from '../support/dialogHarness';
import type { Locale } from '../../flows/contract';
import { keyChain } from '../../dialogs/promptRenderer';

interface Script {
  locale: Locale;
  page: string;
  lines: string[];
}

const SCRIPTS: Script[] = [
  {
    locale: 'fi',
    page: 'fi-FI',
    lines: [
      'mulla on ollut hammassärkyä eilisestä',
      'sopii',
      'ei mikään näistä',
      'oma asia',
      'joo',
      'ei oo',
      'en oo',
      'ei, mutta ien on vähän arka',
      'ei',
      'eipä',
      'kova särky, herättää yöllä',
      'kyllä, jatka',
    ],
  },
  {
    locale: 'sv',
    page: 'sv-FI',
    lines: [
      'jag har haft tandvärk sedan igår',
      'ok',
      'inget av dessa',
      'för mig själv',
      'ja',
      'nej',
      'nä',
      'nej, men tandköttet är lite ömt',
      'nej det har jag inte',
      'nej',
      'den är kraftig och väcker mig på natten',
      'ja, fortsätt',
    ],
  },
  {
    locale: 'en',
    page: 'en-GB',
    lines: [
      'I have had toothache since yesterday',
      'ok',
      'none of these',
      'myself',
      'yes',
      'nope',
      'no',
      'no, but my gum is a bit sore',
      "it doesn't",
      'no',
      'severe, it wakes me up at night',
      'yes, continue',
    ],
  },
];

describe('a conversation typed from the first sentence to the outcome', () => {
  it.each(SCRIPTS)('$locale: toothache described in the first message, every answer typed', async ({ locale, page, lines }) => {
    const h = new DialogHarness({ locale: page });
    await h.join(page);
    const t = i18n.getFixedT(locale);
    const seen: string[][] = [];
    let replies: Awaited<ReturnType<DialogHarness['send']>> = [];
    for (const line of lines) {
      replies = await h.send(line);
      seen.push(texts(replies));
    }
    expect(seen[0]![0]).toBe(t('understanding:topicOffer.noted'));
    expect(seen[3]).toEqual([t('understanding:topicOffer.one', { topic: t('entry:topic.options.dental') })]);
    // Never "not recognised": every typed answer was understood the first time.
    const notUnderstood = t('common:errors.notUnderstood', { options: '' }).slice(0, 10);
    expect(seen.flat().filter((line) => line.startsWith(notUnderstood))).toEqual([]);
    expect(DialogHarness.outcome(replies)).toMatchObject({ outcome: 'completed', topic: 'dental', urgency: 'urgent' });
  });
});

describe('a parent typing in Swedish for a child with a cough and fever', () => {
  it('reaches the respiratory questions from the first sentence and answers the number question with "sedan i måndags"', async () => {
    const h = new DialogHarness({ locale: 'sv-FI' });
    h.now = new Date('2026-11-24T08:00:00Z'); // Tuesday morning in Helsinki
    await h.join('sv-FI');
    const sv = i18n.getFixedT('sv');
    const lines = [
      'mitt barn har hosta och feber',
      'det går bra',
      'nej, inget av dem',
      'mitt barn',
      'hon går i lågstadiet',
      'ja',
      'nej',
      'hon är pigg, leker och äter som vanligt',
      'hosta och feber',
      'sedan i måndags',
      'lite trött',
      'några dagar',
      'nej',
    ];
    const seen: string[][] = [];
    for (const line of lines) seen.push(texts(await h.send(line)));
    // Every typed answer was understood.
    const notUnderstood = sv('common:errors.notUnderstood', { options: '' }).slice(0, 10);
    expect(seen.flat().filter((l) => l.startsWith(notUnderstood))).toEqual([]);
    expect(seen[4]).toEqual([sv('understanding:topicOffer.one', { topic: sv('entry:topic.options.respiratory') })]);
    // The summary lists the typed answers as the options and numbers they were read as.
    const list = seen[seen.length - 1]![0]!;
    const line = (question: string, answer: string) =>
      sv('common:summary.item', { n: '', question: sv(keyChain(`respiratory:${question}.question`, 'child')), answer }).replace(/^\) /, '');
    expect(list).toContain(
      line('symptoms', `${sv(keyChain('respiratory:symptoms.options.cough', 'child'))}, ${sv(keyChain('respiratory:symptoms.options.fever', 'child'))}`),
    );
    expect(list).toContain(line('childCondition', sv(keyChain('respiratory:childCondition.options.asUsual', 'child'))));
    expect(list).toContain(line('feverDays', '1'));
    expect(list).toContain(line('condition', sv(keyChain('respiratory:condition.options.somewhatWeak', 'child'))));
    expect(list).toContain(line('duration', sv(keyChain('respiratory:duration.options.underWeek', 'child'))));
    const outcome = DialogHarness.outcome(await h.send('ja, fortsätt'));
    expect(outcome).toMatchObject({ outcome: 'completed', topic: 'respiratory', urgency: 'non_urgent' });
  });
});

describe('"I don\'t know" typed at a yes/no question', () => {
  const OPENING: Record<Locale, { page: string; lines: string[]; unsure: string; no: string }> = {
    fi: { page: 'fi-FI', lines: ['mulla on ollut hammassärkyä eilisestä', 'sopii', 'ei mikään näistä', 'oma asia', 'joo'], unsure: 'en tiiä', no: 'ei oo' },
    sv: { page: 'sv-FI', lines: ['jag har haft tandvärk sedan igår', 'ok', 'inget av dessa', 'för mig själv', 'ja'], unsure: 'vet int', no: 'nej' },
    en: { page: 'en-GB', lines: ['I have had toothache since yesterday', 'ok', 'none of these', 'myself', 'yes'], unsure: 'dunno', no: 'no' },
  };

  it.each((['fi', 'sv', 'en'] as const).map((l) => [l]))('%s: asks again with the hint to choose the closest, then goes on', async (locale) => {
    const { page, lines, unsure, no } = OPENING[locale];
    const h = new DialogHarness({ locale: page });
    await h.join(page);
    const t = i18n.getFixedT(locale);
    for (const line of lines) await h.send(line);
    await h.send(no); // the red-flag question of breathing: no
    const again = texts(await h.send(unsure)); // trauma: no safe reading
    const trauma = t('dental:trauma.question');
    const options = `1) ${t('common:yes')}, 2) ${t('common:no')}`;
    expect(again).toEqual([t('common:errors.unsureChooseClosest', { options }), trauma]);
    const next = texts(await h.send(no));
    expect(next).toEqual([t('dental:swelling.question')]);
  });

  it.each((['fi', 'sv', 'en'] as const).map((l) => [l]))('%s: at the red-flag question of breathing is read as its cautious yes', async (locale) => {
    const { page, lines, unsure } = OPENING[locale];
    const h = new DialogHarness({ locale: page });
    await h.join(page);
    for (const line of lines) await h.send(line);
    expect(DialogHarness.outcome(await h.send(unsure))).toMatchObject({ outcome: 'emergency' });
  });
});
