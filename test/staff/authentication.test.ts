import { UnauthorizedError } from '../../errors';
import { statusOf } from '../../http/errorResponse';
import { createStaffAccount } from '../../staff/accounts';
import { StaffAuthenticator } from '../../staff/authentication';
import { hashSessionId } from '../../staff/sessionTokens';
import { LoginFailedError } from '../../staff/staffErrors';
import { openSqlite, type SqliteHandle } from '../../storage/sqlite/openSqlite';
import { SqliteGate } from '../../storage/query/sqliteGate';
import { sqliteKysely } from '../../storage/query/sqliteKysely';
import { StaffRepository } from '../../storage/stores/staffRepository';

const FAST = { logN: 10, r: 8, p: 1 };
const QUEUES = ['digital_clinic', 'general_customer_service', 'social_guidance'];
const PASSWORD = 'oikea salasana 2026';
const T0 = new Date('2026-11-02T08:00:00Z');
const minutes = (n: number): Date => new Date(T0.getTime() + n * 60_000);

async function failure(promise: Promise<unknown>): Promise<LoginFailedError> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(LoginFailedError);
    return error as LoginFailedError;
  }
  throw new Error('expected the login to fail');
}

describe('StaffAuthenticator', () => {
  let db: SqliteHandle;
  let store: StaffRepository;
  let auth: StaffAuthenticator;
  let staffId: string;

  beforeEach(async () => {
    db = openSqlite(':memory:');
    store = new StaffRepository({ kind: 'sqlite', kysely: sqliteKysely(db, new SqliteGate()) });
    auth = new StaffAuthenticator(store, undefined, FAST);
    const account = await createStaffAccount(
      store,
      { username: 'Maija', displayName: 'Maija Meikäläinen', role: 'nurse', queues: ['digital_clinic'] },
      PASSWORD,
      QUEUES,
      T0,
      FAST,
    );
    staffId = account.id;
  });
  afterEach(() => db.close());

  it('logs in with the right password (username case-insensitive) and authenticates the session', async () => {
    const login = await auth.login('MAIJA', PASSWORD, T0);
    expect(login.identity).toEqual({ staffId, displayName: 'Maija Meikäläinen', role: 'nurse', queues: ['digital_clinic'] });
    expect(login.sessionId).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(login.csrfToken).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(login.csrfToken).not.toBe(login.sessionId);
    expect(login.expiresAt).toEqual(new Date(T0.getTime() + 12 * 3600_000));
    const staff = await auth.authenticate(login.sessionId, minutes(1));
    expect(staff.identity).toEqual(login.identity);
    expect(staff.csrfToken).toBe(login.csrfToken);
  });

  it('answers a wrong password and an unknown user with the same 401 error', async () => {
    const wrong = await failure(auth.login('maija', 'väärä salasana 2026', T0));
    const unknown = await failure(auth.login('nobody', PASSWORD, T0));
    expect(wrong.message).toBe(unknown.message);
    expect(wrong.code).toBe(unknown.code);
    expect(statusOf(wrong)).toBe(401);
    expect(statusOf(unknown)).toBe(401);
    expect(wrong.reason).toBe('invalid_credentials');
    expect(unknown.reason).toBe('invalid_credentials');
  });

  it('locks a username only for the address the wrong passwords came from; the account-wide lock needs many more (L8)', async () => {
    for (let i = 1; i <= 5; i++) await failure(auth.login('maija', `guess ${i}`, minutes(i), '198.51.100.7'));
    expect((await failure(auth.login('maija', PASSWORD, minutes(6), '198.51.100.7'))).reason).toBe('locked');
    // The nurse at her own workstation is not locked out by someone who only knows her username.
    await expect(auth.login('maija', PASSWORD, minutes(6), '10.20.30.40')).resolves.toBeDefined();

    // Guesses spread over many addresses meet the softer backstop: 30 in a row lock the account everywhere.
    const spread = new StaffAuthenticator(
      store,
      { maxFailedLogins: 5, lockoutMinutes: 15, accountLockFailures: 30, sessionIdleMinutes: 30, sessionAbsoluteHours: 12, presenceMinutes: 5 },
      FAST,
    );
    for (let i = 0; i < 29; i++) expect((await failure(spread.login('maija', `spray ${i}`, minutes(7), `203.0.113.${i}`))).reason).toBe('invalid_credentials');
    expect((await failure(spread.login('maija', 'spray 29', minutes(7), '203.0.113.29'))).reason).toBe('locked');
    expect((await failure(spread.login('maija', PASSWORD, minutes(8), '10.20.30.40'))).reason).toBe('locked');
  });

  it('locks the account after 5 consecutive failures, even for the right password, and unlocks after 15 minutes', async () => {
    for (let i = 1; i <= 4; i++) expect((await failure(auth.login('maija', `wrong password ${i}`, minutes(i)))).reason).toBe('invalid_credentials');
    expect((await failure(auth.login('maija', 'wrong password 5', minutes(5)))).reason).toBe('locked');
    const locked = await failure(auth.login('maija', PASSWORD, minutes(6)));
    expect(locked.reason).toBe('locked');
    // The client cannot tell a lockout from a wrong password.
    expect(locked.message).toBe((await failure(auth.login('nobody', PASSWORD, minutes(6)))).message);
    expect((await failure(auth.login('maija', PASSWORD, minutes(19)))).reason).toBe('locked');
    const login = await auth.login('maija', PASSWORD, minutes(20));
    expect(login.identity.staffId).toBe(staffId);
  });

  it('counts only consecutive failures: a success starts the count again', async () => {
    for (let i = 1; i <= 4; i++) await failure(auth.login('maija', `wrong password ${i}`, minutes(i)));
    await auth.login('maija', PASSWORD, minutes(5));
    for (let i = 6; i <= 9; i++) expect((await failure(auth.login('maija', `wrong password ${i}`, minutes(i)))).reason).toBe('invalid_credentials');
    await expect(auth.login('maija', PASSWORD, minutes(10))).resolves.toBeDefined();
  });

  it('refuses a disabled account with the same answer, and disabling ends its sessions', async () => {
    const login = await auth.login('maija', PASSWORD, T0);
    await store.setDisabled(staffId, true, minutes(1));
    await expect(auth.authenticate(login.sessionId, minutes(2))).rejects.toBeInstanceOf(UnauthorizedError);
    expect((await failure(auth.login('maija', PASSWORD, minutes(3)))).reason).toBe('disabled');
  });

  it('ends a session after 30 idle minutes, sliding with each use', async () => {
    const login = await auth.login('maija', PASSWORD, T0);
    await auth.authenticate(login.sessionId, minutes(29));
    await auth.authenticate(login.sessionId, minutes(58));
    await expect(auth.authenticate(login.sessionId, minutes(88))).rejects.toBeInstanceOf(UnauthorizedError);
    // An ended session stays ended.
    await expect(auth.authenticate(login.sessionId, minutes(89))).rejects.toBeInstanceOf(UnauthorizedError);
  });

  it('ends a session 12 hours after login however active it is', async () => {
    const login = await auth.login('maija', PASSWORD, T0);
    for (let m = 20; m < 12 * 60; m += 20) await auth.authenticate(login.sessionId, minutes(m));
    await expect(auth.authenticate(login.sessionId, minutes(12 * 60))).rejects.toBeInstanceOf(UnauthorizedError);
  });

  it('refuses missing, malformed and unknown session ids, and a logged-out session', async () => {
    await expect(auth.authenticate(undefined, T0)).rejects.toBeInstanceOf(UnauthorizedError);
    await expect(auth.authenticate('not a token', T0)).rejects.toBeInstanceOf(UnauthorizedError);
    await expect(auth.authenticate('A'.repeat(43), T0)).rejects.toBeInstanceOf(UnauthorizedError);
    const login = await auth.login('maija', PASSWORD, T0);
    await auth.logout(login.sessionId);
    await expect(auth.authenticate(login.sessionId, minutes(1))).rejects.toBeInstanceOf(UnauthorizedError);
  });

  it('stores only the SHA-256 of the session id', async () => {
    const login = await auth.login('maija', PASSWORD, T0);
    const rows = db.prepare('SELECT * FROM staff_sessions').all() as Record<string, unknown>[];
    expect(rows).toHaveLength(1);
    expect(rows[0]?.id_hash).toBe(hashSessionId(login.sessionId));
    expect(rows[0]?.id_hash).toMatch(/^[0-9a-f]{64}$/);
    const dump = JSON.stringify(db.prepare('SELECT * FROM staff_sessions').all()) + JSON.stringify(db.prepare('SELECT * FROM staff_accounts').all());
    expect(dump).not.toContain(login.sessionId);
    expect(dump).not.toContain(PASSWORD);
  });

  it('counts staff online per queue from recently used sessions', async () => {
    const other = await createStaffAccount(
      store,
      { username: 'ville', displayName: 'Ville', role: 'customer_service', queues: ['digital_clinic', 'general_customer_service'] },
      PASSWORD,
      QUEUES,
      T0,
      FAST,
    );
    const maija = await auth.login('maija', PASSWORD, T0);
    await auth.login('ville', PASSWORD, minutes(1));
    expect(await auth.onlineCountsByQueue(minutes(2))).toEqual({ digital_clinic: 2, general_customer_service: 1 });
    // After more than five quiet minutes only Maija, whose session was used at minute 2, still counts.
    await auth.authenticate(maija.sessionId, minutes(2));
    expect(await auth.onlineCountsByQueue(minutes(6.5))).toEqual({ digital_clinic: 1 });
    await auth.logout(maija.sessionId);
    expect(await auth.onlineCountsByQueue(minutes(3))).toEqual({ digital_clinic: 1, general_customer_service: 1 });
    expect(other.queues).toEqual(['digital_clinic', 'general_customer_service']);
  });

  it('purges ended sessions', async () => {
    await auth.login('maija', PASSWORD, T0);
    const live = await auth.login('maija', PASSWORD, minutes(40));
    expect(await auth.purgeExpiredSessions(minutes(45))).toBe(1);
    await expect(auth.authenticate(live.sessionId, minutes(46))).resolves.toBeDefined();
  });
});
