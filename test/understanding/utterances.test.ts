// Typed answers as people write them in a chat, per language and question kind: forms that
// must be read as the expected answer, and forms that must not be read at all.
import { parseAnswer, type ParsedAnswer } from '../../dialogs/answerParser';
import { ALL_SETS, promptFor } from '../../flows';
import type { Locale, PromptMeta } from '../../flows/contract';
import { foldText } from '../../dialogs/textMatch';
import { createAnswerReader } from '../../understanding/answerReader';
import { Lexicon } from '../../understanding/lexicon';
import { i18n } from '../support/dialogHarness';

const lexicon = new Lexicon((l, k) => (i18n.exists(k, { lng: l, fallbackLng: false }) ? i18n.getFixedT(l)(k) : undefined));
// Wednesday 25 November 2026, noon in Helsinki.
const NOW = new Date('2026-11-25T10:00:00Z');
const labels = (key: string) => (['fi', 'sv', 'en'] as const).map((l) => foldText(i18n.getFixedT(l)(key)));
const skip = (['fi', 'sv', 'en'] as const).map((l) => foldText(i18n.getFixedT(l)('common:skip')));

function prompt(setId: string, questionId: string): PromptMeta {
  const set = ALL_SETS.find((s) => s.id === setId)!;
  return promptFor(
    set,
    set.questions.find((q) => q.id === questionId)!,
  );
}

function read(locale: Locale, p: PromptMeta, text: string): ParsedAnswer {
  return parseAnswer(
    p,
    { text, value: undefined },
    labels,
    skip,
    createAnswerReader(lexicon, locale, () => NOW),
  );
}

const answer = (value: unknown) => ({ kind: 'answer', value });
const FEVER = prompt('respiratory', 'feverDays');
const YES_NO = prompt('dental', 'trauma');

describe("yes/no in the person's words", () => {
  it.each<[Locale, string, boolean]>([
    ['fi', 'joo', true],
    ['fi', 'juu', true],
    ['fi', 'kyl', true],
    ['fi', 'kyllä on', true],
    ['fi', 'no joo', true],
    ['fi', 'on se', true],
    ['fi', 'ei oo', false],
    ['fi', 'en oo', false],
    ['fi', 'ei, mutta hammas on arka', false],
    ['fi', 'ei, mulla ei oo mitään asuntoa', false],
    ['fi', 'mulla ei oo semmosta', false],
    ['fi', 'no ei', false],
    ['sv', 'ja', true],
    ['sv', 'jo', true],
    ['sv', 'japp', true],
    ['sv', 'ja det har jag', true],
    ['sv', 'nej', false],
    ['sv', 'nä', false],
    ['sv', 'nej, men det gör ont', false],
    ['sv', 'han har inte det', false],
    ['en', 'yeah', true],
    ['en', 'yep, it did', true],
    ['en', 'nope', false],
    ['en', 'no, not really', false],
    ['en', "it doesn't", false],
  ])('%s "%s" is %s', (locale, text, yes) => {
    expect(read(locale, YES_NO, text)).toEqual(answer(yes));
  });

  it.each<[Locale, string]>([
    ['fi', 'en tiedä'],
    ['fi', 'en mä tiiä'],
    ['fi', 'en tiiä'],
    ['fi', 'en oo varma'],
    ['fi', 'en osaa sanoa'],
    ['fi', 'ehkä'],
    ['sv', 'vet inte'],
    ['sv', 'vet int'],
    ['sv', 'kanske'],
    ['en', "I don't know"],
    ['en', "I'm not sure"],
    ['en', 'dunno'],
    ['en', 'not sure'],
    ['en', 'maybe'],
  ])('%s "%s" is not read as yes or no: the buttons again with a hint to choose the closest', (locale, text) => {
    expect(read(locale, YES_NO, text)).toEqual({ kind: 'invalid', errorKey: 'common:errors.unsureChooseClosest' });
  });

  it.each<[Locale, string, string, string]>([
    ['fi', 'en oo varma', 'respiratory', 'breathing'],
    ['fi', 'en tiiä', 'skin', 'purpura'],
    ['sv', 'vet inte', 'mental', 'suicideNow'],
    ['sv', 'vet int', 'dental', 'swellingBreathing'],
    ['en', "I'm not sure", 'family', 'danger'],
    ['en', 'dunno', 'skin', 'airway'],
  ])('%s "%s" at the red-flag question %s.%s is its cautious yes', (locale, text, set, q) => {
    expect(read(locale, prompt(set, q), text)).toEqual(answer(true));
  });

  it.each<[Locale, string]>([
    ['fi', 'banaani'],
    ['sv', 'banan'],
    ['en', 'purple'],
  ])('%s "%s" is not recognised at all', (locale, text) => {
    expect(read(locale, YES_NO, text)).toMatchObject({ kind: 'invalid', errorKey: 'common:errors.notUnderstood' });
    expect(read(locale, prompt('respiratory', 'breathing'), text)).toMatchObject({ kind: 'invalid', errorKey: 'common:errors.notUnderstood' });
  });
});

