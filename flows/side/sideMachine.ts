// The generic machine of a side conversation: one side set -> one small machine whose
// question states are built from the set's data the way the topics' are (prompt in `meta`,
// guarded ANSWER transitions, invalid answers ignored), ending in `done` with the answers
// as output, or in `withdrawn` when the client turned to something else.

import { assign, setup, type SnapshotFrom } from 'xstate';
import { isValidAnswer } from '../answerValidation';
import { guardHolds } from '../conditions';
import type { AnswerValue, FlowEvent, Locale, StateMeta, FlowContextBase } from '../contract';
import type { QuestionDef, QuestionSetDef } from '../questionSet';
import { promptFor } from '../questionStates';
import { successors } from '../successors';
import { SIDE_ROOT, SIDE_SETS, type SideSetId } from './sideSets';

/** How a side conversation ended. */
export type SideOutcome = 'done' | 'withdrawn';

/** Context of a side machine: plain JSON, persisted next to the triage flow. */
export interface SideContext extends FlowContextBase {
  /** Answers by full question id (`feedback.score`); choice answers are option ids. */
  answers: Record<string, AnswerValue>;
  /** What the conversation is about: the closed case (feedback) or the closed queue (contact request). */
  about?: string;
  outcome?: SideOutcome;
}

/** Input a side machine starts with. */
export interface SideInput {
  locale: Locale;
  about?: string;
}

/** What a finished side conversation hands the dialog's effect code. */
export interface SideOutput {
  set: SideSetId;
  outcome: SideOutcome;
  about?: string;
  answers: Record<string, AnswerValue>;
}

/** Params naming one question by full id. */
interface QuestionParams {
  q: string;
}

/** Params of a branch: the question and the set's named guard (none: always). */
interface BranchParams {
  q: string;
  guard?: string;
}

function localQuestion(set: QuestionSetDef, fullId: string): QuestionDef {
  const question = set.questions.find((q) => `${set.id}.${q.id}` === fullId);
  if (!question) throw new Error(`Side set '${set.id}' has no question '${fullId}'`);
  return question;
}

/** A side set uses only what its machine implements: no red flags, skips, language answers or photos. */
function checkSideSet(set: QuestionSetDef): void {
  for (const q of set.questions) {
    if (q.redFlag || q.optional || q.setsLocale || q.kind === 'photo' || (q.options ?? []).some((o) => typeof o !== 'string')) {
      throw new Error(`Side set '${set.id}': question '${q.id}' uses a feature side machines do not have`);
    }
  }
}

function buildSideMachine(id: SideSetId) {
  const set = SIDE_SETS[id];
  checkSideSet(set);
  const sideSetup = setup({
    types: {
      context: {} as SideContext,
      events: {} as FlowEvent,
      input: {} as SideInput,
      output: {} as SideOutput,
      meta: {} as StateMeta,
    },
    guards: {
      invalidAnswer: ({ event }, params: QuestionParams) => event.type === 'ANSWER' && !isValidAnswer(localQuestion(set, params.q), event.value),
      answerLeadsTo: ({ context, event }, params: BranchParams) =>
        event.type === 'ANSWER' &&
        (params.guard === undefined || guardHolds(set, params.guard, { answers: { ...context.answers, [params.q]: event.value }, subject: undefined })),
    },
    actions: {
      recordAnswer: assign(({ context, event }, params: QuestionParams) =>
        event.type === 'ANSWER' ? { answers: { ...context.answers, [params.q]: event.value } } : {},
      ),
      setOutcome: assign((_, params: { outcome: SideOutcome }) => ({ outcome: params.outcome })),
    },
  });
  const questionStates = Object.fromEntries(
    set.questions.map((question, index) => {
      const q = `${set.id}.${question.id}`;
      return [
        question.id,
        {
          meta: { prompt: promptFor(set, question) },
          on: {
            ANSWER: [
              { guard: { type: 'invalidAnswer', params: { q } } as const },
              ...successors(set, index, SIDE_ROOT).map((s) => ({
                guard: { type: 'answerLeadsTo', params: s.guard === undefined ? { q } : { q, guard: s.guard } } as const,
                target: s.target,
                actions: [{ type: 'recordAnswer', params: { q } } as const],
              })),
            ],
          },
        },
      ];
    }),
  );
  const first = set.questions[0];
  if (!first) throw new Error(`Side set '${set.id}' is empty`);
  return sideSetup.createMachine({
    id: 'side',
    context: ({ input }) => ({ locale: input.locale, answers: {}, ...(input.about !== undefined && { about: input.about }) }),
    initial: set.id,
    output: ({ context }) => ({
      set: id,
      outcome: context.outcome ?? 'withdrawn',
      answers: context.answers,
      ...(context.about !== undefined && { about: context.about }),
    }),
    on: {
      // Turning to something else (a global word, an answer that is none) withdraws the question.
      // A language switch is one of them: the dialog withdraws, and the flow asks in the new language.
      END: { target: `${SIDE_ROOT}.withdrawn` },
    },
    states: {
      [set.id]: { initial: first.id, states: questionStates },
      done: { type: 'final', entry: [{ type: 'setOutcome', params: { outcome: 'done' } }] },
      withdrawn: { type: 'final', entry: [{ type: 'setOutcome', params: { outcome: 'withdrawn' } }] },
    },
  });
}

/** The machine of each side set, built once. */
export const SIDE_MACHINES = {
  feedback: buildSideMachine('feedback'),
  contact: buildSideMachine('contact'),
  erase: buildSideMachine('erase'),
} as const;

/** A side machine of any set (they share one shape). */
export type SideMachine = (typeof SIDE_MACHINES)[SideSetId];
/** A snapshot of a side machine. */
export type SideSnapshot = SnapshotFrom<SideMachine>;
