// The buttons of the side conversations. Their values say what they answer without any stored
// state (a feedback button names its case and the answers so far; the erase buttons yes or no),
// so buttons already in a chat before an upgrade, or pressed again, are read as before.

import type { Activity, CardAction } from 'botbuilder';
import type { TFunction } from 'i18next';
import type { AnswerValue, Locale } from '../flows/contract';
import type { SideSetId } from '../flows/side';
import { feedbackPressOf, type FeedbackPress } from './feedback';
import type { ErasePress } from './flowTypes';
import { renderPrompt } from './promptRenderer';
import { sideContext, sidePrompt, type SideRun } from './sideRun';

/** A side button pressed: its set, what it is about, and the answers it gives in order. */
export interface SidePress {
  set: SideSetId;
  about?: string;
  answers: AnswerValue[];
}

function erasePressOf(value: unknown): boolean | undefined {
  const press = value as Partial<ErasePress> | null | undefined;
  return typeof press === 'object' && press !== null && typeof press.eraseData === 'boolean' ? press.eraseData : undefined;
}

/** The side answer a pressed button's value carries, if it is a side button. */
export function sidePressOf(value: unknown): SidePress | undefined {
  const feedback = feedbackPressOf(value);
  if (feedback) {
    const answers: AnswerValue[] =
      feedback.helped === undefined ? [] : [`helped.${feedback.helped}`, ...(feedback.score === undefined ? [] : [`score.${feedback.score}`])];
    return { set: 'feedback', about: feedback.caseId, answers };
  }
  const erase = erasePressOf(value);
  return erase === undefined ? undefined : { set: 'erase', answers: [erase] };
}

/** The value of the button of option `optionId` of the question `run` waits at. */
function pressValue(run: SideRun, optionId: string): unknown {
  const context = sideContext(run);
  if (run.set === 'erase') {
    const value: ErasePress = { eraseData: optionId.endsWith('.yes') };
    return value;
  }
  if (run.set === 'feedback' && context.about !== undefined) {
    const [question, option] = optionId.split('.') as [string, string];
    const helped = String(context.answers['feedback.helped'] ?? '').slice('helped.'.length);
    const feedback = (
      question === 'helped' ? { caseId: context.about, helped: option } : { caseId: context.about, helped, score: Number(option) }
    ) as FeedbackPress;
    return { feedback };
  }
  return { choice: optionId };
}

/** The question a side run waits at, with its buttons carrying their side values. */
export function renderSidePrompt(run: SideRun, t: TFunction, locale: Locale): Partial<Activity>[] {
  const prompt = sidePrompt(run);
  if (!prompt) return [];
  return renderPrompt(prompt, t, locale, undefined).map((activity) => {
    const actions = activity.suggestedActions?.actions;
    if (!actions) return activity;
    const rewritten = actions.map((action): CardAction => {
      const choice = (action.value as { choice?: unknown } | undefined)?.choice;
      return typeof choice === 'string' ? { ...action, value: pressValue(run, choice) } : action;
    });
    return { ...activity, suggestedActions: { ...activity.suggestedActions!, actions: rewritten } };
  });
}
