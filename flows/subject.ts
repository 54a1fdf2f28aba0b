// Whose matter the flow is about, as chosen in the entry questions.

import type { AnswerValue, SubjectKind } from './contract';

export const AGE_BANDS = ['under1', '1to6', '7to11', '12to17'] as const;
/** Age band of a child subject. */
export type AgeBand = (typeof AGE_BANDS)[number];

export const RELATIONSHIPS = ['spouse', 'parent', 'adult_child', 'other_relative', 'other'] as const;
/** What the other adult is to the person chatting. */
export type Relationship = (typeof RELATIONSHIPS)[number];

export const ADULT_CONSENTS = ['agrees', 'cannot', 'unaware'] as const;
/** Whether the other adult knows and agrees, cannot consent (e.g. memory disorder), or does not know / disagrees. */
export type AdultConsent = (typeof ADULT_CONSENTS)[number];

/** The subject with the details the proxy rules need. */
export interface TriageSubject {
  kind: SubjectKind;
  ageBand?: AgeBand;
  relationship?: Relationship;
  consent?: AdultConsent;
}

function pick<T extends string>(allowed: readonly T[], stored: AnswerValue | undefined, localId: string): T | undefined {
  if (typeof stored !== 'string') return undefined;
  const prefix = `${localId}.`;
  if (!stored.startsWith(prefix)) return undefined;
  const value = stored.slice(prefix.length);
  return (allowed as readonly string[]).includes(value) ? (value as T) : undefined;
}

/** The subject implied by the entry answers; details of other kinds are left out. */
export function subjectFromAnswers(answers: Readonly<Record<string, AnswerValue>>): TriageSubject | undefined {
  const kind = pick(['self', 'child', 'adult'] as const, answers['entry.subject'], 'subject');
  if (!kind) return undefined;
  if (kind === 'child') {
    const ageBand = pick(AGE_BANDS, answers['entry.childAge'], 'childAge');
    return ageBand ? { kind, ageBand } : { kind };
  }
  if (kind === 'adult') {
    const subject: TriageSubject = { kind };
    const relationship = pick(RELATIONSHIPS, answers['entry.relationship'], 'relationship');
    const consent = pick(ADULT_CONSENTS, answers['entry.adultConsent'], 'adultConsent');
    if (relationship) subject.relationship = relationship;
    if (consent) subject.consent = consent;
    return subject;
  }
  return { kind };
}
