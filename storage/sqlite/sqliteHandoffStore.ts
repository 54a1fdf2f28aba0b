import { BadRequestError, ConflictError, ForbiddenError, NotFoundError } from '../../errors';
import type { TopicId, Urgency } from '../../flows';
import { URGENCY_RANK } from '../../handoff/caseOrder';
import type {
  AuditAction,
  AuditEntry,
  CaseExport,
  CaseMessage,
  CasePurge,
  FeedbackAggregate,
  HandoffCase,
  HelpedAnswer,
  MessageAuthor,
  MessageReader,
  NewCase,
  NewFeedback,
  QueueEntry,
  StaffCaller,
} from '../../handoff/caseTypes';
import { CLIENT_ACTOR } from '../../handoff/caseTypes';
import { assertQueueAccess, assertStaffCaller, type CloseCase, type HandoffStore, type QueueClock } from '../../handoff/handoffStore';
import { queueOpenAt } from '../../handoff/queueStatus';
import { triageAccuracyReport, type TriageAccuracyReport } from '../../handoff/triageAccuracy';
import { newCaseId, OUTCOMES, QUEUED_URGENCIES, toAudit, toCase, toMessage, URGENCIES, type CaseRow, type MessageRow } from '../handoffRows';
import type { SqliteHandle } from './openSqlite';

/** The handoff case store in SQLite; each change and its audit entry share one immediate transaction. */
export class SqliteHandoffStore implements HandoffStore {
  private readonly insertCase;
  private readonly selectOpenContact;
  private readonly replaceContact;
  private readonly selectCase;
  private readonly selectOpenByConversation;
  private readonly selectClosedOfConversation;
  private readonly selectQueued;
  private readonly selectClaimedBy;
  private readonly selectHandling;
  private readonly claimIfQueued;
  private readonly releaseIfHeld;
  private readonly moveToQueue;
  private readonly closeIfHeld;
  private readonly insertMessage;
  private readonly selectMessages;
  private readonly touchCase;
  private readonly touchConversation;
  private readonly withdrawConversation;
  private readonly abandonIdle;
  private readonly selectAbandoned;
  private readonly insertFeedback;
  private readonly selectFeedback;
  private readonly insertAudit;
  private readonly selectAudit;
  private readonly addRating;
  private readonly selectRatingCounts;
  private readonly selectConversationCaseIds;
  private readonly selectEndedBefore;
  private readonly deleteCasePhotos;
  private readonly deleteCaseMessages;
  private readonly deleteCaseRow;
  private readonly purgeAudit;

