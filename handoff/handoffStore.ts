// The handoff case store behind an async interface so a PostgreSQL implementation can follow SQLite.

import { ForbiddenError } from '../errors';
import type { Segment, Urgency } from '../flows';
import type { ServiceCatalog } from '../routing/catalog/types';
import type {
  AuditEntry,
  CaseExport,
  CaseMessage,
  CasePurge,
  CaseOutcome,
  CaseStatus,
  FeedbackAggregate,
  HandoffCase,
  MessageAuthor,
  MessageReader,
  NewCase,
  NewFeedback,
  QueueEntry,
  StaffCaller,
} from './caseTypes';
import type { TriageAccuracyReport } from './triageAccuracy';

/** The clock and catalog a list needs to decide which contact requests are due (their queue is open). */
export interface QueueClock {
  now: Date;
  catalog: ServiceCatalog;
}

/** How staff close a case: the outcome and their re-rating of the bot's assessment. */
export interface CloseCase {
  outcome: CaseOutcome;
  staffUrgency: Urgency;
  staffSegment?: Segment;
}

/**
 * Cases handed from the bot to staff. Every read or change made for staff takes the
 * StaffCaller and throws ForbiddenError for a case outside the caller's queues; a missing
 * case is NotFoundError; a change that lost to another (claimed or closed meanwhile) is
 * ConflictError. Changes to a case and its audit entry are written together.
 */
export interface HandoffStore {
  /**
   * Creates a case (`waiting`, or `contact_request` when it carries one); urgency emergency is
   * refused. A conversation has at most one open contact request: a new one replaces the
   * message, the way to reach and the answers of the one still waiting (same id, same place).
   */
  create(input: NewCase, now: Date): Promise<HandoffCase>;
  /** One case for staff; writes a `view` audit entry. */
  get(caller: StaffCaller, caseId: string, now: Date): Promise<HandoffCase>;
  /** The case of a conversation that is still open (waiting, claimed or a contact request), for the bot's relay. */
  findOpenByConversation(conversationId: string): Promise<HandoffCase | undefined>;
  /** A closed case of this conversation, for its client's feedback; undefined for anything else. */
  findClosedOfConversation(conversationId: string, caseId: string): Promise<HandoffCase | undefined>;
  /**
   * Queued cases of the given queues, most urgent first, then by arrival: `waiting` ones, and
   * `contact_request` ones whose queue is open at `clock.now`. Every queue must be the caller's.
   */
  listByQueues(caller: StaffCaller, queueIds: readonly string[], clock: QueueClock): Promise<HandoffCase[]>;
  /** Cases the caller has claimed and not closed, oldest claim first. */
  listClaimedBy(caller: StaffCaller): Promise<HandoffCase[]>;
  /** Every claimed case in every queue, for the watch that returns cases of staff whose connection was lost (never for a staff caller). */
  listAllClaimed(): Promise<HandoffCase[]>;
  /** Waiting cases of a queue with their conversation references, for the service's own position updates. */
  waitingForUpdates(queueId: string): Promise<HandoffCase[]>;
  /** The queue as the client's position sees it, without personal data; same rules as listByQueues. */
  queueEntries(queueId: string, clock: QueueClock): Promise<QueueEntry[]>;
  /** Handling times (claim to close, ms) of the queue's cases closed at or after `since`. */
  handlingTimes(queueId: string, since: Date): Promise<number[]>;
  /** Claims a waiting case or contact request; of two concurrent claims exactly one wins, the other gets ConflictError. */
  claim(caller: StaffCaller, caseId: string, now: Date): Promise<HandoffCase>;
  /** Gives a case the caller holds back to the queue, with a note for the next one. */
  release(caller: StaffCaller, caseId: string, note: string, now: Date): Promise<HandoffCase>;
  /** Moves a waiting or claimed case to another queue as `waiting`, with a note; arrival time is kept. */
  transfer(caller: StaffCaller, caseId: string, toQueueId: string, note: string, now: Date): Promise<HandoffCase>;
  /** Closes a case the caller holds with an outcome and the re-rating. */
  close(caller: StaffCaller, caseId: string, closing: CloseCase, now: Date): Promise<HandoffCase>;
  /** Adds a message; a client message also counts as client activity. Internal staff notes are audited as `note`. */
  addMessage(caseId: string, author: MessageAuthor, text: string, now: Date): Promise<CaseMessage>;
  /** Messages oldest first; a client reader gets no internal notes and only their own case. */
  listMessages(reader: MessageReader, caseId: string): Promise<CaseMessage[]>;
  /** Records that the client is still there (page open, typing) without a message. */
  touchClientActivity(conversationId: string, now: Date): Promise<void>;
  /** The client leaves the queue: their waiting case or contact request becomes `abandoned`. */
  withdraw(conversationId: string, now: Date): Promise<HandoffCase | undefined>;
  /** Marks waiting cases whose client has been silent since before `idleCutoff` abandoned; returns their ids. */
  markAbandoned(idleCutoff: Date, now: Date): Promise<string[]>;
  /**
   * Abandoned cases of one of the caller's queues that were abandoned (client silent or left)
   * at or after `since`, most recent first. ForbiddenError outside the caller's queues.
   */
  listAbandoned(caller: StaffCaller, queueId: string, since: Date): Promise<HandoffCase[]>;
  /** Stores feedback with no link to a case or conversation. */
  recordFeedback(feedback: NewFeedback, now: Date): Promise<void>;
  /** Feedback per queue and topic, for the caller's queues. */
  feedbackSummary(caller: StaffCaller): Promise<FeedbackAggregate[]>;
  /** The bot's urgency against staff re-rating over closed cases of the caller's queues. */
  triageAccuracy(caller: StaffCaller): Promise<TriageAccuracyReport>;
  /** Appends an audit entry (for actions taken outside the store, e.g. copying the summary). */
  appendAudit(entry: AuditEntry): Promise<void>;
  /** Audit entries of a case the caller may see, oldest first. */
  listAudit(caller: StaffCaller, caseId: string): Promise<AuditEntry[]>;
  /** A case with its messages and audit trail for a data-subject export; writes an `export` entry in the same transaction. */
  exportCase(caller: StaffCaller, caseId: string, now: Date): Promise<CaseExport>;
  /**
   * Deletes a case of the caller's queues (any status) with its messages and linked photos, and
   * writes a `delete` entry that outlives it; returns the case as it was.
   */
  deleteCase(caller: StaffCaller, caseId: string, now: Date): Promise<HandoffCase>;
  /**
   * The client's "delete my data": every case of the conversation (a waiting one leaves the queue,
   * one staff hold is withdrawn) with messages and linked photos; one `erase` entry per case by
   * CLIENT_ACTOR. Returns the deleted case ids.
   */
  eraseConversation(conversationId: string, now: Date): Promise<string[]>;
  /** Retention: deletes closed and abandoned cases that ended before `cutoff`, with messages and linked photos. */
  purgeEndedBefore(cutoff: Date): Promise<CasePurge>;
  /** Retention: deletes audit entries written before `cutoff`; returns how many. */
  purgeAuditBefore(cutoff: Date): Promise<number>;
  /** Every audit entry under a case id, with no access check: for operators and tests, never exposed over HTTP. */
  auditTrailUnchecked(caseId: string): Promise<AuditEntry[]>;
}