describe('numbers in digits or words, with units, for a question in days', () => {
  it.each<[Locale, string, number]>([
    ['fi', '3', 3],
    ['fi', 'kolme päivää', 3],
    ['fi', 'kolmatta päivää', 3],
    ['fi', 'viikon', 7],
    ['fi', 'kaksi viikkoa', 14],
    ['fi', 'pari päivää', 2],
    ['fi', 'eilen', 1],
    ['fi', 'eilisestä asti', 1],
    ['fi', 'toissapäivänä', 2],
    ['fi', 'maanantaista', 2],
    ['fi', 'noin 2-3 päivää', 3],
    ['fi', '12 tuntia', 1],
    ['sv', '3 dagar', 3],
    ['sv', 'två veckor', 14],
    ['sv', 'en vecka', 7],
    ['sv', 'igår', 1],
    ['sv', 'sedan i måndags', 2],
    ['en', 'a week', 7],
    ['en', 'two days', 2],
    ['en', 'yesterday', 1],
    ['en', 'since Monday', 2],
    ['en', 'since this morning', 0],
  ])('%s "%s" is %d days', (locale, text, days) => {
    expect(read(locale, FEVER, text)).toEqual(answer(days));
  });

  it.each<[Locale, string]>([
    ['fi', 'en tiedä'],
    ['fi', 'pitkään'],
    ['fi', 'kaksi kuukautta'],
    ['sv', 'vet inte'],
    ['en', "don't know"],
  ])('%s "%s" is no number in range', (locale, text) => {
    expect(read(locale, FEVER, text)).toMatchObject({ kind: 'invalid', errorKey: 'common:errors.numberExpected' });
  });
});

describe("an age where a child's age is asked", () => {
  const AGE = prompt('entry', 'childAge');
  it.each<[Locale, string, string]>([
    ['fi', 'kahdeksan vuotta', 'childAge.7to11'],
    ['fi', '8-vuotias', 'childAge.7to11'],
    ['fi', 'hän on 8v', 'childAge.7to11'],
    ['fi', '3 kuukautta', 'childAge.under1'],
    ['fi', '1,5 vuotta', 'childAge.1to6'],
    ['fi', 'tyttö on 14 vuotias', 'childAge.12to17'],
    ['fi', 'kuusi vuotta', 'childAge.1to6'],
    ['fi', 'teini', 'childAge.12to17'],
    ['sv', '8 år', 'childAge.7to11'],
    ['sv', 'åtta år', 'childAge.7to11'],
    ['sv', 'en 8-åring', 'childAge.7to11'],
    ['sv', 'sex månader', 'childAge.under1'],
    ['sv', 'hon är 12 år', 'childAge.12to17'],
    ['sv', 'tonåring', 'childAge.12to17'],
    ['en', 'eight years old', 'childAge.7to11'],
    ['en', 'he is 8', 'childAge.7to11'],
    ['en', '2 yrs', 'childAge.1to6'],
    ['en', 'ten months', 'childAge.under1'],
    ['en', 'a teenager', 'childAge.12to17'],
    ['en', 'she is 17 years old', 'childAge.12to17'],
  ])('%s "%s" is %s', (locale, text, expected) => {
    expect(read(locale, AGE, text)).toEqual(answer(expected));
  });

  it.each<[Locale, string, string]>([
    ['fi', '45 vuotta', 'ageGroup.18to64'],
    ['sv', '70 år', 'ageGroup.65plus'],
    ['en', "i'm 80", 'ageGroup.65plus'],
    ['fi', 'eläkeläinen', 'ageGroup.65plus'],
  ])("%s '%s' is %s where the person's own age group is asked", (locale, text, expected) => {
    expect(read(locale, prompt('mental', 'ageGroup'), text)).toEqual(answer(expected));
  });

  it.each<[Locale, string]>([
    ['fi', '25 vuotta'],
    ['fi', 'en tiedä'],
    ['sv', '18 år'],
    ['sv', 'vet inte'],
    ['en', '40 years old'],
    ['en', 'not sure'],
  ])('%s "%s" names no band (an adult, or no age)', (locale, text) => {
    expect(read(locale, AGE, text)).toMatchObject({ kind: 'invalid' });
  });
});

