import { BadRequestError, ConflictError, ForbiddenError, NotFoundError } from '../../errors';
import type { TopicId, Urgency } from '../../flows';
import { compareQueued, URGENCY_RANK } from '../../handoff/caseOrder';
import type {
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
import { newCaseId, OUTCOMES, QUEUED_URGENCIES, toAudit, toCase, toMessage, URGENCIES, type AuditRow, type CaseRow, type MessageRow } from '../handoffRows';
import type { PgDb, PgQueryable } from './pgClient';

// Ids are compared byte by byte, as SQLite does, whatever collation the database was created with.
const SELECT_QUEUED = `SELECT * FROM handoff_cases WHERE queue_id = ANY($1::text[]) AND status IN ('waiting', 'contact_request')
  ORDER BY urgency_rank, created_at, id COLLATE "C"`;
const INSERT_MESSAGE = `INSERT INTO handoff_messages (case_id, author, staff_id, internal, text, created_at) VALUES ($1, $2, $3, $4, $5, $6) RETURNING *`;
const INSERT_AUDIT = 'INSERT INTO handoff_audit (case_id, staff_id, action, at) VALUES ($1, $2, $3, $4)';
const SELECT_AUDIT = 'SELECT case_id, staff_id, action, at FROM handoff_audit WHERE case_id = $1 ORDER BY id';

/** The handoff case store in PostgreSQL; each change and its audit entry share one transaction. */
export class PgHandoffStore implements HandoffStore {
  constructor(private readonly db: PgDb) {}

  async create(input: NewCase, now: Date): Promise<HandoffCase> {
    if (!QUEUED_URGENCIES.includes(input.urgency)) throw new BadRequestError('this urgency is not queued', 'UrgencyNotQueued');
    if (!input.queueId || !input.conversationId) throw new BadRequestError('a case needs a queue and a conversation');
    if (input.contactRequest) {
      // One open contact request per conversation: a new one replaces the waiting one. The
      // conversation's turns are serialized (turn lock), so two cannot race here.
      const { rows: replaced } = await this.db.query<CaseRow>(
        `UPDATE handoff_cases SET queue_id = $2, urgency = $3, urgency_rank = $4, answers = $5, contact_message = $6, contact_reach = $7,
           updated_at = $8, last_client_activity_at = $8
         WHERE id = (SELECT id FROM handoff_cases WHERE conversation_id = $1 AND status = 'contact_request' ORDER BY created_at LIMIT 1)
           AND status = 'contact_request'
         RETURNING *`,
        [
          input.conversationId,
          input.queueId,
          input.urgency,
          URGENCY_RANK[input.urgency],
          JSON.stringify(input.answers),
          input.contactRequest.message,
          input.contactRequest.reachBy,
          now.getTime(),
        ],
      );
      if (replaced[0]) return toCase(replaced[0]);
    }
    const id = newCaseId();
    const { rows } = await this.db.query<CaseRow>(
      `INSERT INTO handoff_cases (id, conversation_id, conversation_ref, channel, queue_id, urgency, urgency_rank, segment, topic, subject,
         locale, answers, photo_ids, contact_message, contact_reach, status, created_at, updated_at, last_client_activity_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $17, $17)
       RETURNING *`,
      [
        id,
        input.conversationId,
        JSON.stringify(input.conversationReference),
        input.channel,
        input.queueId,
        input.urgency,
        URGENCY_RANK[input.urgency],
        input.segment ?? null,
        input.topic ?? null,
        input.subject ? JSON.stringify(input.subject) : null,
        input.locale,
        JSON.stringify(input.answers),
        JSON.stringify(input.photoIds),
        input.contactRequest ? input.contactRequest.message : null,
        input.contactRequest ? input.contactRequest.reachBy : null,
        input.contactRequest ? 'contact_request' : 'waiting',
        now.getTime(),
      ],
    );
    return toCase(mustHave(rows[0]));
  }

  async get(caller: StaffCaller, caseId: string, now: Date): Promise<HandoffCase> {
    const found = await this.readFor(this.db, caller, caseId);
    await this.db.query(INSERT_AUDIT, [caseId, caller.staffId, 'view', now.getTime()]);
    return found;
  }

  async findClosedOfConversation(conversationId: string, caseId: string): Promise<HandoffCase | undefined> {
    const { rows } = await this.db.query<CaseRow>(`SELECT * FROM handoff_cases WHERE id = $1 AND conversation_id = $2 AND status = 'closed'`, [
      caseId,
      conversationId,
    ]);
    return rows[0] ? toCase(rows[0]) : undefined;
  }

  async findOpenByConversation(conversationId: string): Promise<HandoffCase | undefined> {
    const { rows } = await this.db.query<CaseRow>(
      `SELECT * FROM handoff_cases WHERE conversation_id = $1 AND status IN ('waiting', 'claimed', 'contact_request')
       ORDER BY created_at DESC LIMIT 1`,
      [conversationId],
    );
    return rows[0] ? toCase(rows[0]) : undefined;
  }

  async listByQueues(caller: StaffCaller, queueIds: readonly string[], clock: QueueClock): Promise<HandoffCase[]> {
    assertStaffCaller(caller);
    for (const queueId of queueIds) assertQueueAccess(caller, queueId);
    return this.queued(queueIds, clock);
  }

  async listClaimedBy(caller: StaffCaller): Promise<HandoffCase[]> {
    assertStaffCaller(caller);
    const { rows } = await this.db.query<CaseRow>(
      `SELECT * FROM handoff_cases WHERE claimed_by = $1 AND status = 'claimed' ORDER BY claimed_at, id COLLATE "C"`,
      [caller.staffId],
    );
    // A case transferred away by someone else is released, so what is left is in the caller's queues.
    return rows.filter((row) => caller.queues.includes(row.queue_id)).map(toCase);
  }

  async listAllClaimed(): Promise<HandoffCase[]> {
    const { rows } = await this.db.query<CaseRow>(`SELECT * FROM handoff_cases WHERE status = 'claimed' ORDER BY claimed_at, id COLLATE "C"`);
    return rows.map(toCase);
  }

  async waitingForUpdates(queueId: string): Promise<HandoffCase[]> {
    const { rows } = await this.db.query<CaseRow>(SELECT_QUEUED, [[queueId]]);
    return rows.filter((row) => row.status === 'waiting').map(toCase);
  }

  async queueEntries(queueId: string, clock: QueueClock): Promise<QueueEntry[]> {
    return (await this.queued([queueId], clock)).map((c) => ({
      id: c.id,
      queueId: c.queueId,
      urgency: c.urgency,
      ...(c.topic !== undefined ? { topic: c.topic } : {}),
      status: c.status,
      createdAt: c.createdAt,
    }));
  }

  async handlingTimes(queueId: string, since: Date): Promise<number[]> {
    const { rows } = await this.db.query<{ ms: number }>(
      `SELECT closed_at - claimed_at AS ms FROM handoff_cases
       WHERE queue_id = $1 AND status = 'closed' AND closed_at >= $2 AND claimed_at IS NOT NULL`,
      [queueId, since.getTime()],
    );
    return rows.map((row) => row.ms);
  }

  async claim(caller: StaffCaller, caseId: string, now: Date): Promise<HandoffCase> {
    return this.db.transaction(async (tx) => {
      await this.lockFor(tx, caller, caseId);
      // The claim is decided by this one conditional UPDATE: a concurrent claim waits for the
      // row lock, then re-checks the status against the committed row and matches nothing.
      const { rows } = await tx.query<CaseRow>(
        `UPDATE handoff_cases SET status = 'claimed', claimed_by = $2, claimed_at = $3, updated_at = $3
         WHERE id = $1 AND status IN ('waiting', 'contact_request') RETURNING *`,
        [caseId, caller.staffId, now.getTime()],
      );
      if (rows.length !== 1) throw new ConflictError('the case is no longer waiting');
      await tx.query(INSERT_AUDIT, [caseId, caller.staffId, 'claim', now.getTime()]);
      return toCase(mustHave(rows[0]));
    });
  }

  async release(caller: StaffCaller, caseId: string, note: string, now: Date): Promise<HandoffCase> {
    return this.db.transaction(async (tx) => {
      await this.lockFor(tx, caller, caseId);
      const { rows } = await tx.query<CaseRow>(
        `UPDATE handoff_cases SET status = 'waiting', claimed_by = NULL, claimed_at = NULL, updated_at = $3
         WHERE id = $1 AND status = 'claimed' AND claimed_by = $2 RETURNING *`,
        [caseId, caller.staffId, now.getTime()],
      );
      if (rows.length !== 1) throw new ConflictError('the case is not held by this staff member');
      await tx.query(INSERT_MESSAGE, [caseId, 'staff', caller.staffId, true, note, now.getTime()]);
      await tx.query(INSERT_AUDIT, [caseId, caller.staffId, 'release', now.getTime()]);
      return toCase(mustHave(rows[0]));
    });
  }

  async transfer(caller: StaffCaller, caseId: string, toQueueId: string, note: string, now: Date): Promise<HandoffCase> {
    const current = await this.readFor(this.db, caller, caseId);
    if (!toQueueId) throw new BadRequestError('a transfer needs a queue');
    if (toQueueId === current.queueId) throw new BadRequestError('the case is already in this queue', 'SameQueue');
    return this.db.transaction(async (tx) => {
      const { rows } = await tx.query<CaseRow>(
        `UPDATE handoff_cases SET queue_id = $3, status = 'waiting', claimed_by = NULL, claimed_at = NULL, updated_at = $5
         WHERE id = $1 AND queue_id = $2 AND (status IN ('waiting', 'contact_request') OR (status = 'claimed' AND claimed_by = $4))
         RETURNING *`,
        [caseId, current.queueId, toQueueId, caller.staffId, now.getTime()],
      );
      if (rows.length !== 1) throw new ConflictError('the case changed meanwhile');
      await tx.query(INSERT_MESSAGE, [caseId, 'staff', caller.staffId, true, note, now.getTime()]);
      await tx.query(INSERT_AUDIT, [caseId, caller.staffId, 'transfer', now.getTime()]);
      return toCase(mustHave(rows[0]));
    });
  }

  async close(caller: StaffCaller, caseId: string, closing: CloseCase, now: Date): Promise<HandoffCase> {
    await this.readFor(this.db, caller, caseId);
    if (!OUTCOMES.includes(closing.outcome)) throw new BadRequestError('unknown outcome');
    if (!URGENCIES.includes(closing.staffUrgency)) throw new BadRequestError('unknown urgency');
    return this.db.transaction(async (tx) => {
      await this.lockFor(tx, caller, caseId);
      const { rows } = await tx.query<CaseRow>(
        `UPDATE handoff_cases SET status = 'closed', outcome = $3, staff_urgency = $4, staff_segment = $5, closed_at = $6, updated_at = $6
         WHERE id = $1 AND status = 'claimed' AND claimed_by = $2 RETURNING *`,
        [caseId, caller.staffId, closing.outcome, closing.staffUrgency, closing.staffSegment ?? null, now.getTime()],
      );
      if (rows.length !== 1) throw new ConflictError('the case is not held by this staff member');
      await tx.query(INSERT_AUDIT, [caseId, caller.staffId, 'close', now.getTime()]);
      const closed = toCase(mustHave(rows[0]));
      // Counted now, so the accuracy report survives the case's retention.
      await tx.query(
        `INSERT INTO handoff_triage_ratings (day, queue_id, bot_urgency, staff_urgency, count) VALUES ($1, $2, $3, $4, 1)
         ON CONFLICT (day, queue_id, bot_urgency, staff_urgency) DO UPDATE SET count = handoff_triage_ratings.count + 1`,
        [now.toISOString().slice(0, 10), closed.queueId, closed.urgency, closing.staffUrgency],
      );
      return closed;
    });
  }

  async addMessage(caseId: string, author: MessageAuthor, text: string, now: Date): Promise<CaseMessage> {
    if (author.kind === 'client') await this.readForClient(author.conversationId, caseId);
    else if (author.kind !== 'staff') await this.mustRead(this.db, caseId);
    return this.db.transaction(async (tx) => {
      if (author.kind === 'staff') await this.lockFor(tx, author.caller, caseId);
      const staffId = author.kind === 'staff' ? author.caller.staffId : null;
      const internal = author.kind === 'staff' && author.internal;
      const { rows } = await tx.query<MessageRow>(INSERT_MESSAGE, [caseId, author.kind, staffId, internal, text, now.getTime()]);
      const row = rows[0];
      if (!row) throw new Error('message was not stored');
      if (author.kind === 'client') await tx.query('UPDATE handoff_cases SET last_client_activity_at = $1 WHERE id = $2', [now.getTime(), caseId]);
      if (author.kind === 'staff' && author.internal) await tx.query(INSERT_AUDIT, [caseId, author.caller.staffId, 'note', now.getTime()]);
      return toMessage(row);
    });
  }

  async listMessages(reader: MessageReader, caseId: string): Promise<CaseMessage[]> {
    const staff = 'staffId' in reader;
    if (staff) await this.readFor(this.db, reader, caseId);
    else await this.readForClient(reader.conversationId, caseId);
    const { rows } = await this.db.query<MessageRow>('SELECT * FROM handoff_messages WHERE case_id = $1 ORDER BY id', [caseId]);
    return rows.filter((row) => staff || !row.internal).map(toMessage);
  }

  async touchClientActivity(conversationId: string, now: Date): Promise<void> {
    await this.db.query(
      `UPDATE handoff_cases SET last_client_activity_at = $1 WHERE conversation_id = $2 AND status IN ('waiting', 'claimed', 'contact_request')`,
      [now.getTime(), conversationId],
    );
  }

  async withdraw(conversationId: string, now: Date): Promise<HandoffCase | undefined> {
    const { rows } = await this.db.query<CaseRow>(
      `UPDATE handoff_cases SET status = 'abandoned', updated_at = $1 WHERE conversation_id = $2 AND status IN ('waiting', 'contact_request')
       RETURNING *`,
      [now.getTime(), conversationId],
    );
    return rows[0] ? toCase(rows[0]) : undefined;
  }

  async markAbandoned(idleCutoff: Date, now: Date): Promise<string[]> {
    const { rows } = await this.db.query<{ id: string }>(
      `UPDATE handoff_cases SET status = 'abandoned', updated_at = $1 WHERE status = 'waiting' AND last_client_activity_at < $2 RETURNING id`,
      [now.getTime(), idleCutoff.getTime()],
    );
    return rows.map((row) => row.id);
  }

  async listAbandoned(caller: StaffCaller, queueId: string, since: Date): Promise<HandoffCase[]> {
    assertStaffCaller(caller);
    assertQueueAccess(caller, queueId);
    // updated_at is set when a case becomes abandoned, and nothing changes an abandoned case after.
    const { rows } = await this.db.query<CaseRow>(
      `SELECT * FROM handoff_cases WHERE queue_id = $1 AND status = 'abandoned' AND updated_at >= $2 ORDER BY updated_at DESC, id COLLATE "C"`,
      [queueId, since.getTime()],
    );
    return rows.map(toCase);
  }

  async recordFeedback(feedback: NewFeedback, now: Date): Promise<void> {
    if (!['yes', 'partly', 'no'].includes(feedback.helped)) throw new BadRequestError('unknown answer');
    if (!Number.isInteger(feedback.score) || feedback.score < 1 || feedback.score > 5) throw new BadRequestError('score must be 1–5');
    await this.db.query(`INSERT INTO handoff_feedback (queue_id, topic, bot_urgency, helped, score, comment, day) VALUES ($1, $2, $3, $4, $5, $6, $7)`, [
      feedback.queueId,
      feedback.topic ?? null,
      feedback.botUrgency ?? null,
      feedback.helped,
      feedback.score,
      // Only that there was a comment, never its text (see the SQLite store).
      feedback.comment?.trim() ? '' : null,
      // The day only: an exact time could be matched to the case that just closed.
      now.toISOString().slice(0, 10),
    ]);
  }

  async feedbackSummary(caller: StaffCaller): Promise<FeedbackAggregate[]> {
    assertStaffCaller(caller);
    const queueIds = [...new Set(caller.queues)].sort();
    const { rows } = await this.db.query<{ queue_id: string; topic: string | null; helped: HelpedAnswer; n: number; score_sum: number; comments: number }>(
      `SELECT queue_id, topic, helped, COUNT(*) AS n, SUM(score) AS score_sum, COUNT(comment) AS comments
       FROM handoff_feedback WHERE queue_id = ANY($1::text[]) GROUP BY queue_id, topic, helped`,
      [queueIds],
    );
    const result: FeedbackAggregate[] = [];
    for (const queueId of queueIds) {
      const byTopic = new Map<string, FeedbackAggregate & { scoreSum: number }>();
      for (const row of rows) {
        if (row.queue_id !== queueId) continue;
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
    const { rows } = await this.db.query<{ bot: Urgency; staff: Urgency; count: number }>(
      `SELECT bot_urgency AS bot, staff_urgency AS staff, SUM(count)::integer AS count FROM handoff_triage_ratings
       WHERE queue_id = ANY($1::text[]) GROUP BY bot_urgency, staff_urgency`,
      [[...new Set(caller.queues)]],
    );
    return triageAccuracyReport(rows);
  }

  async appendAudit(entry: AuditEntry): Promise<void> {
    await this.db.query(INSERT_AUDIT, [entry.caseId, entry.staffId, entry.action, entry.at.getTime()]);
  }

  async listAudit(caller: StaffCaller, caseId: string): Promise<AuditEntry[]> {
    await this.readFor(this.db, caller, caseId);
    const { rows } = await this.db.query<AuditRow>(SELECT_AUDIT, [caseId]);
    return rows.map(toAudit);
  }

  async exportCase(caller: StaffCaller, caseId: string, now: Date): Promise<CaseExport> {
    return this.db.transaction(async (tx) => {
      await this.lockFor(tx, caller, caseId);
      await tx.query(INSERT_AUDIT, [caseId, caller.staffId, 'export', now.getTime()]);
      const found = await this.mustRead(tx, caseId);
      const messages = await tx.query<MessageRow>('SELECT * FROM handoff_messages WHERE case_id = $1 ORDER BY id', [caseId]);
      const audit = await tx.query<AuditRow>(SELECT_AUDIT, [caseId]);
      return { case: found, messages: messages.rows.map(toMessage), audit: audit.rows.map(toAudit) };
    });
  }

  async deleteCase(caller: StaffCaller, caseId: string, now: Date): Promise<HandoffCase> {
    return this.db.transaction(async (tx) => {
      const found = await this.lockFor(tx, caller, caseId);
      if ((await removeCase(tx, caseId)) === undefined) throw new NotFoundError('case not found');
      await tx.query(INSERT_AUDIT, [caseId, caller.staffId, 'delete', now.getTime()]);
      return found;
    });
  }

  async eraseConversation(conversationId: string, now: Date): Promise<string[]> {
    return this.db.transaction(async (tx) => {
      // FOR UPDATE: a claim or close racing the erasure waits, then finds the case gone.
      const { rows } = await tx.query<{ id: string }>('SELECT id FROM handoff_cases WHERE conversation_id = $1 FOR UPDATE', [conversationId]);
      for (const { id } of rows) {
        await removeCase(tx, id);
        await tx.query(INSERT_AUDIT, [id, CLIENT_ACTOR, 'erase', now.getTime()]);
      }
      return rows.map((row) => row.id);
    });
  }

  async purgeEndedBefore(cutoff: Date): Promise<CasePurge> {
    return this.db.transaction(async (tx) => {
      const { rows } = await tx.query<{ id: string }>(`SELECT id FROM handoff_cases WHERE status IN ('closed', 'abandoned') AND updated_at < $1 FOR UPDATE`, [
        cutoff.getTime(),
      ]);
      const purged: CasePurge = { cases: 0, photos: 0 };
      for (const { id } of rows) {
        const photos = await removeCase(tx, id);
        if (photos === undefined) continue;
        purged.cases += 1;
        purged.photos += photos;
      }
      return purged;
    });
  }

  async purgeAuditBefore(cutoff: Date): Promise<number> {
    const { rowCount } = await this.db.query('DELETE FROM handoff_audit WHERE at < $1', [cutoff.getTime()]);
    return rowCount;
  }

  async auditTrailUnchecked(caseId: string): Promise<AuditEntry[]> {
    const { rows } = await this.db.query<AuditRow>(SELECT_AUDIT, [caseId]);
    return rows.map(toAudit);
  }

  /** The case for staff: NotFoundError when missing, ForbiddenError outside the caller's queues. */
  private async readFor(q: PgQueryable, caller: StaffCaller, caseId: string): Promise<HandoffCase> {
    assertStaffCaller(caller);
    const found = await this.mustRead(q, caseId);
    if (!caller.queues.includes(found.queueId)) throw new ForbiddenError('no access to this case', 'CaseAccessDenied');
    return found;
  }

  /**
   * readFor inside a write's transaction, holding the case's row until commit: the queue check
   * and the write then see the same case, so a transfer racing a claim, delete, export or note
   * cannot slip between them (audit finding L4).
   */
  private async lockFor(tx: PgQueryable, caller: StaffCaller, caseId: string): Promise<HandoffCase> {
    assertStaffCaller(caller);
    const { rows } = await tx.query<CaseRow>('SELECT * FROM handoff_cases WHERE id = $1 FOR UPDATE', [caseId]);
    if (!rows[0]) throw new NotFoundError('case not found');
    const found = toCase(rows[0]);
    if (!caller.queues.includes(found.queueId)) throw new ForbiddenError('no access to this case', 'CaseAccessDenied');
    return found;
  }

  /** The case for its client: another conversation's case is ForbiddenError. */
  private async readForClient(conversationId: string, caseId: string): Promise<HandoffCase> {
    const found = await this.mustRead(this.db, caseId);
    if (!conversationId || found.conversationId !== conversationId) throw new ForbiddenError('no access to this case', 'CaseAccessDenied');
    return found;
  }

  private async mustRead(q: PgQueryable, caseId: string): Promise<HandoffCase> {
    const { rows } = await q.query<CaseRow>('SELECT * FROM handoff_cases WHERE id = $1', [caseId]);
    if (!rows[0]) throw new NotFoundError('case not found');
    return toCase(rows[0]);
  }

  /** Waiting cases, and contact requests of queues open at `clock.now`, in queue order. */
  private async queued(queueIds: readonly string[], clock: QueueClock): Promise<HandoffCase[]> {
    const unique = [...new Set(queueIds)];
    if (unique.length === 0) return [];
    const open = new Set(unique.filter((queueId) => queueOpenAt(queueId, clock.catalog, clock.now)));
    const { rows } = await this.db.query<CaseRow>(SELECT_QUEUED, [unique]);
    return rows
      .filter((row) => row.status === 'waiting' || open.has(row.queue_id))
      .map(toCase)
      .sort(compareQueued);
  }
}

/**
 * Deletes a case row with its messages and linked photos inside the caller's transaction; undefined
 * if it was gone, else the photo count. Photos share the database, so they go in the same transaction.
 */
async function removeCase(tx: PgQueryable, caseId: string): Promise<number | undefined> {
  const photos = await tx.query('DELETE FROM photo_blobs WHERE case_id = $1', [caseId]);
  await tx.query('DELETE FROM handoff_messages WHERE case_id = $1', [caseId]);
  const removed = await tx.query('DELETE FROM handoff_cases WHERE id = $1', [caseId]);
  return removed.rowCount === 1 ? photos.rowCount : undefined;
}

function mustHave<T>(row: T | undefined): T {
  if (row === undefined) throw new Error('the statement returned no row');
  return row;
}
