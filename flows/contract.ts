// The contract between a flow machine and the FlowDialog that hosts it.
// A machine describes what to ask through state `meta`; the dialog renders it
// with i18next and turns the client's input into the typed events below.

/** Answer kinds a question can have. */
export type AnswerKind = 'choice' | 'multiChoice' | 'yesNo' | 'number' | 'text' | 'photo' | 'summary';

/** One selectable option; `id` is stable across languages, `labelKey` is an i18n key. */
export interface PromptOption {
  id: string;
  labelKey: string;
}

/** What the dialog must render for the state the flow is in. */
export interface PromptMeta {
  /** Stable question id (`<set>.<question>`), e.g. to file a photo under the question it answers. */
  id?: string;
  /** i18n key (namespace-qualified, e.g. `entry:consent.question`) of the question. */
  key: string;
  kind: AnswerKind;
  /** Info lines (i18n keys) shown before the question, e.g. a privacy notice. */
  intro?: string[];
  options?: PromptOption[];
  min?: number;
  max?: number;
  maxLength?: number;
  maxFiles?: number;
  /** The client may answer "skip" (SKIP event). */
  optional?: boolean;
  /** The options are ranges of an amount: a typed number picks the range holding it, never the option's place. */
  amounts?: PromptAmounts;
  /** A yes/no whose "I don't know" is read as this (the cautious yes of a red-flag question). */
  unsure?: boolean;
  /** A typed answer counts only as the whole message, never from inside a sentence (an answer that cannot be undone). */
  wholeAnswer?: boolean;
}

/** What a choice of ranges counts: an age in years, a duration in days, or a count (drinks). */
export type AmountUnit = 'age' | 'day' | 'count';

/** One range of a choice of ranges: the option (its prompt id) holding amounts below `below`. */
export interface Band {
  id: string;
  /** The band holds amounts below this (and at or above the previous band's). */
  below: number;
}

/** The ranges a choice question's options stand for, in option order. */
export interface PromptAmounts {
  unit: AmountUnit;
  bands: Band[];
}

/** Shape of `meta` on a state node; `prompt` marks a state that waits for an answer. */
export interface StateMeta {
  prompt?: PromptMeta;
}

/** A typed answer value; choice answers carry option ids, never labels. */
export type AnswerValue = string | string[] | number | boolean;

/** Locales the service speaks; Finnish is the source language. */
export const LOCALES = ['fi', 'sv', 'en'] as const;
export type Locale = (typeof LOCALES)[number];

/** Events every flow accepts from the dialog. */
export type FlowEvent =
  | { type: 'ANSWER'; value: AnswerValue }
  | { type: 'SKIP' }
  | { type: 'BACK' }
  | { type: 'RESTART' }
  | { type: 'HUMAN' }
  | { type: 'END' }
  | { type: 'SET_LOCALE'; locale: Locale }
  | { type: 'EMERGENCY_SIGN'; sign: string }
  /** From a `summary` prompt: reopen one answered question; answers that stay valid are kept. */
  | { type: 'CORRECT'; questionId: string };

/** Whose matter the flow is about; drives third-person wording (i18next context). */
export type SubjectKind = 'self' | 'child' | 'adult';

/** Context fields every flow keeps so the dialog can render in the right language and person. */
export interface FlowContextBase {
  locale: Locale;
  subject?: { kind: SubjectKind };
}

/** Input a flow is started with. */
export interface FlowInput {
  locale: Locale;
}