describe('a duration typed where the choices are ranges of days', () => {
  it.each<[Locale, string, string, string]>([
    ['sv', 'urinary', 'sedan i förrgår', 'duration.days'],
    ['sv', 'urinary', '10 dagar', 'duration.overWeek'],
    ['sv', 'urinary', 'fem timmar', 'duration.underDay'],
    ['fi', 'urinary', '10 päivää', 'duration.overWeek'],
    ['fi', 'urinary', 'maanantaista', 'duration.days'],
    ['fi', 'urinary', 'pari päivää', 'duration.days'],
    ['fi', 'respiratory', 'kaksi viikkoa', 'duration.oneToThreeWeeks'],
    ['fi', 'respiratory', 'kuukauden', 'duration.overThreeWeeks'],
    ['en', 'respiratory', 'since monday', 'duration.underWeek'],
    ['en', 'skin', 'three weeks', 'duration.weeks'],
    ['en', 'skin', 'about 2 months', 'duration.months'],
    ['sv', 'skin', 'i morse', 'duration.today'],
  ])('%s %s "%s" is %s', (locale, set, text, expected) => {
    expect(read(locale, prompt(set, 'duration'), text)).toEqual(answer(expected));
  });

  it.each<[Locale, string, string]>([
    ['fi', 'urinary', 'en tiedä'],
    ['sv', 'skin', 'vet inte'],
    ['en', 'respiratory', 'not sure'],
  ])('%s %s "%s" names no range', (locale, set, text) => {
    expect(read(locale, prompt(set, 'duration'), text)).toMatchObject({ kind: 'invalid' });
  });
});

describe("a number typed where the choices are ranges is the amount, not the option's place", () => {
  it.each<[Locale, string, string, string, string]>([
    // AUDIT-C drinks on a drinking day: "3" is three drinks (3–4), not the third button (5–6).
    ['fi', 'mental', 'auditQuantity', '3', 'auditQuantity.threeFour'],
    ['fi', 'mental', 'auditQuantity', '5 annosta', 'auditQuantity.fiveSix'],
    ['fi', 'mental', 'auditQuantity', 'kolme annosta', 'auditQuantity.threeFour'],
    ['fi', 'mental', 'auditQuantity', '1', 'auditQuantity.oneTwo'],
    ['fi', 'mental', 'auditQuantity', '12', 'auditQuantity.tenPlus'],
    ['sv', 'mental', 'auditQuantity', '3 drinkar', 'auditQuantity.threeFour'],
    ['sv', 'mental', 'auditQuantity', '5', 'auditQuantity.fiveSix'],
    ['sv', 'mental', 'auditQuantity', 'två glas', 'auditQuantity.oneTwo'],
    ['en', 'mental', 'auditQuantity', '3', 'auditQuantity.threeFour'],
    ['en', 'mental', 'auditQuantity', '8 beers', 'auditQuantity.sevenNine'],
    // A child's age: "3" is a three-year-old, not the third band (7–11).
    ['fi', 'entry', 'childAge', '3', 'childAge.1to6'],
    ['sv', 'entry', 'childAge', '2', 'childAge.1to6'],
    ['en', 'entry', 'childAge', '4', 'childAge.1to6'],
    // A duration in days: "2" is two days.
    ['fi', 'skin', 'duration', '2', 'duration.days'],
    ['sv', 'urinary', 'duration', '3', 'duration.days'],
    ['en', 'respiratory', 'duration', '3', 'duration.underWeek'],
  ])('%s %s.%s "%s" is %s', (locale, set, q, text, expected) => {
    expect(read(locale, prompt(set, q), text)).toEqual(answer(expected));
  });

  it("still reads a bare number as the option's place where the options are not ranges", () => {
    expect(read('fi', prompt('dental', 'pain'), '2')).toEqual(answer(prompt('dental', 'pain').options![1]!.id));
  });
});