  constructor(private readonly db: SqliteHandle) {
    this.insertCase = db.prepare(
      `INSERT INTO handoff_cases (id, conversation_id, conversation_ref, channel, queue_id, urgency, urgency_rank, segment, topic, subject,
         locale, answers, photo_ids, contact_message, contact_reach, status, created_at, updated_at, last_client_activity_at)
       VALUES (@id, @conversationId, @conversationRef, @channel, @queueId, @urgency, @urgencyRank, @segment, @topic, @subject,
         @locale, @answers, @photoIds, @contactMessage, @contactReach, @status, @now, @now, @now)`,
    );
    this.selectCase = db.prepare<[string], CaseRow>('SELECT * FROM handoff_cases WHERE id = ?');
    this.selectOpenByConversation = db.prepare<[string], CaseRow>(
      `SELECT * FROM handoff_cases WHERE conversation_id = ? AND status IN ('waiting', 'claimed', 'contact_request')
       ORDER BY created_at DESC LIMIT 1`,
    );
    this.selectClosedOfConversation = db.prepare<[string, string], CaseRow>(
      `SELECT * FROM handoff_cases WHERE id = ? AND conversation_id = ? AND status = 'closed'`,
    );
    this.selectQueued = db.prepare<[string], CaseRow>(
      `SELECT * FROM handoff_cases WHERE queue_id = ? AND status IN ('waiting', 'contact_request')
       ORDER BY urgency_rank, created_at, id`,
    );
    this.selectClaimedBy = db.prepare<[string], CaseRow>(`SELECT * FROM handoff_cases WHERE claimed_by = ? AND status = 'claimed' ORDER BY claimed_at, id`);
    this.selectHandling = db.prepare<[string, number], { ms: number }>(
      `SELECT closed_at - claimed_at AS ms FROM handoff_cases
       WHERE queue_id = ? AND status = 'closed' AND closed_at >= ? AND claimed_at IS NOT NULL`,
    );
    // The claim is decided by this one conditional UPDATE: whichever writer runs it second
    // finds the status changed and matches no row, across connections and processes alike.
    this.claimIfQueued = db.prepare(
      `UPDATE handoff_cases SET status = 'claimed', claimed_by = @staffId, claimed_at = @now, updated_at = @now
       WHERE id = @id AND status IN ('waiting', 'contact_request')`,
    );
    this.releaseIfHeld = db.prepare(
      `UPDATE handoff_cases SET status = 'waiting', claimed_by = NULL, claimed_at = NULL, updated_at = @now
       WHERE id = @id AND status = 'claimed' AND claimed_by = @staffId`,
    );
    this.moveToQueue = db.prepare(
      `UPDATE handoff_cases SET queue_id = @toQueueId, status = 'waiting', claimed_by = NULL, claimed_at = NULL, updated_at = @now
       WHERE id = @id AND queue_id = @fromQueueId AND (status IN ('waiting', 'contact_request') OR (status = 'claimed' AND claimed_by = @staffId))`,
    );
    this.closeIfHeld = db.prepare(
      `UPDATE handoff_cases SET status = 'closed', outcome = @outcome, staff_urgency = @staffUrgency, staff_segment = @staffSegment,
         closed_at = @now, updated_at = @now
       WHERE id = @id AND status = 'claimed' AND claimed_by = @staffId`,
    );
    this.insertMessage = db.prepare<[string, string, string | null, number, string, number], MessageRow>(
      `INSERT INTO handoff_messages (case_id, author, staff_id, internal, text, created_at) VALUES (?, ?, ?, ?, ?, ?) RETURNING *`,
    );
    this.selectMessages = db.prepare<[string], MessageRow>('SELECT * FROM handoff_messages WHERE case_id = ? ORDER BY id');
    this.touchCase = db.prepare('UPDATE handoff_cases SET last_client_activity_at = ? WHERE id = ?');
    this.touchConversation = db.prepare(
      `UPDATE handoff_cases SET last_client_activity_at = ? WHERE conversation_id = ? AND status IN ('waiting', 'claimed', 'contact_request')`,
    );
    this.withdrawConversation = db.prepare<[number, string], CaseRow>(
      `UPDATE handoff_cases SET status = 'abandoned', updated_at = ? WHERE conversation_id = ? AND status IN ('waiting', 'contact_request')
       RETURNING *`,
    );
    this.abandonIdle = db.prepare<[number, number], { id: string }>(
      `UPDATE handoff_cases SET status = 'abandoned', updated_at = ? WHERE status = 'waiting' AND last_client_activity_at < ? RETURNING id`,
    );
    // updated_at is set when a case becomes abandoned, and nothing changes an abandoned case after.
    this.selectAbandoned = db.prepare<[string, number], CaseRow>(
      `SELECT * FROM handoff_cases WHERE queue_id = ? AND status = 'abandoned' AND updated_at >= ? ORDER BY updated_at DESC, id`,
    );
    this.insertFeedback = db.prepare(
      `INSERT INTO handoff_feedback (queue_id, topic, bot_urgency, helped, score, comment, day)
       VALUES (@queueId, @topic, @botUrgency, @helped, @score, @comment, @day)`,
    );
    this.selectFeedback = db.prepare<[string], { topic: string | null; helped: HelpedAnswer; n: number; score_sum: number; comments: number }>(
      `SELECT topic, helped, COUNT(*) AS n, SUM(score) AS score_sum, COUNT(comment) AS comments
       FROM handoff_feedback WHERE queue_id = ? GROUP BY topic, helped`,
    );
    this.insertAudit = db.prepare('INSERT INTO handoff_audit (case_id, staff_id, action, at) VALUES (?, ?, ?, ?)');
    this.selectAudit = db.prepare<[string], { case_id: string; staff_id: string; action: AuditAction; at: number }>(
      'SELECT case_id, staff_id, action, at FROM handoff_audit WHERE case_id = ? ORDER BY id',
    );
    // The anonymous accuracy aggregate: one row per day × queue × bot urgency × staff urgency.
    this.addRating = db.prepare(
      `INSERT INTO handoff_triage_ratings (day, queue_id, bot_urgency, staff_urgency, count) VALUES (?, ?, ?, ?, 1)
       ON CONFLICT (day, queue_id, bot_urgency, staff_urgency) DO UPDATE SET count = count + 1`,
    );
    this.selectRatingCounts = db.prepare<[string], { bot: Urgency; staff: Urgency; count: number }>(
      `SELECT bot_urgency AS bot, staff_urgency AS staff, SUM(count) AS count FROM handoff_triage_ratings
       WHERE queue_id = ? GROUP BY bot_urgency, staff_urgency`,
    );
    this.selectConversationCaseIds = db.prepare<[string], { id: string }>('SELECT id FROM handoff_cases WHERE conversation_id = ?');
    this.selectEndedBefore = db.prepare<[number], { id: string }>(`SELECT id FROM handoff_cases WHERE status IN ('closed', 'abandoned') AND updated_at < ?`);
    // Photos live in the same database: deleting them in the case's transaction means a case is
    // never gone while its photos stay (they would be unreachable yet kept).
    this.deleteCasePhotos = db.prepare('DELETE FROM photo_blobs WHERE case_id = ?');
    this.deleteCaseMessages = db.prepare('DELETE FROM handoff_messages WHERE case_id = ?');
    this.deleteCaseRow = db.prepare('DELETE FROM handoff_cases WHERE id = ?');
    this.purgeAudit = db.prepare('DELETE FROM handoff_audit WHERE at < ?');
    this.selectOpenContact = db.prepare<[string], { id: string }>(
      "SELECT id FROM handoff_cases WHERE conversation_id = ? AND status = 'contact_request' ORDER BY created_at LIMIT 1",
    );
    this.replaceContact = db.prepare(
      `UPDATE handoff_cases SET queue_id = @queueId, urgency = @urgency, urgency_rank = @urgencyRank, answers = @answers,
         contact_message = @contactMessage, contact_reach = @contactReach, updated_at = @now, last_client_activity_at = @now
       WHERE id = @id AND status = 'contact_request'`,
    );
  }

