import type { TFunction } from 'i18next';
import type { AnswerValue } from '../flows/contract';
import { promptFor } from '../flows/questionStates';
import { lookupQuestion } from '../flows/sets';
import { keyChain } from '../dialogs/promptRenderer';
import type { TriageSubject } from '../flows';

/** One answer as staff read it: the question as the client saw it and the answer in words. */
export interface AnswerLine {
  questionId: string;
  question: string;
  answer: string;
}

/**
 * The client's answers in the staff member's language: question texts in the person the
 * client was addressed in (third person for someone else's matter), option labels instead
 * of ids. Typed answers are returned as given (the console shows them as text only).
 */
export function answerLines(answers: Record<string, AnswerValue>, subject: TriageSubject | undefined, t: TFunction): AnswerLine[] {
  return Object.entries(answers).flatMap(([questionId, value]): AnswerLine[] => {
    const found = lookupQuestion(questionId);
    // An answer to a question this flow version no longer has is still shown, as stored.
    if (!found) return [{ questionId, question: questionId, answer: Array.isArray(value) ? value.join(', ') : String(value) }];
    const prompt = promptFor(found.set, found.question);
    const question = t(keyChain(prompt.key, subject?.kind));
    const chosen = typeof value === 'string' ? [value] : Array.isArray(value) ? value : [];
    const labels = (prompt.options ?? []).filter((o) => chosen.includes(o.id)).map((o) => t(keyChain(o.labelKey, subject?.kind)));
    let answer: string;
    if (prompt.kind === 'photo') answer = t('common:summary.photos', { count: chosen.length });
    else if (typeof value === 'boolean') answer = t(value ? 'common:yes' : 'common:no');
    else if (labels.length > 0) answer = labels.join(', ');
    else answer = String(value);
    return [{ questionId, question, answer }];
  });
}
