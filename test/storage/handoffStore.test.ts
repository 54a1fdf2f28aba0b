import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Client } from 'pg';
import { ConflictError, ForbiddenError, NotFoundError, StorageConflictError } from '../../errors';
import type { NewCase, StaffCaller } from '../../handoff/caseTypes';
import type { HandoffStore } from '../../handoff/handoffStore';
import { DEFAULT_CATALOG } from '../../routing';
import type { LuotsiDatabase } from '../../storage/database';
import { openSqlite } from '../../storage/sqlite/openSqlite';
import { openSqliteDatabase, SQLITE_FILE } from '../../storage/sqlite/sqliteDatabase';
import { dropSchema, freshSchema, openPostgresSchema, openTestDatabase, TEST_BACKEND, testPostgresUrl } from '../support/testDatabase';

const at = (iso: string) => new Date(iso);
// Monday 9 Nov 2026, 08:30 Helsinki (UTC+2): social_guidance is open 08–16.
const MONDAY_MORNING = at('2026-11-09T06:30:00Z');
const clock = (now: Date) => ({ now, catalog: DEFAULT_CATALOG });

const nurse: StaffCaller = { staffId: 'nurse-1', queues: ['social_guidance', 'digital_clinic'] };
const other: StaffCaller = { staffId: 'nurse-2', queues: ['social_guidance'] };
const outsider: StaffCaller = { staffId: 'dentist-1', queues: ['dental_care'] };

function newCase(overrides: Partial<NewCase> = {}): NewCase {
  return {
    conversationId: 'conv-1',
    conversationReference: { conversation: { id: 'conv-1', isGroup: false, conversationType: 'personal', name: '' }, channelId: 'webchat' },
    channel: 'webchat',
    queueId: 'social_guidance',
    urgency: 'non_urgent',
    segment: 2,
    topic: 'money',
    subject: { kind: 'adult', relationship: 'parent', consent: 'agrees' },
    locale: 'fi',
    answers: { 'entry.topic': 'topic.money' },
    photoIds: ['photo-a'],
    ...overrides,
  };
}

/** A temporary data directory, for a SQLite file the test opens more than once. */
function tempDataDir(): { dir: string; remove(): void } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'luotsi-handoff-'));
  return { dir, remove: () => fs.rmSync(dir, { recursive: true, force: true }) };
}

