// Typed answers to the side sets' questions, read by the same answer reader as the topics', per
// language: forms that must be read as the expected answer, and forms that must not be read at
// all ("en tiedä" is neither yes nor no; a digit is only the place of a button shown).
import { parseAnswer, type ParsedAnswer } from '../../dialogs/answerParser';
import { foldText } from '../../dialogs/textMatch';
import type { Locale, PromptMeta } from '../../flows/contract';
import { promptFor } from '../../flows/questionStates';
import { SIDE_SETS, type SideSetId } from '../../flows/side';
import { createAnswerReader } from '../../understanding/answerReader';
import { Lexicon } from '../../understanding/lexicon';
import { i18n } from '../support/dialogHarness';

const lexicon = new Lexicon((l, k) => (i18n.exists(k, { lng: l, fallbackLng: false }) ? i18n.getFixedT(l)(k) : undefined));
const NOW = new Date('2026-11-25T10:00:00Z');
const labels = (key: string) => (['fi', 'sv', 'en'] as const).map((l) => foldText(i18n.getFixedT(l)(key)));

function prompt(set: SideSetId, questionId: string): PromptMeta {
  const def = SIDE_SETS[set];
  return promptFor(
    def,
    def.questions.find((q) => q.id === questionId)!,
  );
}

function read(locale: Locale, p: PromptMeta, text: string, value?: unknown): ParsedAnswer {
  return parseAnswer(
    p,
    { text, value },
    labels,
    [],
    createAnswerReader(lexicon, locale, () => NOW),
  );
}

const ERASE = prompt('erase', 'confirm');
const HELPED = prompt('feedback', 'helped');
const SCORE = prompt('feedback', 'score');

describe("the erase question in the person's words", () => {
  it.each<[Locale, string, boolean]>([
    ['fi', 'kyllä', true],
    ['fi', 'joo', true],
    ['fi', 'Kyllä, poista', true],
    ['fi', 'poista', true],
    ['fi', 'älä poista', false],
    ['fi', 'ei', false],
    ['fi', 'ei kiitos', false],
    ['fi', 'jatketaan', false],
    ['sv', 'ja', true],
    ['sv', 'radera', true],
    ['sv', 'nej', false],
    ['sv', 'fortsätt', false],
    ['en', 'yes', true],
    ['en', 'delete', true],
    ['en', 'no', false],
    ['en', 'continue', false],
    ['fi', '1', true],
    ['fi', '2', false],
  ])('%s "%s" is %s', (locale, text, yes) => {
    expect(read(locale, ERASE, text)).toEqual({ kind: 'answer', value: yes });
  });

  it.each<[Locale, string]>([
    ['fi', 'en tiedä'],
    ['fi', 'en oo varma'],
    ['sv', 'vet inte'],
    ['sv', 'vet int'],
    ['en', "don't know"],
    ['en', 'not sure'],
  ])('%s "%s" is neither yes nor no', (locale, text) => {
    expect(read(locale, ERASE, text)).toEqual({ kind: 'invalid', errorKey: 'common:errors.unsureChooseClosest' });
  });

  it('takes a digit only as the place of a button shown', () => {
    expect(read('fi', ERASE, '3')).toEqual({ kind: 'invalid', errorKey: 'common:errors.notUnderstood' });
  });

  it('reads its own buttons, and a plain yes/no press', () => {
    expect(read('fi', ERASE, 'x', { choice: 'confirm.yes' })).toEqual({ kind: 'answer', value: true });
    expect(read('fi', ERASE, 'x', { choice: 'no' })).toEqual({ kind: 'answer', value: false });
    expect(read('fi', ERASE, 'x', { choice: 'confirm.maybe' })).toEqual({ kind: 'invalid', errorKey: 'common:errors.notUnderstood' });
  });
});

describe("feedback in the person's words", () => {
  it.each<[Locale, string, string]>([
    ['fi', 'joo', 'helped.yes'],
    ['fi', 'kyllä sain', 'helped.yes'],
    ['fi', 'osittain', 'helped.partly'],
    ['fi', 'vähän', 'helped.partly'],
    ['fi', 'en saanut', 'helped.no'],
    ['sv', 'ja', 'helped.yes'],
    ['sv', 'delvis', 'helped.partly'],
    ['sv', 'inte alls', 'helped.no'],
    ['sv', 'nej', 'helped.no'],
    ['en', 'yeah', 'helped.yes'],
    ['en', 'partly', 'helped.partly'],
    ['en', 'not at all', 'helped.no'],
  ])('%s "%s" at "did you get help?" is %s', (locale, text, id) => {
    expect(read(locale, HELPED, text)).toEqual({ kind: 'answer', value: id });
  });

  // "En tiedä" at "did you get help?" is withdrawn by the side step before this reading (its
  // first word is the Finnish label "En"): test/dialogs/turn/sideQuestion.test.ts.

  it.each<[Locale, string, number]>([
    ['fi', '4', 4],
    ['fi', 'neljä', 4],
    ['fi', 'viisi', 5],
    ['fi', 'yksi', 1],
    ['sv', 'fyra', 4],
    ['sv', 'två', 2],
    ['en', 'five', 5],
    ['en', '3', 3],
  ])('%s "%s" at the score is %s', (locale, text, score) => {
    expect(read(locale, SCORE, text)).toEqual({ kind: 'answer', value: `score.${score}` });
  });

  it.each<[Locale, string]>([
    ['fi', '6'],
    ['fi', 'hyvä palvelu'],
    ['sv', 'vet inte'],
  ])('%s "%s" at the score is no answer', (locale, text) => {
    expect(read(locale, SCORE, text).kind).toBe('invalid');
  });
});
