// The generic builder: one question set -> one compound state whose children are the
// set's questions. Each question state carries its prompt in `meta` and guarded
// transitions for valid, red-flag and branching answers; while a correction is under
// way, an answered question passes itself on with the same branches.

import type { PromptMeta, PromptOption } from './contract';
import { optionId, optionValue, type QuestionDef, type QuestionSetDef } from './questionSet';
import { successors } from './successors';
import { triageSetup } from './triageSetup';

type MachineConfig = Parameters<typeof triageSetup.createMachine>[0];
/** A state node config checked against the triage setup. */
export type TriageStateConfig = NonNullable<MachineConfig['states']>[string];

/** The prompt the dialog renders for a question; wording only as i18n keys. */
export function promptFor(set: QuestionSetDef, question: QuestionDef): PromptMeta {
  const base = `${set.ns}:${question.id}`;
  const prompt: PromptMeta = { id: `${set.id}.${question.id}`, key: `${base}.question`, kind: question.kind };
  if (question.intro) prompt.intro = question.intro.map((k) => `${base}.${k}`);
  if (question.options) {
    prompt.options = question.options.map((o): PromptOption => {
      const value = optionValue(o);
      return { id: optionId(question.id, value), labelKey: `${base}.options.${value}` };
    });
  }
  if (question.min !== undefined) prompt.min = question.min;
  if (question.max !== undefined) prompt.max = question.max;
  if (question.kind === 'text') prompt.maxLength = question.maxLength ?? 500;
  if (question.kind === 'photo') prompt.maxFiles = question.maxFiles ?? 3;
  if (question.optional) prompt.optional = true;
  if (question.unsure === 'yes') prompt.unsure = true;
  if (question.wholeAnswer) prompt.wholeAnswer = true;
  if (question.amounts && prompt.options) {
    const below = question.amounts.below;
    prompt.amounts = { unit: question.amounts.unit, bands: prompt.options.map((o, i) => ({ id: o.id, below: below[i] ?? Number.POSITIVE_INFINITY })) };
  }
  return prompt;
}

function questionState(set: QuestionSetDef, index: number, passes: boolean): TriageStateConfig {
  const question = set.questions[index]!;
  const q = `${set.id}.${question.id}`;
  const next = successors(set, index);
  const hasRedFlag = question.redFlag !== undefined || (question.options ?? []).some((o) => typeof o !== 'string' && o.redFlag);
  return {
    meta: { prompt: promptFor(set, question) },
    always: (passes ? next : []).map((s) => ({
      guard: { type: 'passLeadsTo', params: s.guard === undefined ? { q } : { q, guard: s.guard } },
      target: s.target,
      actions: [{ type: 'passAnswered', params: { q } }],
    })),
    on: {
      ANSWER: [
        { guard: { type: 'invalidAnswer', params: { q } } },
        ...(hasRedFlag
          ? [
              {
                guard: { type: 'answerRaisesRedFlag', params: { q } } as const,
                target: '#triage.emergency',
                actions: [{ type: 'recordAnswer', params: { q } } as const, { type: 'recordRedFlag', params: { q } } as const],
              },
            ]
          : []),
        ...next.map((s) => ({
          guard: { type: 'answerLeadsTo', params: s.guard === undefined ? { q } : { q, guard: s.guard } } as const,
          target: s.target,
          actions: [{ type: 'recordAnswer', params: { q } } as const],
        })),
      ],
      ...(question.optional
        ? {
            SKIP: next.map((s) => ({
              guard: { type: 'skipLeadsTo', params: s.guard === undefined ? { q } : { q, guard: s.guard } } as const,
              target: s.target,
              actions: [{ type: 'recordSkip', params: { q } } as const],
            })),
          }
        : {}),
    },
  };
}

/**
 * The compound state of a question set; its initial state is the first question.
 * `passFrom`: index of the first question that can follow a corrected one (and so may
 * pass itself on); omitted for sets whose answers are not corrected from the summary.
 */
export function buildSetState(set: QuestionSetDef, passFrom?: number): TriageStateConfig {
  const first = set.questions[0];
  if (!first) throw new Error(`Question set '${set.id}' is empty`);
  if (first.askIf !== undefined) throw new Error(`The first question of '${set.id}' cannot be conditional`);
  return {
    initial: first.id,
    states: Object.fromEntries(set.questions.map((question, index) => [question.id, questionState(set, index, passFrom !== undefined && index >= passFrom)])),
  };
}
