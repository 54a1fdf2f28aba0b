// The typed format every question set is written in. A set is data: the generic
// builder (questionStates.ts) turns it into state nodes, and the same data drives
// the walk that decides which answers are on the client's current path.

import type { AmountUnit, AnswerKind, AnswerValue } from './contract';
import type { EmergencySign } from './emergencySigns';
import type { AdultConsent, AgeBand, TriageSubject } from './subject';

/** How soon the client needs help; the order is from most to least urgent. */
export const URGENCIES = ['emergency', 'urgent', 'non_urgent', 'self_care'] as const;
export type Urgency = (typeof URGENCIES)[number];

/** Markers carried in the result for staff and routing. */
export type ResultFlag =
  | 'teen_confidentiality'
  | 'adult_no_consent'
  | 'adult_cannot_consent'
  | 'consent_declined'
  | 'crisis'
  | 'photo_attached'
  | 'alcohol_risk'
  | 'mood_screen_positive'
  | 'caregiver_strain'
  | 'lives_alone';

/** Scores computed from several answers (see scoring.ts). */
export type DerivedPredicate = 'auditCRisk' | 'moodScreenPositive' | 'adviceOnly';

/**
 * A condition over answers and the subject. `q` is a question id local to the set,
 * or a full id (`entry.subject`) when it contains a dot. Choice values are the
 * option's value (`weeks`), not its full id (`duration.weeks`).
 */
export type Condition =
  | { q: string; is: string }
  | { q: string; anyOf: readonly string[] }
  | { q: string; yes: boolean }
  | { q: string; atLeast: number }
  | { q: string; below: number }
  | { q: string; answered: boolean }
  | { subject: readonly TriageSubject['kind'][] }
  | { ageBand: readonly AgeBand[] }
  | { consent: readonly AdultConsent[] }
  | { derived: DerivedPredicate }
  | { all: readonly Condition[] }
  | { any: readonly Condition[] }
  | { not: Condition };

/** One option of a choice question; `redFlag` ends the flow in the emergency outcome. */
export interface OptionDef {
  value: string;
  redFlag?: EmergencySign;
}

/** Where a branch leads: a question of the same set, the set's end, or an absolute state (`#triage.x`). */
export type BranchTarget = string;

/** A branch taken when the named guard holds; without `when` it always holds. */
export interface Branch {
  when?: string;
  to: BranchTarget;
}

/** Kinds a question in a set may have (the summary is not a question). */
export type QuestionKind = Exclude<AnswerKind, 'summary'>;

/** One question of a set. */
export interface QuestionDef {
  /** Local id; the full id is `<set>.<id>`. No dots. */
  id: string;
  kind: QuestionKind;
  options?: readonly (string | OptionDef)[];
  min?: number;
  max?: number;
  maxLength?: number;
  maxFiles?: number;
  optional?: boolean;
  /** Local info keys shown before the question (under `<set>.<id>.`). */
  intro?: readonly string[];
  /** Named guard; when false the question is passed over. */
  askIf?: string;
  /** Named guard over the answers including this one; when true the flow ends as an emergency. */
  redFlag?: { when: string; sign: EmergencySign };
  /** Explicit branches, tried in order before the default (the next question that applies). */
  next?: readonly Branch[];
  /** The answer also switches the conversation language. */
  setsLocale?: boolean;
  /**
   * The options are ranges of an amount: `below[i]` is the upper bound (exclusive) of option i,
   * so a typed "3" or "3 drinkar" means three, not the third button.
   */
  amounts?: { unit: AmountUnit; below: readonly number[] };
  /**
   * How a yes/no answered "I don't know" is read. The rule: only a red-flag question has a safe
   * reading, and it is `'yes'` (the cautious answer, so urgency is never lowered); elsewhere this
   * is left out and the question is asked again with a hint to choose the closest option.
   */
  unsure?: 'yes';
  /**
   * An answer that cannot be undone (deleting data): a typed answer counts only when it is the
   * whole message (a yes/no word, a label or a synonym), never read from inside a sentence.
   */
  wholeAnswer?: true;
}

/** One row of a set's urgency table: the most urgent matching row wins. */
export interface UrgencyRule {
  when: string;
  urgency: Urgency;
  /** Clinical reason, for reviewers; not shown to clients. */
  note: string;
}

/** A question set: one topic, the entry, or the segmentation questions. */
export interface QuestionSetDef {
  id: string;
  /** i18n namespace holding the set's wording. */
  ns: string;
  questions: readonly QuestionDef[];
  /** Named guards used by askIf, next, redFlag, urgency, flags and segmentRisks. */
  guards: Readonly<Record<string, Condition>>;
  /** Where the flow goes after the last question. */
  exit: BranchTarget;
  urgency?: { rules: readonly UrgencyRule[]; otherwise: Urgency };
  /** The segmentation questions follow this set. */
  segmentation?: boolean;
  /** Named guards that count as many health and wellbeing risks / service needs. */
  segmentRisks?: readonly string[];
  flags?: readonly { when: string; flag: ResultFlag }[];
}

/** Answers by full question id. */
export type Answers = Readonly<Record<string, AnswerValue>>;

/** Full question id of a local question in a set. */
export function questionId(set: Pick<QuestionSetDef, 'id'>, localId: string): string {
  return `${set.id}.${localId}`;
}

/** Option value of an option definition. */
export function optionValue(option: string | OptionDef): string {
  return typeof option === 'string' ? option : option.value;
}

/** Stable option id as sent by the dialog and stored in answers, e.g. `subject.child`. */
export function optionId(localQuestionId: string, value: string): string {
  return `${localQuestionId}.${value}`;
}
