// The triage machine's context: plain JSON so that the dialog can persist it.

import type { AnswerValue, FlowContextBase, FlowInput } from './contract';
import type { EmergencySign } from './emergencySigns';
import type { TriageSubject } from './subject';

/** How the flow ended. */
export type OutcomeKind = 'completed' | 'emergency' | 'declined' | 'human' | 'ended';

/** Context of the triage machine. */
export interface TriageContext extends FlowContextBase {
  subject?: TriageSubject;
  /** Answers by full question id; choice answers are option ids. */
  answers: Record<string, AnswerValue>;
  /** Optional questions the client skipped. */
  skipped: string[];
  /** Question ids answered so far, newest last; `summary` marks a correction started from the summary. */
  history: string[];
  /**
   * The question being corrected from the summary, or null. While set, the other
   * answered questions that stay valid are passed on without asking again.
   */
  correcting: string | null;
  outcome?: OutcomeKind;
  emergencySign?: EmergencySign | string;
}

/** A fresh context in the given language. */
export function initialContext(input: FlowInput): TriageContext {
  return { locale: input.locale, answers: {}, skipped: [], history: [], correcting: null };
}