  async create(input: NewCase, now: Date): Promise<HandoffCase> {
    if (!QUEUED_URGENCIES.includes(input.urgency)) throw new BadRequestError('this urgency is not queued', 'UrgencyNotQueued');
    if (!input.queueId || !input.conversationId) throw new BadRequestError('a case needs a queue and a conversation');
    if (input.contactRequest) {
      const open = this.selectOpenContact.get(input.conversationId);
      if (open) {
        this.replaceContact.run({
          id: open.id,
          queueId: input.queueId,
          urgency: input.urgency,
          urgencyRank: URGENCY_RANK[input.urgency],
          answers: JSON.stringify(input.answers),
          contactMessage: input.contactRequest.message,
          contactReach: input.contactRequest.reachBy,
          now: now.getTime(),
        });
        return this.mustRead(open.id);
      }
    }
    const id = newCaseId();
    this.insertCase.run({
      id,
      conversationId: input.conversationId,
      conversationRef: JSON.stringify(input.conversationReference),
      channel: input.channel,
      queueId: input.queueId,
      urgency: input.urgency,
      urgencyRank: URGENCY_RANK[input.urgency],
      segment: input.segment ?? null,
      topic: input.topic ?? null,
      subject: input.subject ? JSON.stringify(input.subject) : null,
      locale: input.locale,
      answers: JSON.stringify(input.answers),
      photoIds: JSON.stringify(input.photoIds),
      contactMessage: input.contactRequest?.message ?? null,
      contactReach: input.contactRequest?.reachBy ?? null,
      status: input.contactRequest ? 'contact_request' : 'waiting',
      now: now.getTime(),
    });
    return this.mustRead(id);
  }

  async get(caller: StaffCaller, caseId: string, now: Date): Promise<HandoffCase> {
    const found = this.readFor(caller, caseId);
    this.insertAudit.run(caseId, caller.staffId, 'view', now.getTime());
    return found;
  }

  async findClosedOfConversation(conversationId: string, caseId: string): Promise<HandoffCase | undefined> {
    const row = this.selectClosedOfConversation.get(caseId, conversationId);
    return row ? toCase(row) : undefined;
  }

  async findOpenByConversation(conversationId: string): Promise<HandoffCase | undefined> {
    const row = this.selectOpenByConversation.get(conversationId);
    return row ? toCase(row) : undefined;
  }

  async listByQueues(caller: StaffCaller, queueIds: readonly string[], clock: QueueClock): Promise<HandoffCase[]> {
    assertStaffCaller(caller);
    for (const queueId of queueIds) assertQueueAccess(caller, queueId);
    return this.queuedRows(queueIds, clock).map(toCase);
  }