describe('options by synonyms and inflected forms', () => {
  it.each<[Locale, string, string, string, string | string[]]>([
    ['fi', 'dental', 'pain', 'mulla on tosi kova särky', 'pain.severe'],
    ['fi', 'dental', 'pain', 'ei särje yhtään', 'pain.none'],
    ['fi', 'dental', 'pain', 'lievää, särkylääke auttaa kyllä', 'pain.mild'],
    ['fi', 'entry', 'subject', 'lapsen', 'subject.child'],
    ['fi', 'entry', 'subject', 'tyttäreni asia', 'subject.child'],
    ['fi', 'entry', 'subject', 'oma asia', 'subject.self'],
    ['fi', 'entry', 'subject', 'itelleni', 'subject.self'],
    ['fi', 'entry', 'privacy', 'joo sopii', 'privacy.accept'],
    ['fi', 'money', 'situation', 'vuokra on liian kallis ja velkaa on kertynyt', ['situation.rent', 'situation.debt']],
    ['fi', 'entry', 'privacy', 'ok', 'privacy.accept'],
    ['fi', 'entry', 'emergency', 'ei mitään näistä', 'emergency.none'],
    ['fi', 'skin', 'symptoms', 'kutisee ja on rakkuloita mutta ei kipua', ['symptoms.itch', 'symptoms.blisters']],
    ['fi', 'respiratory', 'symptoms', 'yskii ja kuumetta on', ['symptoms.cough', 'symptoms.fever']],
    ['sv', 'entry', 'subject', 'mitt barn', 'subject.child'],
    ['sv', 'dental', 'pain', 'den väcker mig på natten', 'pain.severe'],
    ['sv', 'skin', 'symptoms', 'det kliar och det finns blåsor', ['symptoms.itch', 'symptoms.blisters']],
    ['sv', 'respiratory', 'symptoms', 'hostar och har halsont', ['symptoms.cough', 'symptoms.soreThroat']],
    ['sv', 'urinary', 'duration', 'sedan igår', 'duration.days'],
    ['en', 'entry', 'subject', 'for my son', 'subject.child'],
    ['en', 'dental', 'pain', 'it wakes me up at night', 'pain.severe'],
    ['en', 'skin', 'symptoms', 'itchy with blisters', ['symptoms.itch', 'symptoms.blisters']],
    // A child's general condition: the limp, drowsy child (112) must be read from the parent's words.
    ['fi', 'respiratory', 'childCondition', 'se on ihan veltto ja tosi uninen', 'childCondition.limp'],
    ['fi', 'skin', 'childCondition', 'leikkii ihan normaalisti', 'childCondition.asUsual'],
    ['fi', 'urinary', 'childCondition', 'vähän väsynyt', 'childCondition.lessActive'],
    ['sv', 'respiratory', 'childCondition', 'hon är slapp och svår att väcka', 'childCondition.limp'],
    ['sv', 'dental', 'childCondition', 'han leker som vanligt', 'childCondition.asUsual'],
    ['en', 'family', 'childCondition', 'he is floppy and drowsy', 'childCondition.limp'],
    ['en', 'other', 'childCondition', 'playing as usual', 'childCondition.asUsual'],
  ])('%s %s.%s "%s" is %j', (locale, set, q, text, expected) => {
    expect(read(locale, prompt(set, q), text)).toEqual(answer(expected));
  });

  it.each<[Locale, string, string, string, string]>([
    ['fi', 'mental', 'auditFrequency', 'en juo ollenkaan', 'auditFrequency.never'],
    ['fi', 'mental', 'auditFrequency', 'melkein joka päivä', 'auditFrequency.fourPlusWeek'],
    ['sv', 'mental', 'auditBinge', 'varje helg', 'auditBinge.weekly'],
    ['en', 'mental', 'auditQuantity', 'three or four', 'auditQuantity.threeFour'],
    ['fi', 'other', 'fallInjury', 'löi päänsä', 'fallInjury.headInjury'],
    ['sv', 'other', 'fallInjury', 'fick ett blåmärke', 'fallInjury.bruise'],
    ['en', 'other', 'medicineNeed', 'i need a repeat prescription', 'medicineNeed.renewal'],
    ['fi', 'homecare', 'medicines', 'insuliini unohtuu', 'medicines.forgetsCritical'],
    ['sv', 'entry', 'language', 'på finska', 'language.fi'],
    ['en', 'entry', 'emergency', 'my kid swallowed something', 'emergency.poisoning'],
  ])('%s %s.%s "%s" is %s (options that had no synonyms before)', (locale, set, q, text, expected) => {
    expect(read(locale, prompt(set, q), text)).toEqual(answer(expected));
  });

  it.each<[Locale, string, string, string]>([
    ['sv', 'other', 'fallInjury', 'vet inte'],
    ['fi', 'dental', 'pain', 'en tiedä'],
    ['fi', 'skin', 'symptoms', 'ei kutinaa'],
    ['fi', 'entry', 'subject', 'banaani'],
    ['sv', 'skin', 'symptoms', 'ingen klåda'],
    ['en', 'dental', 'pain', 'purple'],
  ])('%s %s.%s "%s" names no option', (locale, set, q, text) => {
    expect(read(locale, prompt(set, q), text)).toMatchObject({ kind: 'invalid' });
  });
});
