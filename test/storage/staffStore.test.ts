import { sql } from 'kysely';
import type { LuotsiDatabase } from '../../storage/database';
import { PgDb } from '../../storage/postgres/pgClient';
import { PG_MIGRATIONS } from '../../storage/postgres/pgMigrations';
import { SQLITE_MIGRATIONS } from '../../storage/sqlite/migrations';
import type { QueryDb } from '../../storage/query/queryDb';
import { DuplicateUsernameError, UnknownStaffError } from '../../staff/staffErrors';
import type { NewStaffAccount, StaffStore } from '../../staff/staffStore';
import { dropSchema, freshSchema, openTestDatabase, TEST_BACKEND, testPostgresUrl } from '../support/testDatabase';

const T0 = new Date('2026-11-02T08:00:00Z');
const at = (minutes: number): Date => new Date(T0.getTime() + minutes * 60_000);

function account(id: string, username: string, queues: string[] = ['digital_clinic']): NewStaffAccount {
  return { id, username, displayName: `Name ${id}`, role: 'nurse', queues, passwordHash: '$scrypt$ln=10,r=8,p=1$c2FsdA==$a2V5' };
}

/** Plain SQL on the test database, for what the store's API does not show (schema, cascades). */
interface TableAccess {
  sql(text: string): Promise<unknown[]>;
  close(): Promise<void>;
}

function tableAccess(database: LuotsiDatabase, schema: string): TableAccess {
  if (TEST_BACKEND === 'postgres') {
    const pg = new PgDb({ url: testPostgresUrl(), schema, poolSize: 1, connectTimeoutMs: 5000 }, () => undefined);
    return { sql: async (text) => (await pg.query(text)).rows, close: () => pg.close() };
  }
  // LuotsiDatabase offers no SQL, and an in-memory SQLite database cannot be opened twice:
  // reach the query layer the store itself holds.
  const queries = (database.staff as unknown as { db?: QueryDb }).db;
  if (!queries || queries.kind !== 'sqlite') throw new Error('the SQLite staff store no longer keeps its query layer in `db`');
  return {
    sql: async (text) => (await sql.raw(text).execute(queries.kysely)).rows,
    close: async () => undefined,
  };
}

describe(`staff store (${TEST_BACKEND})`, () => {
  let schema: string;
  let database: LuotsiDatabase;
  let db: TableAccess;
  let store: StaffStore;
  beforeEach(async () => {
    schema = freshSchema();
    database = await openTestDatabase(schema);
    db = tableAccess(database, schema);
    store = database.staff;
  });
  afterEach(async () => {
    await db.close();
    await database.close();
    if (TEST_BACKEND === 'postgres') await dropSchema(testPostgresUrl(), schema);
  });

  it('uses schema version 10 from the staff range', async () => {
    expect(SQLITE_MIGRATIONS.some((m) => m.version === 10)).toBe(true);
    expect(PG_MIGRATIONS.some((m) => m.version === 10)).toBe(true);
    const applied = await db.sql('SELECT version FROM schema_migrations WHERE version BETWEEN 10 AND 19');
    expect(applied).toEqual([{ version: 10 }]);
  });

  it('creates an account with its queues and reads it back with and without secrets', async () => {
    const created = await store.createAccount(account('s1', 'maija', ['general_customer_service', 'digital_clinic']), T0);
    expect(created).toEqual({
      id: 's1',
      username: 'maija',
      displayName: 'Name s1',
      role: 'nurse',
      queues: ['digital_clinic', 'general_customer_service'],
      disabled: false,
      createdAt: T0,
    });
    expect(created).not.toHaveProperty('passwordHash');
    const credentials = await store.findCredentials('maija');
    expect(credentials).toMatchObject({ id: 's1', passwordHash: '$scrypt$ln=10,r=8,p=1$c2FsdA==$a2V5', failedLogins: 0, lockedUntil: undefined });
    expect(await store.findCredentials('nobody')).toBeUndefined();
  });

  it('refuses a duplicate username and leaves no half-created account', async () => {
    await store.createAccount(account('s1', 'maija'), T0);
    await expect(store.createAccount(account('s2', 'maija', ['social_guidance']), T0)).rejects.toBeInstanceOf(DuplicateUsernameError);
    expect(await store.getAccount('s2')).toBeUndefined();
    expect(await db.sql("SELECT COUNT(*) AS n FROM staff_queues WHERE staff_id = 's2'")).toEqual([{ n: 0 }]);
  });

  it('replaces queues and disables accounts, refusing unknown ids', async () => {
    await store.createAccount(account('s1', 'maija'), T0);
    await store.setQueues('s1', ['social_guidance'], at(1));
    expect((await store.getAccount('s1'))?.queues).toEqual(['social_guidance']);
    await store.setDisabled('s1', true, at(2));
    expect((await store.getAccount('s1'))?.disabled).toBe(true);
    await expect(store.setQueues('nope', ['x'], at(3))).rejects.toBeInstanceOf(UnknownStaffError);
    await expect(store.setDisabled('nope', true, at(3))).rejects.toBeInstanceOf(UnknownStaffError);
  });

  it('locks on the failure that reaches the limit and resets the count', async () => {
    await store.createAccount(account('s1', 'maija'), T0);
    for (let i = 0; i < 2; i++) expect(await store.recordFailedLogin('s1', 3, at(15), T0)).toEqual({ locked: false });
    expect(await store.recordFailedLogin('s1', 3, at(15), T0)).toEqual({ locked: true });
    expect(await store.findCredentials('maija')).toMatchObject({ failedLogins: 0, lockedUntil: at(15) });
    await store.recordSuccessfulLogin('s1', at(20));
    expect(await store.findCredentials('maija')).toMatchObject({ failedLogins: 0, lockedUntil: undefined });
  });

  it('keeps sessions by hash, slides last activity forward only, and deletes them with the account', async () => {
    await store.createAccount(account('s1', 'maija'), T0);
    await store.createSession({ idHash: 'h1', staffId: 's1', csrfToken: 'c1', createdAt: T0, lastSeenAt: T0, expiresAt: at(720) });
    await store.touchSession('h1', at(10));
    await store.touchSession('h1', at(5));
    const found = await store.findSession('h1');
    expect(found?.session).toEqual({ idHash: 'h1', staffId: 's1', csrfToken: 'c1', createdAt: T0, lastSeenAt: at(10), expiresAt: at(720) });
    expect(found?.account.username).toBe('maija');
    await db.sql("DELETE FROM staff_accounts WHERE id = 's1'");
    expect(await store.findSession('h1')).toBeUndefined();
  });
});
