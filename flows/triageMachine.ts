// The triage machine: entry -> topic question set -> segmentation (where relevant)
// -> summary with correction -> outcome. Global words (BACK, RESTART, HUMAN, END,
// SET_LOCALE, EMERGENCY_SIGN) are handled at the root so they work in every question.

import type { PromptMeta } from './contract';
import { buildSetState, type TriageStateConfig } from './questionStates';
import { ALL_SETS, allQuestionIds, isBackTarget, isCorrectable } from './sets';
import { initialContext } from './triageContext';
import { SUMMARY_CONFIRM, triageOutput, triageSetup } from './triageSetup';

/** Prompt of the summary state: the dialog lists the answers (see summary.ts) and offers correction. */
export const SUMMARY_PROMPT: PromptMeta = {
  key: 'entry:summary.question',
  kind: 'summary',
  intro: ['entry:summary.intro'],
  options: [{ id: SUMMARY_CONFIRM, labelKey: 'entry:summary.options.confirm' }],
};

const correctableIds = allQuestionIds().filter(isCorrectable);

const summaryState: TriageStateConfig = {
  meta: { prompt: SUMMARY_PROMPT },
  entry: ['finishCorrecting'],
  on: {
    ANSWER: [{ guard: 'confirmsSummary', target: 'done' }],
    CORRECT: correctableIds.map((q) => ({
      guard: { type: 'canCorrect', params: { q } } as const,
      target: `#triage.${q}`,
      actions: ['startCorrecting'] as const,
    })),
  },
};

const backTargets = [...allQuestionIds().filter(isBackTarget), 'summary'];

function passFromIndex(setId: string): number | undefined {
  if (setId === 'entry' || setId === 'poisoning') return undefined;
  return setId === 'segment' ? 0 : 1;
}

/** The triage machine; persisted as `{value, context}` and driven with pure transitions. */
export const triageMachine = triageSetup.createMachine({
  id: 'triage',
  context: ({ input }) => initialContext(input),
  initial: 'entry',
  output: triageOutput,
  on: {
    BACK: backTargets.map((q) => ({
      guard: { type: 'historyTopIs', params: { q } } as const,
      target: `#triage.${q}`,
      actions: ['goBack'] as const,
    })),
    RESTART: { target: '#triage.entry.language', actions: 'restart' },
    HUMAN: { target: '#triage.human' },
    END: { target: '#triage.ended' },
    SET_LOCALE: { actions: 'setLocale' },
    // Typed words of a poisoning ask the one symptom question first; every other sign is 112 now.
    EMERGENCY_SIGN: [
      { guard: 'signIsPoisoning', target: '#triage.poisoning' },
      { target: '#triage.emergency', actions: 'signFromEvent' },
    ],
  },
  states: {
    // Entry answers are not corrected; a topic's first question never follows a corrected
    // one; the segmentation questions follow the topic's last question.
    ...Object.fromEntries(ALL_SETS.map((set) => [set.id, buildSetState(set, passFromIndex(set.id))])),
    summary: summaryState,
    done: { type: 'final', entry: [{ type: 'setOutcome', params: { outcome: 'completed' } }] },
    emergency: { type: 'final', entry: [{ type: 'setOutcome', params: { outcome: 'emergency' } }] },
    // No severe signs after a poisoning: the Poison Information Centre now (deadline: now).
    poisonInfo: {
      type: 'final',
      entry: [
        { type: 'setSign', params: { sign: 'poisoning' } },
        { type: 'setOutcome', params: { outcome: 'emergency' } },
      ],
    },
    declined: { type: 'final', entry: ['forgetAll'] },
    human: { type: 'final', entry: [{ type: 'setOutcome', params: { outcome: 'human' } }] },
    ended: { type: 'final', entry: [{ type: 'setOutcome', params: { outcome: 'ended' } }] },
  },
});
