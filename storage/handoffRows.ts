import { randomBytes } from 'node:crypto';
import type { ConversationReference } from 'botbuilder';
import type { Segment, TopicId, TriageSubject, Urgency } from '../flows';
import type { AnswerValue, Locale } from '../flows/contract';
import type { AuditAction, AuditEntry, CaseMessage, CaseOutcome, CaseStatus, HandoffCase, QueuedUrgency } from '../handoff/caseTypes';
import type { HandoffCasesTable } from './query/tables';

// The handoff tables' rows and their mapping, the same on SQLite and PostgreSQL.

/**
 * A handoff_cases row as the stores read it: the table's columns with the urgency and status
 * typed; `identity_sealed` (migration 60) may be absent from an explicit column list.
 */
export type CaseRow = Omit<HandoffCasesTable, 'urgency' | 'urgency_rank' | 'status' | 'updated_at' | 'identity_sealed'> & {
  urgency: QueuedUrgency;
  status: CaseStatus;
  identity_sealed?: string | null;
};

/** A handoff_messages row; `internal` is 0/1 on SQLite and a boolean on PostgreSQL. */
export interface MessageRow {
  id: number;
  case_id: string;
  author: 'client' | 'staff' | 'system';
  staff_id: string | null;
  internal: number | boolean;
  text: string;
  created_at: number;
}

/** A handoff_audit row. */
export type AuditRow = { case_id: string; staff_id: string; action: AuditAction; at: number };

// 18 random bytes: 144 bits, 24 base64url characters, like photo ids.
const ID_BYTES = 18;
/** Urgencies a queued case can have. */
export const QUEUED_URGENCIES: readonly string[] = ['urgent', 'non_urgent', 'self_care'];
/** Urgencies staff can re-rate to. */
export const URGENCIES: readonly string[] = ['emergency', ...QUEUED_URGENCIES];
/** Outcomes a case is closed with. */
export const OUTCOMES: readonly string[] = ['advice_given', 'appointment_booked', 'referred_service', 'referred_ngo', 'no_reply'];

/** A new case id: random and unguessable, safe in a URL path. */
export function newCaseId(): string {
  return randomBytes(ID_BYTES).toString('base64url');
}

/** The row as the HandoffStore interface returns it. */
export function toCase(row: CaseRow): HandoffCase {
  const c: HandoffCase = {
    id: row.id,
    conversationId: row.conversation_id,
    conversationReference: JSON.parse(row.conversation_ref) as Partial<ConversationReference>,
    channel: row.channel,
    queueId: row.queue_id,
    urgency: row.urgency,
    locale: row.locale as Locale,
    answers: JSON.parse(row.answers) as Record<string, AnswerValue>,
    photoIds: JSON.parse(row.photo_ids) as string[],
    status: row.status,
    createdAt: new Date(row.created_at),
    claimedBy: row.claimed_by ?? undefined,
    claimedAt: row.claimed_at === null ? undefined : new Date(row.claimed_at),
    outcome: (row.outcome ?? undefined) as CaseOutcome | undefined,
    closedAt: row.closed_at === null ? undefined : new Date(row.closed_at),
    staffUrgency: (row.staff_urgency ?? undefined) as Urgency | undefined,
    staffSegment: (row.staff_segment ?? undefined) as Segment | undefined,
    lastClientActivityAt: new Date(row.last_client_activity_at),
  };
  if (row.segment !== null) c.segment = row.segment as Segment;
  if (row.topic !== null) c.topic = row.topic as TopicId;
  if (row.subject !== null) c.subject = JSON.parse(row.subject) as TriageSubject;
  if (typeof row.identity_sealed === 'string') c.identitySealed = row.identity_sealed;
  if (row.contact_message !== null) c.contactRequest = { message: row.contact_message, reachBy: row.contact_reach ?? '' };
  return c;
}

/** An audit row as an AuditEntry. */
export function toAudit(row: AuditRow): AuditEntry {
  return { caseId: row.case_id, staffId: row.staff_id, action: row.action, at: new Date(row.at) };
}

/** A message row as a CaseMessage. */
export function toMessage(row: MessageRow): CaseMessage {
  return {
    id: row.id,
    caseId: row.case_id,
    from: row.author,
    staffId: row.staff_id ?? undefined,
    internal: row.internal === true || row.internal === 1,
    text: row.text,
    createdAt: new Date(row.created_at),
  };
}
