// Triage accuracy: the bot's urgency against staff's re-rating at close (Klinik's feedback loop).

import { URGENCIES, type Urgency } from '../flows';
import { URGENCY_RANK } from './caseOrder';

/** Counts by bot urgency (rows) and staff urgency (columns). */
export type ConfusionMatrix = Record<Urgency, Record<Urgency, number>>;

/** The report over re-rated closed cases. */
export interface TriageAccuracyReport {
  matrix: ConfusionMatrix;
  total: number;
  /** Staff agreed with the bot. */
  agreed: number;
  /** Staff rated more urgent than the bot: the count that matters for safety. */
  underTriaged: number;
  /** Staff rated less urgent than the bot. */
  overTriaged: number;
}

/** An empty matrix with every cell zero. */
export function emptyMatrix(): ConfusionMatrix {
  const row = (): Record<Urgency, number> => ({ emergency: 0, urgent: 0, non_urgent: 0, self_care: 0 });
  return { emergency: row(), urgent: row(), non_urgent: row(), self_care: row() };
}

/** Builds the report from (bot, staff) urgency pairs; `count` (default 1) weighs a pair from the aggregate table. */
export function triageAccuracyReport(pairs: Iterable<{ bot: Urgency; staff: Urgency; count?: number }>): TriageAccuracyReport {
  const report: TriageAccuracyReport = { matrix: emptyMatrix(), total: 0, agreed: 0, underTriaged: 0, overTriaged: 0 };
  for (const { bot, staff, count } of pairs) {
    if (!URGENCIES.includes(bot) || !URGENCIES.includes(staff)) continue;
    const n = count ?? 1;
    report.matrix[bot][staff] += n;
    report.total += n;
    const difference = URGENCY_RANK[staff] - URGENCY_RANK[bot];
    if (difference === 0) report.agreed += n;
    else if (difference < 0) report.underTriaged += n;
    else report.overTriaged += n;
  }
  return report;
}
