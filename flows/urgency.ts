// Urgency from a set's rule table: the most urgent matching row wins, else `otherwise`.

import { guardHolds } from './conditions';
import { URGENCIES, type Answers, type QuestionSetDef, type Urgency } from './questionSet';
import type { TriageSubject } from './subject';

/** Urgency the set's table gives for these answers. */
export function computeUrgency(set: QuestionSetDef, answers: Answers, subject: TriageSubject | undefined): Urgency {
  const table = set.urgency;
  if (!table) return 'non_urgent';
  let best: Urgency = table.otherwise;
  for (const rule of table.rules) {
    if (URGENCIES.indexOf(rule.urgency) < URGENCIES.indexOf(best) && guardHolds(set, rule.when, { answers, subject })) {
      best = rule.urgency;
    }
  }
  return best;
}
