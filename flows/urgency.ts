// Urgency from a set's rule table: the most urgent matching row wins, else `otherwise`.

import { guardHolds } from './conditions';
import { URGENCIES, type Answers, type QuestionSetDef, type Urgency } from './questionSet';
import type { TriageSubject } from './subject';

/** Urgency the set's table gives for these answers. */
export function computeUrgency(set: QuestionSetDef, answers: Answers, subject: TriageSubject | undefined): Urgency {
  const table = set.urgency;
  if (!table) return 'non_urgent';
  // `otherwise` applies only when no row matches: a matching self-care row (e.g. mild symptoms
  // that began today) is not overruled by a less specific default.
  let best: Urgency | undefined;
  for (const rule of table.rules) {
    if ((best === undefined || URGENCIES.indexOf(rule.urgency) < URGENCIES.indexOf(best)) && guardHolds(set, rule.when, { answers, subject })) {
      best = rule.urgency;
    }
  }
  return best ?? table.otherwise;
}
