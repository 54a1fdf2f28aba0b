// What the summary shows: the answers on the client's path, as keys and typed values.

import type { AnswerKind, AnswerValue } from './contract';
import { promptFor } from './questionStates';
import { isCorrectable, lookupQuestion } from './sets';
import { walkPath } from './successors';
import type { TriageContext } from './triageContext';

/** One answered question in the summary. */
export interface SummaryItem {
  questionId: string;
  /** i18n key of the question (render with the subject's context suffix). */
  questionKey: string;
  kind: AnswerKind;
  /** Absent when the client skipped the question. */
  value?: AnswerValue;
  /** Label keys of the chosen options (choice and multiChoice). */
  valueKeys?: string[];
  /** The client may send CORRECT for this question. */
  correctable: boolean;
}

/** Answers on the current path in asking order (entry questions included, not correctable). */
export function summaryItems(context: TriageContext): SummaryItem[] {
  return walkPath(context.answers, context.skipped).flatMap((questionId): SummaryItem[] => {
    const found = lookupQuestion(questionId);
    if (!found) return [];
    const prompt = promptFor(found.set, found.question);
    const item: SummaryItem = { questionId, questionKey: prompt.key, kind: prompt.kind, correctable: isCorrectable(questionId) };
    const value = context.answers[questionId];
    if (value !== undefined) {
      item.value = value;
      const chosen = typeof value === 'string' ? [value] : Array.isArray(value) ? value : [];
      const keys = (prompt.options ?? []).filter((o) => chosen.includes(o.id)).map((o) => o.labelKey);
      if (keys.length > 0) item.valueKeys = keys;
    }
    return [item];
  });
}
