import type { AnswerValue, PromptAmounts, PromptMeta, PromptOption } from '../flows/contract';
import { bandOf } from '../understanding/ages';
import type { AnswerReader } from '../understanding/answerReader';
import { foldText } from './textMatch';

/** What the client sent, reduced to the parts that can carry an answer. */
export interface ClientInput {
  text: string | undefined;
  /** `value` of a suggested-action press (messageBack), e.g. `{ choice: 'subject.child' }`. */
  value: unknown;
}

/** Result of reading an answer: a typed value, a skip, or a localized reason to ask again. */
export type ParsedAnswer =
  { kind: 'answer'; value: AnswerValue } | { kind: 'skip' } | { kind: 'invalid'; errorKey: string; params?: Record<string, string | number> };

/** Label lookup: every label (all languages) an option id may be typed as, already folded. */
export type LabelIndex = (labelKey: string) => string[];

/** Option ids of a yes/no question, mapped to booleans. */
export const YES_NO_OPTIONS: readonly PromptOption[] = [
  { id: 'yes', labelKey: 'common:yes' },
  { id: 'no', labelKey: 'common:no' },
];

function pressed(value: unknown): { choice?: string; skip?: boolean; multi?: string[] } {
  if (typeof value !== 'object' || value === null) return {};
  const record = value as Record<string, unknown>;
  return {
    choice: typeof record.choice === 'string' ? record.choice : undefined,
    skip: record.skip === true,
    // An Adaptive Card multi-select submits its ids comma-separated (absent when none ticked).
    multi:
      record.multiChoice === true
        ? String(record.choices ?? '')
            .split(',')
            .map((id) => id.trim())
            .filter((id) => id !== '')
        : undefined,
  };
}

function matchOption(token: string, options: readonly PromptOption[], labels: LabelIndex, amounts?: PromptAmounts): PromptOption | undefined {
  const folded = foldText(token);
  // Where the options are ranges, a bare number is the amount ("3" drinks), not the option's place.
  if (/^\d+$/.test(folded)) return amounts ? options.find((o) => o.id === bandOf(amounts.bands, Number(folded))) : options[Number(folded) - 1];
  return options.find((option) => labels(option.labelKey).includes(folded) || foldText(option.id) === folded);
}

/** The answer a yes/no option id stands for: `yes` / `no`, or a question's own `<q>.yes` / `<q>.no`. */
export function yesNoOfId(id: string | undefined): boolean | undefined {
  if (id === undefined) return undefined;
  const value = id.slice(id.lastIndexOf('.') + 1);
  return value === 'yes' ? true : value === 'no' ? false : undefined;
}

function notUnderstood(): ParsedAnswer {
  return { kind: 'invalid', errorKey: 'common:errors.notUnderstood' };
}

/**
 * Reads the client's input as an answer to `prompt`; never throws on bad input. A button or
 * an option's exact label or number comes first; then, with a `reader`, the person's own
 * words (synonyms and inflected forms, colloquial yes/no, numbers in words with units).
 */
export function parseAnswer(prompt: PromptMeta, input: ClientInput, labels: LabelIndex, skipWords: string[], reader?: AnswerReader): ParsedAnswer {
  const press = pressed(input.value);
  const text = input.text?.trim() ?? '';
  if (prompt.optional && (press.skip || (text !== '' && skipWords.includes(foldText(text))))) return { kind: 'skip' };

  switch (prompt.kind) {
    case 'choice':
    case 'multiChoice': {
      const options = prompt.options ?? [];
      if (press.multi !== undefined && prompt.kind === 'multiChoice') {
        if (press.multi.length === 0) return { kind: 'invalid', errorKey: 'common:errors.chooseAtLeastOne' };
        if (press.multi.some((id) => !options.some((o) => o.id === id))) return notUnderstood();
        return { kind: 'answer', value: [...new Set(press.multi)] };
      }
      if (press.choice !== undefined) {
        const option = options.find((o) => o.id === press.choice);
        if (!option) return notUnderstood();
        return { kind: 'answer', value: prompt.kind === 'choice' ? option.id : [option.id] };
      }
      if (text === '') return notUnderstood();
      const whole = matchOption(text, options, labels, prompt.amounts);
      if (whole) return { kind: 'answer', value: prompt.kind === 'choice' ? whole.id : [whole.id] };
      if (prompt.kind === 'choice') {
        const named = reader?.options(text, prompt, false)?.[0];
        return named === undefined ? notUnderstood() : { kind: 'answer', value: named };
      }
      const picked = text.split(/[,;]|\s+(?:ja|och|and)\s+/i).map((part) => matchOption(part, options, labels));
      if (picked.length > 0 && picked.every((o) => o !== undefined)) return { kind: 'answer', value: [...new Set(picked.map((o) => o!.id))] };
      const named = reader?.options(text, prompt, true) ?? [];
      return named.length === 0 ? notUnderstood() : { kind: 'answer', value: named };
    }
    case 'yesNo': {
      // A yes/no may label its two answers in its own words ("Kyllä, poista"): ids `<q>.yes` / `<q>.no`.
      // A digit is the place of a button shown (1 or 2); a plain yes/no label counts for them too.
      const own = prompt.options ?? YES_NO_OPTIONS;
      const plain = prompt.options && !/^\d+$/.test(text) ? matchOption(text, YES_NO_OPTIONS, labels)?.id : undefined;
      const id = press.choice ?? matchOption(text, own, labels)?.id ?? plain;
      const answer = yesNoOfId(id);
      if (answer !== undefined) return { kind: 'answer', value: answer };
      // "En tiedä" is never a no: a red-flag question reads it as its cautious answer (data:
      // `unsure` of the question); any other asks again with a hint to choose the closest option.
      const reading = press.choice === undefined && text !== '' ? reader?.yesNo(text) : undefined;
      if (reading === 'yes' || reading === 'no') return { kind: 'answer', value: reading === 'yes' };
      if (reading === 'unsure')
        return prompt.unsure !== undefined ? { kind: 'answer', value: prompt.unsure } : { kind: 'invalid', errorKey: 'common:errors.unsureChooseClosest' };
      // Own labels have synonyms too ("poista", "radera"), read as options are.
      const named = press.choice === undefined && text !== '' && prompt.options ? yesNoOfId(reader?.options(text, prompt, false)?.[0]) : undefined;
      return named === undefined ? notUnderstood() : { kind: 'answer', value: named };
    }
    case 'number': {
      const min = prompt.min ?? 0;
      const max = prompt.max ?? Number.MAX_SAFE_INTEGER;
      const normalized = text.replace(',', '.');
      const value = /^-?\d+(\.\d+)?$/.test(normalized) ? Number(normalized) : (reader?.number(text, prompt) ?? Number.NaN);
      if (!Number.isFinite(value) || value < min || value > max) {
        return { kind: 'invalid', errorKey: 'common:errors.numberExpected', params: { min, max } };
      }
      return { kind: 'answer', value };
    }
    case 'text': {
      if (text === '') return { kind: 'invalid', errorKey: 'common:errors.textEmpty' };
      const max = prompt.maxLength ?? 500;
      if ([...text].length > max) return { kind: 'invalid', errorKey: 'common:errors.textTooLong', params: { max } };
      return { kind: 'answer', value: text };
    }
    case 'photo':
      return { kind: 'invalid', errorKey: 'common:photo.expected' };
    default:
      return { kind: 'invalid', errorKey: 'common:errors.unsupportedInput' };
  }
}
