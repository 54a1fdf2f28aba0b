import { SQLITE_MIGRATIONS } from '../../storage/sqlite/migrations';
import { openSqlite, type SqliteHandle } from '../../storage/sqlite/openSqlite';
import { SqliteStaffStore } from '../../storage/sqlite/sqliteStaffStore';
import { DuplicateUsernameError, UnknownStaffError } from '../../staff/staffErrors';
import type { NewStaffAccount } from '../../staff/staffStore';

const T0 = new Date('2026-11-02T08:00:00Z');
const at = (minutes: number): Date => new Date(T0.getTime() + minutes * 60_000);

function account(id: string, username: string, queues: string[] = ['digital_clinic']): NewStaffAccount {
  return { id, username, displayName: `Name ${id}`, role: 'nurse', queues, passwordHash: '$scrypt$ln=10,r=8,p=1$c2FsdA==$a2V5' };
}

describe('SqliteStaffStore', () => {
  let db: SqliteHandle;
  let store: SqliteStaffStore;
  beforeEach(() => {
    db = openSqlite(':memory:');
    store = new SqliteStaffStore(db);
  });
  afterEach(() => db.close());

  it('uses schema version 10 from the staff range', () => {
    expect(SQLITE_MIGRATIONS.some((m) => m.version === 10)).toBe(true);
    const applied = db.prepare('SELECT version FROM schema_migrations WHERE version BETWEEN 10 AND 19').all();
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
    expect(db.prepare("SELECT COUNT(*) AS n FROM staff_queues WHERE staff_id = 's2'").get()).toEqual({ n: 0 });
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
    db.prepare("DELETE FROM staff_accounts WHERE id = 's1'").run();
    expect(await store.findSession('h1')).toBeUndefined();
  });
});
