import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { Kysely, SqliteDialect } from 'kysely';
import { openSqlite, type SqliteHandle } from '../../storage/sqlite/openSqlite';
import { SqliteBotState } from '../../storage/sqlite/sqliteBotState';
import { SqliteGate, throughGate } from '../../storage/query/sqliteGate';
import { sqliteKysely } from '../../storage/query/sqliteKysely';
import type { LuotsiTables } from '../../storage/query/tables';
import { openSqliteDatabase } from '../../storage/sqlite/sqliteDatabase';

const T0 = new Date('2026-12-02T10:00:00Z');
const clock = () => T0;

/** A promise and the function that settles it, to hold a transaction open at a chosen point. */
function deferred(): { promise: Promise<void>; resolve: () => void } {
  let resolve!: () => void;
  const promise = new Promise<void>((done) => (resolve = done));
  return { promise, resolve };
}

/** Whether a second connection to the file can take the write lock at once (no busy wait). */
function otherConnectionCanWrite(file: string): boolean {
  const other = new BetterSqlite3(file, { timeout: 0 });
  try {
    other.exec('BEGIN IMMEDIATE');
    other.exec('ROLLBACK');
    return true;
  } catch (error) {
    if ((error as { code?: string }).code === 'SQLITE_BUSY') return false;
    throw error;
  } finally {
    other.close();
  }
}

describe('the query layer on SQLite', () => {
  let dir: string;
  let file: string;
  let handle: SqliteHandle;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'luotsi-query-'));
    file = path.join(dir, 'luotsi.db');
    handle = openSqlite(file);
  });
  afterEach(() => {
    if (handle.open) handle.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('begins transactions IMMEDIATE: another connection sees the write lock before the first write', async () => {
    const kysely = sqliteKysely(handle, new SqliteGate());
    const seen: boolean[] = [];
    await kysely.transaction().execute(async (tx) => {
      // A read only: with a plain BEGIN the file would not be locked yet.
      await tx.selectFrom('staff_accounts').select('id').execute();
      seen.push(otherConnectionCanWrite(file));
    });
    seen.push(otherConnectionCanWrite(file));
    expect(seen).toEqual([false, true]);
  });

  it("(contrast) Kysely's stock driver begins a plain BEGIN, which takes no lock at a read", async () => {
    const stock = new Kysely<LuotsiTables>({ dialect: new SqliteDialect({ database: handle }) });
    let canWrite: boolean | undefined;
    await stock.transaction().execute(async (tx) => {
      await tx.selectFrom('staff_accounts').select('id').execute();
      canWrite = otherConnectionCanWrite(file);
    });
    expect(canWrite).toBe(true);
  });

  it('keeps a direct better-sqlite3 write out of an open Kysely transaction that then rolls back', async () => {
    const gate = new SqliteGate();
    const kysely = sqliteKysely(handle, gate);
    const botState = throughGate(new SqliteBotState(handle, clock), gate);
    const inside = deferred();
    const proceed = deferred();
    const transaction = kysely.transaction().execute(async (tx) => {
      await tx
        .insertInto('staff_admin_audit')
        .values({ at: T0.getTime(), actor_id: 'a', action: 'queues_set', target_id: 't', role: null, queues: null })
        .execute();
      inside.resolve();
      await proceed.promise;
      throw new Error('roll back');
    });
    await inside.promise;
    // Another store's write while the transaction is open and waiting on something else.
    const write = botState.write({ 'luotsi-web/conversations/c1': { step: 1 } });
    expect(gate.busy).toBe(true);
    proceed.resolve();
    await expect(transaction).rejects.toThrow('roll back');
    await write;
    const states = handle.prepare('SELECT key FROM bot_state').all();
    const audits = handle.prepare('SELECT seq FROM staff_admin_audit').all();
    expect({ states, audits }).toEqual({ states: [{ key: 'luotsi-web/conversations/c1' }], audits: [] });
  });

  it('(contrast) without the gate the same write joins the transaction and is lost with it', async () => {
    const kysely = sqliteKysely(handle, new SqliteGate());
    const botState = new SqliteBotState(handle, clock);
    const inside = deferred();
    const proceed = deferred();
    const transaction = kysely.transaction().execute(async () => {
      inside.resolve();
      await proceed.promise;
      throw new Error('roll back');
    });
    await inside.promise;
    await botState.write({ 'luotsi-web/conversations/c1': { step: 1 } });
    proceed.resolve();
    await expect(transaction).rejects.toThrow('roll back');
    expect(handle.prepare('SELECT key FROM bot_state').all()).toEqual([]);
  });

  it('is wired so in the database: a state write started inside a store transaction survives its rollback', async () => {
    const database = openSqliteDatabase(dir, clock);
    try {
      await database.handoff.create(
        {
          conversationId: 'c1',
          conversationReference: {},
          channel: 'luotsi-web',
          queueId: 'digital_clinic',
          urgency: 'non_urgent',
          topic: 'skin',
          locale: 'fi',
          answers: {},
          photoIds: [],
        },
        T0,
      );
      let write: Promise<void> | undefined;
      const attached = database.caseIdentity.attachToOpenCase('c1', () => {
        // Runs inside the case identity transaction, between its read and its write.
        write = database.botState.write({ 'luotsi-web/conversations/c1': { step: 2 } });
        throw new Error('sealing failed');
      });
      await expect(attached).rejects.toThrow('sealing failed');
      await write;
      const open = await database.handoff.findOpenByConversation('c1');
      expect({ state: await database.botState.read(['luotsi-web/conversations/c1']), sealed: open?.identitySealed }).toEqual({
        state: { 'luotsi-web/conversations/c1': expect.objectContaining({ step: 2 }) },
        sealed: undefined,
      });
    } finally {
      await database.close();
    }
  });

  it('runs waiting callers in the order they came, after the holder', async () => {
    const gate = new SqliteGate();
    const order: string[] = [];
    await gate.acquire();
    const first = gate.run(async () => void order.push('first'));
    const second = gate.run(async () => void order.push('second'));
    order.push('holder');
    gate.release();
    await Promise.all([first, second]);
    expect({ order, busy: gate.busy }).toEqual({ order: ['holder', 'first', 'second'], busy: false });
  });
});
