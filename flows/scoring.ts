// Screening scores used by the mental health and substance use set.
// AUDIT-C (THL): three questions scored 0–4, total 0–12; risk limits by sex and age.
// Two-question mood screen: a "yes" to either question is a positive screen.

import type { Answers } from './questionSet';

/** AUDIT-C answer options in score order (0–4) for each of its three questions. */
export const AUDIT_C_OPTIONS = {
  auditFrequency: ['never', 'monthly', 'twoToFourMonth', 'twoToThreeWeek', 'fourPlusWeek'],
  auditQuantity: ['oneTwo', 'threeFour', 'fiveSix', 'sevenNine', 'tenPlus'],
  auditBinge: ['never', 'lessThanMonthly', 'monthly', 'weekly', 'daily'],
} as const;

type AuditQuestion = keyof typeof AUDIT_C_OPTIONS;

function itemScore(answers: Answers, question: AuditQuestion): number {
  const stored = answers[`mental.${question}`];
  if (typeof stored !== 'string') return 0;
  const value = stored.slice(question.length + 1);
  const index = (AUDIT_C_OPTIONS[question] as readonly string[]).indexOf(value);
  return index < 0 ? 0 : index;
}

/** AUDIT-C total 0–12; questions not asked (no drinking) score 0. */
export function auditCScore(answers: Answers): number {
  return itemScore(answers, 'auditFrequency') + itemScore(answers, 'auditQuantity') + itemScore(answers, 'auditBinge');
}

/**
 * The AUDIT-C risk limit: 65 and over >= 4, women >= 5, men (20–64) >= 6.
 * When sex is not given, the women's limit is used so that risk is not missed.
 */
export function auditCLimit(answers: Answers): number {
  if (answers['mental.ageGroup'] === 'ageGroup.65plus') return 4;
  if (answers['mental.sex'] === 'sex.male') return 6;
  return 5;
}

/** AUDIT-C at or over the risk limit. */
export function auditCRisk(answers: Answers): boolean {
  if (answers['mental.auditFrequency'] === undefined) return false;
  return auditCScore(answers) >= auditCLimit(answers);
}

/** A "yes" to either mood screen question. */
export function moodScreenPositive(answers: Answers): boolean {
  return answers['mental.moodLow'] === true || answers['mental.moodInterest'] === true;
}