  async listClaimedBy(caller: StaffCaller): Promise<HandoffCase[]> {
    assertStaffCaller(caller);
    // A case transferred away by someone else is released, so what is left is in the caller's queues.
    return this.selectClaimedBy
      .all(caller.staffId)
      .filter((row) => caller.queues.includes(row.queue_id))
      .map(toCase);
  }

  async listAllClaimed(): Promise<HandoffCase[]> {
    return this.db.prepare<[], CaseRow>("SELECT * FROM handoff_cases WHERE status = 'claimed' ORDER BY claimed_at, id").all().map(toCase);
  }

  async waitingForUpdates(queueId: string): Promise<HandoffCase[]> {
    return this.selectQueued
      .all(queueId)
      .filter((row) => row.status === 'waiting')
      .map(toCase);
  }

  async queueEntries(queueId: string, clock: QueueClock): Promise<QueueEntry[]> {
    return this.queuedRows([queueId], clock).map((row) => ({
      id: row.id,
      queueId: row.queue_id,
      urgency: row.urgency,
      ...(row.topic !== null ? { topic: row.topic as TopicId } : {}),
      status: row.status,
      createdAt: new Date(row.created_at),
    }));
  }

  async handlingTimes(queueId: string, since: Date): Promise<number[]> {
    return this.selectHandling.all(queueId, since.getTime()).map((row) => row.ms);
  }

  async claim(caller: StaffCaller, caseId: string, now: Date): Promise<HandoffCase> {
    this.readFor(caller, caseId);
    return this.db
      .transaction((): HandoffCase => {
        const changed = this.claimIfQueued.run({ id: caseId, staffId: caller.staffId, now: now.getTime() }).changes;
        if (changed !== 1) throw new ConflictError('the case is no longer waiting');
        this.insertAudit.run(caseId, caller.staffId, 'claim', now.getTime());
        return this.mustRead(caseId);
      })
      .immediate();
  }

  async release(caller: StaffCaller, caseId: string, note: string, now: Date): Promise<HandoffCase> {
    this.readFor(caller, caseId);
    return this.db
      .transaction((): HandoffCase => {
        const changed = this.releaseIfHeld.run({ id: caseId, staffId: caller.staffId, now: now.getTime() }).changes;
        if (changed !== 1) throw new ConflictError('the case is not held by this staff member');
        this.insertMessage.get(caseId, 'staff', caller.staffId, 1, note, now.getTime());
        this.insertAudit.run(caseId, caller.staffId, 'release', now.getTime());
        return this.mustRead(caseId);
      })
      .immediate();
  }

  async transfer(caller: StaffCaller, caseId: string, toQueueId: string, note: string, now: Date): Promise<HandoffCase> {
    const current = this.readFor(caller, caseId);
    if (!toQueueId) throw new BadRequestError('a transfer needs a queue');
    if (toQueueId === current.queueId) throw new BadRequestError('the case is already in this queue', 'SameQueue');
    return this.db
      .transaction((): HandoffCase => {
        const changed = this.moveToQueue.run({ id: caseId, fromQueueId: current.queueId, toQueueId, staffId: caller.staffId, now: now.getTime() }).changes;
        if (changed !== 1) throw new ConflictError('the case changed meanwhile');
        this.insertMessage.get(caseId, 'staff', caller.staffId, 1, note, now.getTime());
        this.insertAudit.run(caseId, caller.staffId, 'transfer', now.getTime());
        return this.mustRead(caseId);
      })
      .immediate();
  }

  async close(caller: StaffCaller, caseId: string, closing: CloseCase, now: Date): Promise<HandoffCase> {
    this.readFor(caller, caseId);
    if (!OUTCOMES.includes(closing.outcome)) throw new BadRequestError('unknown outcome');
    if (!URGENCIES.includes(closing.staffUrgency)) throw new BadRequestError('unknown urgency');
    return this.db
      .transaction((): HandoffCase => {
        const changed = this.closeIfHeld.run({
          id: caseId,
          staffId: caller.staffId,
          outcome: closing.outcome,
          staffUrgency: closing.staffUrgency,
          staffSegment: closing.staffSegment ?? null,
          now: now.getTime(),
        }).changes;
        if (changed !== 1) throw new ConflictError('the case is not held by this staff member');
        this.insertAudit.run(caseId, caller.staffId, 'close', now.getTime());
        const closed = this.mustRead(caseId);
        // Counted now, so the accuracy report survives the case's retention.
        this.addRating.run(now.toISOString().slice(0, 10), closed.queueId, closed.urgency, closing.staffUrgency);
        return closed;
      })
      .immediate();
  }

