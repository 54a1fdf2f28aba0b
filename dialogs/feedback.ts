import { ActionTypes, type Activity, type CardAction } from 'botbuilder';
import type { TFunction } from 'i18next';
import type { HelpedAnswer } from '../handoff/caseTypes';
import { textMessage } from './promptRenderer';

const HELPED: readonly HelpedAnswer[] = ['yes', 'partly', 'no'];

/** Value of a feedback button: which case, and the answers so far. */
export interface FeedbackPress {
  caseId: string;
  helped?: HelpedAnswer;
  score?: number;
}

function button(title: string, feedback: FeedbackPress): CardAction {
  return { type: ActionTypes.MessageBack, title, text: title, displayText: title, value: { feedback } };
}

/** "Did you get help?" with yes / partly / no. */
export function helpedQuestion(caseId: string, t: TFunction, locale: string): Partial<Activity> {
  const message = textMessage(t('common:feedback.question'), locale);
  message.suggestedActions = { to: [], actions: HELPED.map((helped) => button(t(`common:feedback.helped.${helped}`), { caseId, helped })) };
  return message;
}

/** The score question, 1–5. */
export function scoreQuestion(caseId: string, helped: HelpedAnswer, t: TFunction, locale: string): Partial<Activity> {
  const message = textMessage(t('common:feedback.score'), locale);
  message.suggestedActions = { to: [], actions: [1, 2, 3, 4, 5].map((score) => button(String(score), { caseId, helped, score })) };
  return message;
}

/** Reads a feedback button's value; undefined when it is not one or is malformed. */
export function feedbackPressOf(value: unknown): FeedbackPress | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const raw = (value as Record<string, unknown>).feedback;
  if (typeof raw !== 'object' || raw === null) return undefined;
  const r = raw as Record<string, unknown>;
  if (typeof r.caseId !== 'string' || r.caseId === '' || r.caseId.length > 64) return undefined;
  const helped = HELPED.find((h) => h === r.helped);
  if (r.helped !== undefined && !helped) return undefined;
  const score = typeof r.score === 'number' && Number.isInteger(r.score) && r.score >= 1 && r.score <= 5 ? r.score : undefined;
  if (r.score !== undefined && score === undefined) return undefined;
  return { caseId: r.caseId, ...(helped && { helped }), ...(score !== undefined && { score }) };
}