/** Statuses of a case that has ended; retention counts its age from when it ended (updated_at). */
export const ENDED_STATUSES: readonly CaseStatus[] = ['closed', 'abandoned'];

/** How far back staff see abandoned cases. */
export const ABANDONED_VISIBLE_MS = 24 * 60 * 60 * 1000;

/** Statuses a staff member can claim from. */
export const CLAIMABLE_STATUSES: readonly CaseStatus[] = ['waiting', 'contact_request'];
/** Statuses of a case that is still open for the client. */
export const OPEN_STATUSES: readonly CaseStatus[] = ['waiting', 'claimed', 'contact_request'];

/**
 * Checks the caller's shape at run time: callers are built from staff sessions, and a malformed
 * one must not fall through to a permissive branch. Throws ForbiddenError.
 */
export function assertStaffCaller(caller: unknown): asserts caller is StaffCaller {
  const c = caller as Partial<Record<'staffId' | 'queues', unknown>> | null;
  const nonEmpty = (v: unknown) => typeof v === 'string' && v.length > 0;
  const ok = typeof c === 'object' && c !== null && nonEmpty(c.staffId) && Array.isArray(c.queues) && c.queues.every(nonEmpty);
  if (!ok) throw new ForbiddenError('no access to handoff cases', 'CaseAccessDenied');
}

/** Throws ForbiddenError unless the queue is one of the caller's. */
export function assertQueueAccess(caller: StaffCaller, queueId: string): void {
  if (!caller.queues.includes(queueId)) throw new ForbiddenError('no access to this queue', 'CaseAccessDenied');
}
