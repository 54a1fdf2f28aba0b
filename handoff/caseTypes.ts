// Shapes of the handoff queue: cases, their messages, feedback and audit entries.

import type { ConversationReference } from 'botbuilder';
import type { Segment, TopicId, TriageSubject, Urgency } from '../flows';
import type { AnswerValue, Locale } from '../flows/contract';

/** Urgencies a case can have: an emergency is sent to 112 and never queued. */
export type QueuedUrgency = Exclude<Urgency, 'emergency'>;

/** Where a case is in its life. `contact_request` is one left while the queue was closed. */
export type CaseStatus = 'waiting' | 'claimed' | 'closed' | 'abandoned' | 'contact_request';

/** How staff closed a case. */
export type CaseOutcome = 'advice_given' | 'appointment_booked' | 'referred_service' | 'referred_ngo' | 'no_reply';

/** The staff member a read or change is made for; the store refuses cases outside `queues`. */
export interface StaffCaller {
  staffId: string;
  queues: readonly string[];
}

/** What a client leaves when the queue is closed: a short message and how to reach them. */
export interface ContactRequest {
  message: string;
  reachBy: string;
}

/** A case to create from a finished triage. */
export interface NewCase {
  conversationId: string;
  conversationReference: Partial<ConversationReference>;
  channel: string;
  queueId: string;
  urgency: QueuedUrgency;
  segment?: Segment;
  topic?: TopicId;
  /** Whose matter it is, with the proxy details (relationship, consent). */
  subject?: TriageSubject;
  locale: Locale;
  answers: Record<string, AnswerValue>;
  photoIds: readonly string[];
  /** Present for a contact request left out of hours; the case then starts as `contact_request`. */
  contactRequest?: ContactRequest;
}

/** A stored case. */
export interface HandoffCase extends Omit<NewCase, 'photoIds'> {
  /** Random and unguessable, URL-safe. */
  id: string;
  photoIds: string[];
  status: CaseStatus;
  /** Arrival time: the queue order; never changes, not even on transfer. */
  createdAt: Date;
  claimedBy: string | undefined;
  claimedAt: Date | undefined;
  outcome: CaseOutcome | undefined;
  closedAt: Date | undefined;
  /** Staff's re-rating at close; may be `emergency` when the bot under-triaged. */
  staffUrgency: Urgency | undefined;
  staffSegment: Segment | undefined;
  lastClientActivityAt: Date;
  /** The verified identity sealed with the case id (handoff/caseIdentity.ts); absent: not identified. */
  identitySealed?: string;
}

/** The least of a case the client-facing queue information needs: no personal data. */
export interface QueueEntry {
  id: string;
  queueId: string;
  urgency: QueuedUrgency;
  /** The case's topic, where triage chose one: names the 24/7 service an urgent client may call instead of waiting. */
  topic?: TopicId;
  status: CaseStatus;
  createdAt: Date;
}

/** Who wrote a case message. */
export type MessageAuthor = { kind: 'client'; conversationId: string } | { kind: 'staff'; caller: StaffCaller; internal: boolean } | { kind: 'system' };

/** A message of a case; `internal` notes are shown to staff only. */
export interface CaseMessage {
  id: number;
  caseId: string;
  from: 'client' | 'staff' | 'system';
  staffId: string | undefined;
  internal: boolean;
  text: string;
  createdAt: Date;
}

/** Who may read a case's messages: staff see internal notes, the client does not. */
export type MessageReader = StaffCaller | { conversationId: string };

/** "Did I get help?" */
export type HelpedAnswer = 'yes' | 'partly' | 'no';

/**
 * Feedback as stored: linked to the queue, topic and the bot's urgency only, never to the
 * case or the conversation, so it stays without personal data.
 */
export interface NewFeedback {
  queueId: string;
  topic: TopicId | undefined;
  botUrgency: QueuedUrgency | undefined;
  helped: HelpedAnswer;
  /** 1–5. */
  score: number;
  comment?: string;
}

/** Feedback summed per queue and topic. */
export interface FeedbackAggregate {
  queueId: string;
  topic: TopicId | undefined;
  count: number;
  helped: Record<HelpedAnswer, number>;
  averageScore: number;
  comments: number;
}

/**
 * Audited actions. `export` and `delete` are staff data-subject requests; `erase` is the client's
 * own "delete my data" (actor CLIENT_ACTOR). Entries of a deleted case are kept until audit retention.
 */
export type AuditAction = 'view' | 'claim' | 'release' | 'transfer' | 'close' | 'note' | 'delete' | 'export' | 'erase' | 'identity_view' | 'identity_request';

/** The audit actor of a client's own erasure: no staff member, and nothing that names the client. */
export const CLIENT_ACTOR = 'client';

/** One audit log entry: who did what to which case, when. */
export interface AuditEntry {
  /** A staff id, or CLIENT_ACTOR. */
  staffId: string;
  action: AuditAction;
  caseId: string;
  at: Date;
}

/** Everything stored of one case, for a staff data-subject export (photos come from the BlobStore). */
export interface CaseExport {
  case: HandoffCase;
  /** Internal notes included: the export is for the data subject's request, handled by staff. */
  messages: CaseMessage[];
  /** The case's audit trail, the export's own entry last. */
  audit: AuditEntry[];
}

/** What a retention round of ended cases deleted. */
export interface CasePurge {
  cases: number;
  photos: number;
}
