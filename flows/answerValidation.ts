// Checks a typed answer against its question: the dialog validates and re-prompts,
// and the machine ignores anything that slips through.

import type { AnswerValue } from './contract';
import { optionId, optionValue, type QuestionDef } from './questionSet';

/** Default limits when a question does not set them. */
export const DEFAULT_TEXT_MAX_LENGTH = 500;
export const DEFAULT_MAX_FILES = 3;

/** True when the value is a valid answer to the question. */
export function isValidAnswer(question: QuestionDef, value: AnswerValue): boolean {
  const ids = (question.options ?? []).map((o) => optionId(question.id, optionValue(o)));
  switch (question.kind) {
    case 'choice':
      return typeof value === 'string' && ids.includes(value);
    case 'multiChoice':
      return Array.isArray(value) && value.length > 0 && new Set(value).size === value.length && value.every((v) => ids.includes(v));
    case 'yesNo':
      return typeof value === 'boolean';
    case 'number':
      return (
        typeof value === 'number' &&
        Number.isFinite(value) &&
        (question.min === undefined || value >= question.min) &&
        (question.max === undefined || value <= question.max)
      );
    case 'text':
      return typeof value === 'string' && value.trim().length > 0 && value.length <= (question.maxLength ?? DEFAULT_TEXT_MAX_LENGTH);
    case 'photo':
      return Array.isArray(value) && value.length > 0 && value.length <= (question.maxFiles ?? DEFAULT_MAX_FILES) && value.every((v) => v.length > 0);
  }
}
