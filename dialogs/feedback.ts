import type { Activity } from 'botbuilder';
import type { TFunction } from 'i18next';
import type { Locale } from '../flows/contract';
import type { HelpedAnswer } from '../handoff/caseTypes';
import { renderSidePrompt } from './sidePresses';
import { startSide } from './sideRun';

const HELPED: readonly HelpedAnswer[] = ['yes', 'partly', 'no'];

/** Value of a feedback button: which case, and the answers so far. */
export interface FeedbackPress {
  caseId: string;
  helped?: HelpedAnswer;
  score?: number;
}

/** "Did you get help?" with yes / partly / no: the first question of the feedback set for the case. */
export function helpedQuestion(caseId: string, t: TFunction, locale: Locale): Partial<Activity> {
  const [question] = renderSidePrompt(startSide('feedback', locale, caseId), t, locale);
  if (!question) throw new Error('the feedback set asks nothing');
  return question;
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