describe(`HandoffStore on ${TEST_BACKEND}`, () => {
  let schema: string;
  let database: LuotsiDatabase;
  let store: HandoffStore;
  beforeEach(async () => {
    schema = freshSchema();
    database = await openTestDatabase(schema);
    store = database.handoff;
  });
  afterEach(async () => {
    await database.close();
    if (TEST_BACKEND === 'postgres') await dropSchema(testPostgresUrl(), schema);
  });

  /** Two instances on one database: the same SQLite file twice, or a second pool on this test's PostgreSQL schema. */
  async function openTwoInstances(): Promise<{ a: HandoffStore; b: HandoffStore; close(): Promise<void> }> {
    if (TEST_BACKEND === 'postgres') {
      const second = await openPostgresSchema(testPostgresUrl(), schema);
      return { a: store, b: second.handoff, close: () => second.close() };
    }
    const data = tempDataDir();
    const first = openSqliteDatabase(data.dir);
    const second = openSqliteDatabase(data.dir);
    const close = async () => {
      await first.close();
      await second.close();
      data.remove();
    };
    return { a: first.handoff, b: second.handoff, close };
  }

  /**
   * A store with direct read access to its tables, bypassing the store: on SQLite a file (an
   * in-memory database cannot be opened twice), on PostgreSQL this test's schema.
   */
  async function openInspectable(): Promise<{
    store: HandoffStore;
    columns(table: string): Promise<string[]>;
    rows(table: string): Promise<Record<string, unknown>[]>;
    close(): Promise<void>;
  }> {
    if (TEST_BACKEND === 'postgres') {
      const client = new Client({ connectionString: testPostgresUrl() });
      await client.connect();
      return {
        store,
        async columns(table) {
          const { rows } = await client.query<{ column_name: string }>(
            'SELECT column_name FROM information_schema.columns WHERE table_schema = $1 AND table_name = $2',
            [schema, table],
          );
          return rows.map((row) => row.column_name);
        },
        async rows(table) {
          return (await client.query<Record<string, unknown>>(`SELECT * FROM "${schema}"."${table}"`)).rows;
        },
        close: () => client.end(),
      };
    }
    const data = tempDataDir();
    const onFile = openSqliteDatabase(data.dir);
    const raw = openSqlite(path.join(data.dir, SQLITE_FILE));
    return {
      store: onFile.handoff,
      async columns(table) {
        return raw
          .prepare<[string], { name: string }>('SELECT name FROM pragma_table_info(?)')
          .all(table)
          .map((c) => c.name);
      },
      async rows(table) {
        return raw.prepare<[], Record<string, unknown>>(`SELECT * FROM "${table}"`).all();
      },
      async close() {
        raw.close();
        await onFile.close();
        data.remove();
      },
    };
  }

  it('creates a waiting case with a random id and keeps every detail', async () => {
    const created = await store.create(newCase(), at('2026-11-09T06:00:00Z'));
    expect(created.id).toMatch(/^[A-Za-z0-9_-]{24}$/);
    expect(created).toMatchObject({
      status: 'waiting',
      queueId: 'social_guidance',
      urgency: 'non_urgent',
      segment: 2,
      topic: 'money',
      subject: { kind: 'adult', relationship: 'parent', consent: 'agrees' },
      locale: 'fi',
      answers: { 'entry.topic': 'topic.money' },
      photoIds: ['photo-a'],
      createdAt: at('2026-11-09T06:00:00Z'),
      claimedBy: undefined,
    });
    expect(created.conversationReference.conversation?.id).toBe('conv-1');
    expect(await store.get(nurse, created.id, MONDAY_MORNING)).toEqual(created);
    expect(await store.findOpenByConversation('conv-1')).toEqual(created);
  });

  it('never queues an emergency', async () => {
    await expect(store.create(newCase({ urgency: 'emergency' as NewCase['urgency'] }), MONDAY_MORNING)).rejects.toThrow('not queued');
  });

  it('lists by urgency, then arrival, across the requested queues', async () => {
    const selfCare = await store.create(newCase({ urgency: 'self_care' }), at('2026-11-09T06:00:00Z'));
    const lateUrgent = await store.create(newCase({ urgency: 'urgent', queueId: 'digital_clinic' }), at('2026-11-09T06:20:00Z'));
    const nonUrgent = await store.create(newCase({ urgency: 'non_urgent' }), at('2026-11-09T06:01:00Z'));
    const earlyUrgent = await store.create(newCase({ urgency: 'urgent' }), at('2026-11-09T06:10:00Z'));
    const list = await store.listByQueues(nurse, ['social_guidance', 'digital_clinic'], clock(MONDAY_MORNING));
    expect(list.map((c) => c.id)).toEqual([earlyUrgent.id, lateUrgent.id, nonUrgent.id, selfCare.id]);
    const entries = await store.queueEntries('social_guidance', clock(MONDAY_MORNING));
    expect(entries.map((e) => e.id)).toEqual([earlyUrgent.id, nonUrgent.id, selfCare.id]);
    expect(Object.keys(entries[0] ?? {}).sort()).toEqual(['createdAt', 'id', 'queueId', 'status', 'topic', 'urgency']);
  });

  describe('staff see only their queues', () => {
    it('refuses a list, a case, its messages and its audit outside the caller queues', async () => {
      const c = await store.create(newCase(), MONDAY_MORNING);
      await expect(store.listByQueues(outsider, ['social_guidance'], clock(MONDAY_MORNING))).rejects.toThrow(ForbiddenError);
      await expect(store.get(outsider, c.id, MONDAY_MORNING)).rejects.toThrow(ForbiddenError);
      await expect(store.claim(outsider, c.id, MONDAY_MORNING)).rejects.toThrow(ForbiddenError);
      await expect(store.listMessages(outsider, c.id)).rejects.toThrow(ForbiddenError);
      await expect(store.listAudit(outsider, c.id)).rejects.toThrow(ForbiddenError);
      await expect(store.addMessage(c.id, { kind: 'staff', caller: outsider, internal: false }, 'hei', MONDAY_MORNING)).rejects.toThrow(ForbiddenError);
      await expect(store.get({ staffId: '', queues: ['social_guidance'] }, c.id, MONDAY_MORNING)).rejects.toThrow(ForbiddenError);
      await expect(store.get(nurse, 'missing', MONDAY_MORNING)).rejects.toThrow(NotFoundError);
    });

    it('keeps the client to their own case and hides internal notes from them', async () => {
      const c = await store.create(newCase(), MONDAY_MORNING);
      await store.addMessage(c.id, { kind: 'client', conversationId: 'conv-1' }, 'still here', at('2026-11-09T06:40:00Z'));
      await store.addMessage(c.id, { kind: 'staff', caller: nurse, internal: true }, 'call back', at('2026-11-09T06:41:00Z'));
      await store.addMessage(c.id, { kind: 'system' }, 'joined', at('2026-11-09T06:42:00Z'));
      expect((await store.listMessages(nurse, c.id)).map((m) => [m.from, m.internal, m.text])).toEqual([
        ['client', false, 'still here'],
        ['staff', true, 'call back'],
        ['system', false, 'joined'],
      ]);
      expect((await store.listMessages({ conversationId: 'conv-1' }, c.id)).map((m) => m.text)).toEqual(['still here', 'joined']);
      await expect(store.listMessages({ conversationId: 'conv-2' }, c.id)).rejects.toThrow(ForbiddenError);
      await expect(store.addMessage(c.id, { kind: 'client', conversationId: 'conv-2' }, 'x', MONDAY_MORNING)).rejects.toThrow(ForbiddenError);
      expect((await store.get(nurse, c.id, MONDAY_MORNING)).lastClientActivityAt).toEqual(at('2026-11-09T06:40:00Z'));
    });
  });

  describe('claim', () => {
    it('lets exactly one of two concurrent claims win; the other gets ConflictError (409)', async () => {
      const c = await store.create(newCase(), MONDAY_MORNING);
      const results = await Promise.allSettled([store.claim(nurse, c.id, MONDAY_MORNING), store.claim(other, c.id, MONDAY_MORNING)]);
      const won = results.filter((r) => r.status === 'fulfilled');
      const lost = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
      expect(won).toHaveLength(1);
      expect(lost).toHaveLength(1);
      expect(lost[0]?.reason).toBeInstanceOf(ConflictError);
      expect(lost[0]?.reason).toBeInstanceOf(StorageConflictError);
      const stored = await store.get(nurse, c.id, MONDAY_MORNING);
      expect(stored.status).toBe('claimed');
      expect([nurse.staffId, other.staffId]).toContain(stored.claimedBy);
      expect(stored.claimedAt).toEqual(MONDAY_MORNING);
      expect(await store.listByQueues(nurse, ['social_guidance'], clock(MONDAY_MORNING))).toEqual([]);
    });

    it('lets exactly one win across two connections to the same database (two processes)', async () => {
      const { a, b, close } = await openTwoInstances();
      try {
        const c = await a.create(newCase(), MONDAY_MORNING);
        const results = await Promise.allSettled([a.claim(nurse, c.id, MONDAY_MORNING), b.claim(other, c.id, MONDAY_MORNING)]);
        expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
        const lost = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
        expect(lost?.reason).toBeInstanceOf(ConflictError);
        expect((await b.listAudit(nurse, c.id)).filter((e) => e.action === 'claim')).toHaveLength(1);
      } finally {
        await close();
      }
    });

    it('releases back to the queue with a note, only by the holder', async () => {
      const c = await store.create(newCase(), MONDAY_MORNING);
      await store.claim(nurse, c.id, MONDAY_MORNING);
      await expect(store.release(other, c.id, 'not mine', MONDAY_MORNING)).rejects.toThrow(ConflictError);
      const released = await store.release(nurse, c.id, 'needs a social worker', MONDAY_MORNING);
      expect(released).toMatchObject({ status: 'waiting', claimedBy: undefined, createdAt: MONDAY_MORNING });
      const notes = await store.listMessages(nurse, c.id);
      expect(notes.map((m) => [m.text, m.internal])).toEqual([['needs a social worker', true]]);
    });
  });

  it('transfers to another queue with a note and keeps the arrival time', async () => {
    const arrival = at('2026-11-09T06:05:00Z');
    const c = await store.create(newCase(), arrival);
    await store.claim(nurse, c.id, MONDAY_MORNING);
    const moved = await store.transfer(nurse, c.id, 'digital_clinic', 'skin question', at('2026-11-09T07:00:00Z'));
    expect(moved).toMatchObject({ queueId: 'digital_clinic', status: 'waiting', claimedBy: undefined, createdAt: arrival });
    expect((await store.listByQueues(nurse, ['digital_clinic'], clock(MONDAY_MORNING))).map((x) => x.id)).toEqual([c.id]);
    expect((await store.listMessages(nurse, c.id)).map((m) => m.text)).toEqual(['skin question']);
    // The case is no longer in the queues of staff of the old queue only.
    await expect(store.get(other, c.id, MONDAY_MORNING)).rejects.toThrow(ForbiddenError);
  });

  it('a claim racing a transfer out of the claimer\u2019s queue never leaves the case held in a queue its holder cannot see (L4)', async () => {
    const alice: StaffCaller = { staffId: 'alice', queues: ['social_guidance'] };
    const two = await openTwoInstances();
    try {
      for (let round = 0; round < 12; round++) {
        const c = await two.a.create(newCase({ conversationId: `race-${round}` }), MONDAY_MORNING);
        const [transfer, claim] = await Promise.allSettled([
          two.a.transfer(alice, c.id, 'digital_clinic', 'race', MONDAY_MORNING),
          two.b.claim(alice, c.id, MONDAY_MORNING),
        ]);
        const after = await two.a.get(nurse, c.id, MONDAY_MORNING);
        expect(transfer.status).toBe('fulfilled');
        // Either the claim came first and the transfer moved the held case on, or the transfer came
        // first and the claim was refused: never "claimed by alice in digital_clinic".
        if (after.status === 'claimed') expect(alice.queues).toContain(after.queueId);
        expect(after).toMatchObject({ queueId: 'digital_clinic', status: 'waiting' });
        if (claim.status === 'rejected') expect(claim.reason).toBeInstanceOf(ForbiddenError);
      }
    } finally {
      await two.close();
    }
  });

  it('keeps one open contact request per conversation: filing again replaces it (L5)', async () => {
    const contact = (message: string) => newCase({ conversationId: 'conv-contact', contactRequest: { message, reachBy: '0400000001' } });
    const first = await store.create(contact('ensimmäinen'), MONDAY_MORNING);
    const ids = [first.id];
    for (let i = 2; i <= 5; i++) ids.push((await store.create(contact(`pyyntö ${i}`), at('2026-11-09T06:40:00Z'))).id);
    expect(new Set(ids)).toEqual(new Set([first.id]));
    const open = await store.findOpenByConversation('conv-contact');
    expect(open).toMatchObject({
      id: first.id,
      status: 'contact_request',
      contactRequest: { message: 'pyyntö 5', reachBy: '0400000001' },
      createdAt: MONDAY_MORNING,
    });
    // Once staff hold it, a new request is a case of its own.
    await store.claim(nurse, first.id, MONDAY_MORNING);
    const next = await store.create(contact('uusi asia'), MONDAY_MORNING);
    expect(next.id).not.toBe(first.id);
  });

  it('closes a held case with an outcome and the re-rating; only the holder can', async () => {
    const c = await store.create(newCase(), MONDAY_MORNING);
    await expect(store.close(nurse, c.id, { outcome: 'advice_given', staffUrgency: 'urgent' }, MONDAY_MORNING)).rejects.toThrow(ConflictError);
    await store.claim(nurse, c.id, MONDAY_MORNING);
    await expect(store.close(other, c.id, { outcome: 'advice_given', staffUrgency: 'urgent' }, MONDAY_MORNING)).rejects.toThrow(ConflictError);
    const closed = await store.close(nurse, c.id, { outcome: 'appointment_booked', staffUrgency: 'urgent', staffSegment: 3 }, at('2026-11-09T06:50:00Z'));
    expect(closed).toMatchObject({
      status: 'closed',
      outcome: 'appointment_booked',
      staffUrgency: 'urgent',
      staffSegment: 3,
      urgency: 'non_urgent',
      segment: 2,
      closedAt: at('2026-11-09T06:50:00Z'),
    });
    expect(await store.handlingTimes('social_guidance', at('2026-11-07T06:50:00Z'))).toEqual([20 * 60000]);
    expect(await store.handlingTimes('social_guidance', at('2026-11-09T07:00:00Z'))).toEqual([]);
    expect(await store.findOpenByConversation('conv-1')).toBeUndefined();
  });

  it('marks silent waiting clients abandoned, leaving active and claimed cases alone', async () => {
    const silent = await store.create(newCase({ conversationId: 'silent' }), at('2026-11-09T06:00:00Z'));
    const active = await store.create(newCase({ conversationId: 'active' }), at('2026-11-09T06:00:00Z'));
    const held = await store.create(newCase({ conversationId: 'held' }), at('2026-11-09T06:00:00Z'));
    await store.touchClientActivity('active', at('2026-11-09T06:25:00Z'));
    await store.claim(nurse, held.id, at('2026-11-09T06:05:00Z'));
    expect(await store.markAbandoned(at('2026-11-09T06:20:00Z'), MONDAY_MORNING)).toEqual([silent.id]);
    expect((await store.get(nurse, silent.id, MONDAY_MORNING)).status).toBe('abandoned');
    expect((await store.get(nurse, active.id, MONDAY_MORNING)).status).toBe('waiting');
    expect((await store.get(nurse, held.id, MONDAY_MORNING)).status).toBe('claimed');
  });

  it("lists a queue's cases abandoned in the given window for staff of that queue only", async () => {
    const old = await store.create(newCase({ conversationId: 'old' }), at('2026-11-07T06:00:00Z'));
    const silent = await store.create(newCase({ conversationId: 'silent' }), at('2026-11-09T06:00:00Z'));
    const left = await store.create(newCase({ conversationId: 'left' }), at('2026-11-09T06:00:00Z'));
    const waiting = await store.create(newCase({ conversationId: 'waiting' }), MONDAY_MORNING);
    await store.markAbandoned(at('2026-11-07T07:00:00Z'), at('2026-11-07T08:00:00Z'));
    await store.touchClientActivity('left', at('2026-11-09T06:22:00Z'));
    await store.markAbandoned(at('2026-11-09T06:20:00Z'), at('2026-11-09T06:25:00Z'));
    await store.withdraw('left', MONDAY_MORNING);
    const since = at('2026-11-08T06:30:00Z');
    expect((await store.listAbandoned(nurse, 'social_guidance', since)).map((c) => c.id)).toEqual([left.id, silent.id]);
    expect((await store.listAbandoned(other, 'social_guidance', since)).every((c) => c.status === 'abandoned')).toBe(true);
    expect((await store.listAbandoned(nurse, 'social_guidance', at('2026-11-01T00:00:00Z'))).map((c) => c.id)).toContain(old.id);
    expect((await store.listAbandoned(nurse, 'social_guidance', since)).map((c) => c.id)).not.toContain(waiting.id);
    await expect(store.listAbandoned(outsider, 'social_guidance', since)).rejects.toThrow(ForbiddenError);
    await expect(store.listAbandoned({ staffId: '', queues: [] } as StaffCaller, 'social_guidance', since)).rejects.toThrow(ForbiddenError);
  });

  it('lets the client withdraw from the queue', async () => {
    const c = await store.create(newCase(), MONDAY_MORNING);
    expect((await store.withdraw('conv-1', MONDAY_MORNING))?.id).toBe(c.id);
    expect((await store.get(nurse, c.id, MONDAY_MORNING)).status).toBe('abandoned');
    expect(await store.withdraw('conv-1', MONDAY_MORNING)).toBeUndefined();
  });

  describe('contact requests left out of hours', () => {
    it('a Saturday-night request appears when the queue opens on Monday morning', async () => {
      const saturdayNight = at('2026-11-07T21:00:00Z');
      const c = await store.create(newCase({ contactRequest: { message: 'please call', reachBy: 'phone' } }), saturdayNight);
      expect(c).toMatchObject({ status: 'contact_request', contactRequest: { message: 'please call', reachBy: 'phone' } });
      expect(await store.listByQueues(nurse, ['social_guidance'], clock(saturdayNight))).toEqual([]);
      expect(await store.listByQueues(nurse, ['social_guidance'], clock(at('2026-11-08T10:00:00Z')))).toEqual([]);
      const monday = await store.listByQueues(nurse, ['social_guidance'], clock(MONDAY_MORNING));
      expect(monday.map((x) => x.id)).toEqual([c.id]);
      expect((await store.claim(nurse, c.id, MONDAY_MORNING)).status).toBe('claimed');
    });

    it('stays hidden on a weekday public holiday', async () => {
      const c = await store.create(newCase({ contactRequest: { message: 'call me', reachBy: 'phone' } }), at('2026-12-24T20:00:00Z'));
      const christmasDayMorning = at('2026-12-25T08:00:00Z');
      expect(await store.listByQueues(nurse, ['social_guidance'], clock(christmasDayMorning))).toEqual([]);
      expect(await store.queueEntries('social_guidance', clock(christmasDayMorning))).toEqual([]);
      expect((await store.listByQueues(nurse, ['social_guidance'], clock(at('2026-12-28T06:30:00Z')))).map((x) => x.id)).toEqual([c.id]);
    });
  });

  describe('feedback', () => {
    it('is stored without any case or conversation column', async () => {
      const inspectable = await openInspectable();
      try {
        await inspectable.store.recordFeedback(
          {
            queueId: 'social_guidance',
            topic: 'money',
            botUrgency: 'non_urgent',
            helped: 'yes',
            score: 5,
            comment: 'kiitos, soita +358401112223, Liisa Virtanen',
          },
          MONDAY_MORNING,
        );
        const columns = await inspectable.columns('handoff_feedback');
        expect(columns.sort()).toEqual(['bot_urgency', 'comment', 'day', 'helped', 'id', 'queue_id', 'score', 'topic']);
        const [row] = await inspectable.rows('handoff_feedback');
        expect(row).toMatchObject({ queue_id: 'social_guidance', topic: 'money', day: '2026-11-09' });
        expect(JSON.stringify(row)).not.toContain('conv-1');
        // The comment's text is not kept, only that there was one (audit finding L6).
        expect(row?.comment).toBe('');
        expect(JSON.stringify(row)).not.toMatch(/kiitos|358|Virtanen/);
      } finally {
        await inspectable.close();
      }
    });

    it('refuses a score outside 1–5', async () => {
      await expect(store.recordFeedback({ queueId: 'q', topic: undefined, botUrgency: undefined, helped: 'no', score: 6 }, MONDAY_MORNING)).rejects.toThrow();
    });

    it('is aggregated per queue and topic for the caller queues only', async () => {
      const give = (queueId: string, topic: 'money' | 'family', helped: 'yes' | 'partly' | 'no', score: number, comment?: string) =>
        store.recordFeedback({ queueId, topic, botUrgency: 'non_urgent', helped, score, ...(comment ? { comment } : {}) }, MONDAY_MORNING);
      await give('social_guidance', 'money', 'yes', 5, 'great');
      await give('social_guidance', 'money', 'partly', 3);
      await give('social_guidance', 'family', 'no', 1);
      await give('dental_care', 'money', 'yes', 4);
      // A rating without a comment counts as a rating; a blank comment is no comment.
      await give('social_guidance', 'family', 'yes', 5, '   ');
      expect(await store.feedbackSummary(other)).toEqual([
        { queueId: 'social_guidance', topic: 'family', count: 2, helped: { yes: 1, partly: 0, no: 1 }, averageScore: 3, comments: 0 },
        { queueId: 'social_guidance', topic: 'money', count: 2, helped: { yes: 1, partly: 1, no: 0 }, averageScore: 4, comments: 1 },
      ]);
    });
  });

  it('reports triage accuracy from re-ratings with the under-triaged count', async () => {
    const closeAs = async (
      urgency: NewCase['urgency'],
      staffUrgency: 'emergency' | 'urgent' | 'non_urgent' | 'self_care',
      caller = nurse,
      queueId = 'social_guidance',
    ) => {
      const c = await store.create(newCase({ urgency, queueId }), MONDAY_MORNING);
      await store.claim(caller, c.id, MONDAY_MORNING);
      await store.close(caller, c.id, { outcome: 'advice_given', staffUrgency }, MONDAY_MORNING);
    };
    await closeAs('non_urgent', 'urgent');
    await closeAs('self_care', 'non_urgent');
    await closeAs('urgent', 'urgent');
    await closeAs('urgent', 'non_urgent');
    await closeAs('non_urgent', 'emergency', outsider, 'dental_care');
    const report = await store.triageAccuracy(nurse);
    expect(report).toMatchObject({ total: 4, agreed: 1, underTriaged: 2, overTriaged: 1 });
    expect(report.matrix.non_urgent.urgent).toBe(1);
    expect(report.matrix.self_care.non_urgent).toBe(1);
    expect(report.matrix.non_urgent.emergency).toBe(0);
  });

  it('writes audit entries for view, claim, note, transfer and close', async () => {
    const c = await store.create(newCase(), MONDAY_MORNING);
    const t = (min: number) => new Date(MONDAY_MORNING.getTime() + min * 60000);
    await store.get(nurse, c.id, t(1));
    await store.claim(nurse, c.id, t(2));
    await store.addMessage(c.id, { kind: 'staff', caller: nurse, internal: true }, 'note', t(3));
    await store.addMessage(c.id, { kind: 'staff', caller: nurse, internal: false }, 'hello', t(4));
    await store.transfer(nurse, c.id, 'digital_clinic', 'moving', t(5));
    await store.claim(nurse, c.id, t(6));
    await store.close(nurse, c.id, { outcome: 'referred_ngo', staffUrgency: 'non_urgent' }, t(7));
    await store.appendAudit({ staffId: 'nurse-1', action: 'view', caseId: c.id, at: t(8) });
    expect(await store.listAudit(nurse, c.id)).toEqual([
      { staffId: 'nurse-1', action: 'view', caseId: c.id, at: t(1) },
      { staffId: 'nurse-1', action: 'claim', caseId: c.id, at: t(2) },
      { staffId: 'nurse-1', action: 'note', caseId: c.id, at: t(3) },
      { staffId: 'nurse-1', action: 'transfer', caseId: c.id, at: t(5) },
      { staffId: 'nurse-1', action: 'claim', caseId: c.id, at: t(6) },
      { staffId: 'nurse-1', action: 'close', caseId: c.id, at: t(7) },
      { staffId: 'nurse-1', action: 'view', caseId: c.id, at: t(8) },
    ]);
  });

  it('lists the cases a staff member holds', async () => {
    const a = await store.create(newCase({ conversationId: 'a' }), at('2026-11-09T06:00:00Z'));
    await store.create(newCase({ conversationId: 'b' }), at('2026-11-09T06:01:00Z'));
    await store.claim(nurse, a.id, MONDAY_MORNING);
    expect((await store.listClaimedBy(nurse)).map((c) => c.id)).toEqual([a.id]);
    expect(await store.listClaimedBy(other)).toEqual([]);
  });
});