  async addMessage(caseId: string, author: MessageAuthor, text: string, now: Date): Promise<CaseMessage> {
    if (author.kind === 'staff') this.readFor(author.caller, caseId);
    else if (author.kind === 'client') this.readForClient(author.conversationId, caseId);
    else this.mustRead(caseId);
    return this.db
      .transaction((): CaseMessage => {
        const staffId = author.kind === 'staff' ? author.caller.staffId : null;
        const internal = author.kind === 'staff' && author.internal ? 1 : 0;
        const row = this.insertMessage.get(caseId, author.kind, staffId, internal, text, now.getTime());
        if (!row) throw new Error('message was not stored');
        if (author.kind === 'client') this.touchCase.run(now.getTime(), caseId);
        if (author.kind === 'staff' && author.internal) this.insertAudit.run(caseId, author.caller.staffId, 'note', now.getTime());
        return toMessage(row);
      })
      .immediate();
  }

  async listMessages(reader: MessageReader, caseId: string): Promise<CaseMessage[]> {
    const staff = 'staffId' in reader;
    if (staff) this.readFor(reader, caseId);
    else this.readForClient(reader.conversationId, caseId);
    return this.selectMessages
      .all(caseId)
      .filter((row) => staff || row.internal === 0)
      .map(toMessage);
  }

  async touchClientActivity(conversationId: string, now: Date): Promise<void> {
    this.touchConversation.run(now.getTime(), conversationId);
  }

  async withdraw(conversationId: string, now: Date): Promise<HandoffCase | undefined> {
    const [row] = this.withdrawConversation.all(now.getTime(), conversationId);
    return row ? toCase(row) : undefined;
  }

  async markAbandoned(idleCutoff: Date, now: Date): Promise<string[]> {
    return this.abandonIdle.all(now.getTime(), idleCutoff.getTime()).map((row) => row.id);
  }

  async listAbandoned(caller: StaffCaller, queueId: string, since: Date): Promise<HandoffCase[]> {
    assertStaffCaller(caller);
    assertQueueAccess(caller, queueId);
    return this.selectAbandoned.all(queueId, since.getTime()).map(toCase);
  }

  async recordFeedback(feedback: NewFeedback, now: Date): Promise<void> {
    if (!['yes', 'partly', 'no'].includes(feedback.helped)) throw new BadRequestError('unknown answer');
    if (!Number.isInteger(feedback.score) || feedback.score < 1 || feedback.score > 5) throw new BadRequestError('score must be 1–5');
    this.insertFeedback.run({
      queueId: feedback.queueId,
      topic: feedback.topic ?? null,
      botUrgency: feedback.botUrgency ?? null,
      helped: feedback.helped,
      score: feedback.score,
      // Only that there was a comment, never its text: free text can hold anything personal, and
      // this table outlives every erasure and retention period (audit finding L6).
      comment: feedback.comment?.trim() ? '' : null,
      // The day only: an exact time could be matched to the case that just closed.
      day: now.toISOString().slice(0, 10),
    });
  }

  async feedbackSummary(caller: StaffCaller): Promise<FeedbackAggregate[]> {
    assertStaffCaller(caller);
    const result: FeedbackAggregate[] = [];
    for (const queueId of [...new Set(caller.queues)].sort()) {
      const byTopic = new Map<string, FeedbackAggregate & { scoreSum: number }>();
      for (const row of this.selectFeedback.all(queueId)) {
        const key = row.topic ?? '';
        let agg = byTopic.get(key);
        if (!agg) {
          agg = {
            queueId,
            topic: (row.topic ?? undefined) as TopicId | undefined,
            count: 0,
            helped: { yes: 0, partly: 0, no: 0 },
            averageScore: 0,
            comments: 0,
            scoreSum: 0,
          };
          byTopic.set(key, agg);
        }
        agg.count += row.n;
        agg.helped[row.helped] += row.n;
        agg.scoreSum += row.score_sum;
        agg.comments += row.comments;
      }
      for (const key of [...byTopic.keys()].sort()) {
        const { scoreSum, ...agg } = byTopic.get(key)!;
        result.push({ ...agg, averageScore: agg.count > 0 ? scoreSum / agg.count : 0 });
      }
    }
    return result;
  }

  async triageAccuracy(caller: StaffCaller): Promise<TriageAccuracyReport> {
    assertStaffCaller(caller);
    return triageAccuracyReport([...new Set(caller.queues)].flatMap((queueId) => this.selectRatingCounts.all(queueId)));
  }

