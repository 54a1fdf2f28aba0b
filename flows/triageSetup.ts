// Named guards and actions of the triage machine. Guards evaluate the question sets'
// data (named guards, red flags, validation); actions only touch plain JSON context.

import { assign, setup } from 'xstate';
import { guardHolds } from './conditions';
import type { AnswerValue, FlowEvent, FlowInput, Locale, StateMeta } from './contract';
import { LOCALES } from './contract';
import { buildResult, type TriageResult } from './result';
import { lookupQuestion } from './sets';
import { answersOnPath, redFlagOf, walkPath } from './successors';
import { subjectFromAnswers } from './subject';
import { initialContext, type OutcomeKind, type TriageContext } from './triageContext';
import { isValidAnswer } from './answerValidation';

/** Params naming one question by full id. */
export interface QuestionParams {
  q: string;
}

/** Params of a branch: the question and the set's named guard (none: always). */
export interface BranchParams {
  q: string;
  guard?: string;
}

/** Value of the summary prompt's confirm option. */
export const SUMMARY_CONFIRM = 'summary.confirm';

function question(q: string) {
  const found = lookupQuestion(q);
  if (!found) throw new Error(`Unknown question '${q}'`);
  return found;
}

function answeredIn(context: TriageContext, q: string): boolean {
  return context.answers[q] !== undefined || context.skipped.includes(q);
}

function withAnswer(context: TriageContext, q: string, value: AnswerValue): Record<string, AnswerValue> {
  return { ...context.answers, [q]: value };
}

function withoutAnswer(context: TriageContext, q: string): Record<string, AnswerValue> {
  const answers = { ...context.answers };
  delete answers[q];
  return answers;
}

function branchHolds(answers: Record<string, AnswerValue>, params: BranchParams): boolean {
  if (params.guard === undefined) return true;
  return guardHolds(question(params.q).set, params.guard, { answers, subject: subjectFromAnswers(answers) });
}

function localeFromAnswer(value: AnswerValue): Locale | undefined {
  if (typeof value !== 'string') return undefined;
  const code = value.slice(value.indexOf('.') + 1);
  return (LOCALES as readonly string[]).includes(code) ? (code as Locale) : undefined;
}

/** The typed setup every triage state config is checked against. */
export const triageSetup = setup({
  types: {
    context: {} as TriageContext,
    events: {} as FlowEvent,
    input: {} as FlowInput,
    output: {} as TriageResult,
    meta: {} as StateMeta,
  },
  guards: {
    invalidAnswer: ({ event }, params: QuestionParams) => event.type === 'ANSWER' && !isValidAnswer(question(params.q).question, event.value),
    answerRaisesRedFlag: ({ context, event }, params: QuestionParams) =>
      event.type === 'ANSWER' && redFlagOf(params.q, withAnswer(context, params.q, event.value)) !== undefined,
    answerLeadsTo: ({ context, event }, params: BranchParams) => event.type === 'ANSWER' && branchHolds(withAnswer(context, params.q, event.value), params),
    skipLeadsTo: ({ context }, params: BranchParams) => branchHolds(withoutAnswer(context, params.q), params),
    passLeadsTo: ({ context }, params: BranchParams) =>
      context.correcting !== null && context.correcting !== params.q && answeredIn(context, params.q) && branchHolds(context.answers, params),
    historyTopIs: ({ context }, params: QuestionParams) => context.history[context.history.length - 1] === params.q,
    canCorrect: ({ context, event }, params: QuestionParams) => event.type === 'CORRECT' && event.questionId === params.q && answeredIn(context, params.q),
    confirmsSummary: ({ event }) => event.type === 'ANSWER' && event.value === SUMMARY_CONFIRM,
    signIsPoisoning: ({ event }) => event.type === 'EMERGENCY_SIGN' && event.sign === 'poisoning',
  },
  actions: {
    recordAnswer: assign(({ context, event }, params: QuestionParams) => {
      if (event.type !== 'ANSWER') return {};
      const answers = withAnswer(context, params.q, event.value);
      const locale = question(params.q).question.setsLocale ? localeFromAnswer(event.value) : undefined;
      const subject = subjectFromAnswers(answers);
      const update: Partial<TriageContext> = {
        answers,
        skipped: context.skipped.filter((id) => id !== params.q),
        history: [...context.history, params.q],
        subject,
      };
      if (locale) update.locale = locale;
      return update;
    }),
    recordSkip: assign(({ context }, params: QuestionParams) => ({
      answers: withoutAnswer(context, params.q),
      skipped: context.skipped.includes(params.q) ? context.skipped : [...context.skipped, params.q],
      history: [...context.history, params.q],
    })),
    passAnswered: assign(({ context }, params: QuestionParams) => ({ history: [...context.history, params.q] })),
    recordRedFlag: assign(({ context }, params: QuestionParams) => {
      const sign = redFlagOf(params.q, context.answers);
      return sign ? { emergencySign: sign } : {};
    }),
    goBack: assign(({ context }) => ({ history: context.history.slice(0, -1), correcting: null })),
    startCorrecting: assign(({ context, event }) =>
      event.type === 'CORRECT' ? { correcting: event.questionId, history: [...context.history, 'summary'] } : {},
    ),
    // At the summary only answers on the current path are kept (after BACK or a correction).
    finishCorrecting: assign(({ context }) => {
      const answers = answersOnPath(context.answers, context.skipped);
      const onPath = walkPath(context.answers, context.skipped);
      return { correcting: null, answers, skipped: context.skipped.filter((id) => onPath.includes(id)) };
    }),
    restart: assign(({ context }) => initialContext({ locale: context.locale })),
    setLocale: assign(({ event }) => (event.type === 'SET_LOCALE' ? { locale: event.locale } : {})),
    signFromEvent: assign(({ event }) => (event.type === 'EMERGENCY_SIGN' ? { emergencySign: event.sign } : {})),
    setOutcome: assign((_, params: { outcome: OutcomeKind }) => ({ outcome: params.outcome })),
    setSign: assign((_, params: { sign: string }) => ({ emergencySign: params.sign })),
    // Declining the privacy notice: nothing the client told is kept.
    forgetAll: assign(({ context }) => ({ ...initialContext({ locale: context.locale }), outcome: 'declined' as const })),
  },
});

/** Output mapper of the triage machine. */
export function triageOutput({ context }: { context: TriageContext }): TriageResult {
  return buildResult(context);
}