  async appendAudit(entry: AuditEntry): Promise<void> {
    this.insertAudit.run(entry.caseId, entry.staffId, entry.action, entry.at.getTime());
  }

  async listAudit(caller: StaffCaller, caseId: string): Promise<AuditEntry[]> {
    this.readFor(caller, caseId);
    return this.selectAudit.all(caseId).map(toAudit);
  }

  async exportCase(caller: StaffCaller, caseId: string, now: Date): Promise<CaseExport> {
    this.readFor(caller, caseId);
    return this.db
      .transaction((): CaseExport => {
        this.insertAudit.run(caseId, caller.staffId, 'export', now.getTime());
        return {
          case: this.mustRead(caseId),
          messages: this.selectMessages.all(caseId).map(toMessage),
          audit: this.selectAudit.all(caseId).map(toAudit),
        };
      })
      .immediate();
  }

  async deleteCase(caller: StaffCaller, caseId: string, now: Date): Promise<HandoffCase> {
    const found = this.readFor(caller, caseId);
    return this.db
      .transaction((): HandoffCase => {
        if (this.removeCase(caseId) === undefined) throw new NotFoundError('case not found');
        this.insertAudit.run(caseId, caller.staffId, 'delete', now.getTime());
        return found;
      })
      .immediate();
  }

  async eraseConversation(conversationId: string, now: Date): Promise<string[]> {
    return this.db
      .transaction((): string[] => {
        const ids = this.selectConversationCaseIds.all(conversationId).map((row) => row.id);
        for (const id of ids) {
          this.removeCase(id);
          this.insertAudit.run(id, CLIENT_ACTOR, 'erase', now.getTime());
        }
        return ids;
      })
      .immediate();
  }

  async purgeEndedBefore(cutoff: Date): Promise<CasePurge> {
    return this.db
      .transaction((): CasePurge => {
        const purged: CasePurge = { cases: 0, photos: 0 };
        for (const { id } of this.selectEndedBefore.all(cutoff.getTime())) {
          const photos = this.removeCase(id);
          if (photos === undefined) continue;
          purged.cases += 1;
          purged.photos += photos;
        }
        return purged;
      })
      .immediate();
  }

  async purgeAuditBefore(cutoff: Date): Promise<number> {
    return this.purgeAudit.run(cutoff.getTime()).changes;
  }

  async auditTrailUnchecked(caseId: string): Promise<AuditEntry[]> {
    return this.selectAudit.all(caseId).map(toAudit);
  }

  /** Deletes a case row with its messages and linked photos (inside the caller's transaction); undefined if it was gone, else the photo count. */
  private removeCase(caseId: string): number | undefined {
    const photos = this.deleteCasePhotos.run(caseId).changes;
    this.deleteCaseMessages.run(caseId);
    return this.deleteCaseRow.run(caseId).changes === 1 ? photos : undefined;
  }

  /** The case for staff: NotFoundError when missing, ForbiddenError outside the caller's queues. */
  private readFor(caller: StaffCaller, caseId: string): HandoffCase {
    assertStaffCaller(caller);
    const found = this.mustRead(caseId);
    if (!caller.queues.includes(found.queueId)) throw new ForbiddenError('no access to this case', 'CaseAccessDenied');
    return found;
  }

  /** The case for its client: another conversation's case is ForbiddenError. */
  private readForClient(conversationId: string, caseId: string): HandoffCase {
    const found = this.mustRead(caseId);
    if (!conversationId || found.conversationId !== conversationId) throw new ForbiddenError('no access to this case', 'CaseAccessDenied');
    return found;
  }

  private mustRead(caseId: string): HandoffCase {
    const row = this.selectCase.get(caseId);
    if (!row) throw new NotFoundError('case not found');
    return toCase(row);
  }

  /** Waiting cases, and contact requests of queues open at `clock.now`, in queue order. */
  private queuedRows(queueIds: readonly string[], clock: QueueClock): CaseRow[] {
    const rows: CaseRow[] = [];
    for (const queueId of new Set(queueIds)) {
      const open = queueOpenAt(queueId, clock.catalog, clock.now);
      rows.push(...this.selectQueued.all(queueId).filter((row) => row.status === 'waiting' || open));
    }
    return rows.sort((a, b) => URGENCY_RANK[a.urgency] - URGENCY_RANK[b.urgency] || a.created_at - b.created_at || (a.id < b.id ? -1 : 1));
  }
}
