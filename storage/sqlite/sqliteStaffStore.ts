import { isStaffRole, type StaffRole } from '../../staff/roles';
import { DuplicateUsernameError, UnknownStaffError } from '../../staff/staffErrors';
import type { NewStaffAccount, StaffAccount, StaffCredentials, StaffSessionRecord, StaffStore } from '../../staff/staffStore';
import { StorageUnavailableError } from '../../errors';
import type { SqliteHandle } from './openSqlite';

interface AccountRow {
  id: string;
  username: string;
  display_name: string;
  role: string;
  password_hash: string;
  failed_logins: number;
  locked_until: number | null;
  disabled: number;
  created_at: number;
}

interface SessionRow {
  id_hash: string;
  staff_id: string;
  csrf_token: string;
  created_at: number;
  last_seen_at: number;
  expires_at: number;
}

const ACCOUNT_COLUMNS = 'id, username, display_name, role, password_hash, failed_logins, locked_until, disabled, created_at';

/** Staff accounts and sessions in SQLite. */
export class SqliteStaffStore implements StaffStore {
  private readonly insertAccount;
  private readonly insertQueue;
  private readonly deleteQueues;
  private readonly selectById;
  private readonly selectByUsername;
  private readonly selectQueues;
  private readonly updateDisabled;
  private readonly updateTouched;
  private readonly failLogin;
  private readonly succeedLogin;
  private readonly insertSession;
  private readonly selectSession;
  private readonly updateSessionSeen;
  private readonly removeSession;
  private readonly removeSessionsOf;
  private readonly purgeSessions;
  private readonly countOnline;

  constructor(private readonly db: SqliteHandle) {
    this.insertAccount = db.prepare(
      `INSERT INTO staff_accounts (id, username, display_name, role, password_hash, created_at, updated_at)
       VALUES (@id, @username, @displayName, @role, @passwordHash, @now, @now)`,
    );
    this.insertQueue = db.prepare('INSERT OR IGNORE INTO staff_queues (staff_id, queue_id) VALUES (?, ?)');
    this.deleteQueues = db.prepare('DELETE FROM staff_queues WHERE staff_id = ?');
    this.selectById = db.prepare<[string], AccountRow>(`SELECT ${ACCOUNT_COLUMNS} FROM staff_accounts WHERE id = ?`);
    this.selectByUsername = db.prepare<[string], AccountRow>(`SELECT ${ACCOUNT_COLUMNS} FROM staff_accounts WHERE username = ?`);
    this.selectQueues = db.prepare<[string], { queue_id: string }>('SELECT queue_id FROM staff_queues WHERE staff_id = ? ORDER BY queue_id');
    this.updateDisabled = db.prepare('UPDATE staff_accounts SET disabled = @disabled, updated_at = @now WHERE id = @id');
    this.updateTouched = db.prepare('UPDATE staff_accounts SET updated_at = @now WHERE id = @id');
    // One statement, so concurrent failures cannot both read the same count (SET uses the old row).
    this.failLogin = db.prepare(
      `UPDATE staff_accounts SET
         failed_logins = CASE WHEN failed_logins + 1 >= @max THEN 0 ELSE failed_logins + 1 END,
         locked_until = CASE WHEN failed_logins + 1 >= @max THEN @lockedUntil ELSE locked_until END,
         updated_at = @now
       WHERE id = @id
       RETURNING locked_until = @lockedUntil AS locked`,
    );
    this.succeedLogin = db.prepare('UPDATE staff_accounts SET failed_logins = 0, locked_until = NULL, updated_at = @now WHERE id = @id');
    this.insertSession = db.prepare(
      `INSERT INTO staff_sessions (id_hash, staff_id, csrf_token, created_at, last_seen_at, expires_at)
       VALUES (@idHash, @staffId, @csrfToken, @createdAt, @lastSeenAt, @expiresAt)`,
    );
    this.selectSession = db.prepare<[string], SessionRow>(
      'SELECT id_hash, staff_id, csrf_token, created_at, last_seen_at, expires_at FROM staff_sessions WHERE id_hash = ?',
    );
    this.updateSessionSeen = db.prepare('UPDATE staff_sessions SET last_seen_at = MAX(last_seen_at, @now) WHERE id_hash = @idHash');
    this.removeSession = db.prepare('DELETE FROM staff_sessions WHERE id_hash = ?');
    this.removeSessionsOf = db.prepare('DELETE FROM staff_sessions WHERE staff_id = ?');
    this.purgeSessions = db.prepare('DELETE FROM staff_sessions WHERE expires_at <= @now OR last_seen_at < @idleCutoff');
    this.countOnline = db.prepare<{ activeSince: number; now: number }, { queue_id: string; n: number }>(
      `SELECT q.queue_id, COUNT(DISTINCT s.staff_id) AS n
         FROM staff_sessions s
         JOIN staff_accounts a ON a.id = s.staff_id AND a.disabled = 0
         JOIN staff_queues q ON q.staff_id = s.staff_id
        WHERE s.last_seen_at >= @activeSince AND s.expires_at > @now
        GROUP BY q.queue_id`,
    );
  }

  async createAccount(account: NewStaffAccount, now: Date): Promise<StaffAccount> {
    try {
      this.db
        .transaction(() => {
          this.insertAccount.run({
            id: account.id,
            username: account.username,
            displayName: account.displayName,
            role: account.role,
            passwordHash: account.passwordHash,
            now: now.getTime(),
          });
          for (const queue of account.queues) this.insertQueue.run(account.id, queue);
        })
        .immediate();
    } catch (cause) {
      if (isUniqueViolation(cause)) throw new DuplicateUsernameError();
      throw new StorageUnavailableError('could not create the staff account', { cause });
    }
    const created = await this.getAccount(account.id);
    if (!created) throw new StorageUnavailableError('staff account vanished after creation');
    return created;
  }

  async getAccount(staffId: string): Promise<StaffAccount | undefined> {
    const row = this.selectById.get(staffId);
    return row ? this.toAccount(row) : undefined;
  }

  async findCredentials(username: string): Promise<StaffCredentials | undefined> {
    const row = this.selectByUsername.get(username);
    if (!row) return undefined;
    return {
      ...this.toAccount(row),
      passwordHash: row.password_hash,
      failedLogins: row.failed_logins,
      lockedUntil: row.locked_until === null ? undefined : new Date(row.locked_until),
    };
  }

  async setQueues(staffId: string, queues: readonly string[], now: Date): Promise<void> {
    this.db
      .transaction(() => {
        if (this.updateTouched.run({ id: staffId, now: now.getTime() }).changes === 0) throw new UnknownStaffError();
        this.deleteQueues.run(staffId);
        for (const queue of queues) this.insertQueue.run(staffId, queue);
      })
      .immediate();
  }

  async setRole(staffId: string, role: StaffRole, now: Date): Promise<void> {
    const { changes } = this.db.prepare('UPDATE staff_accounts SET role = ?, updated_at = ? WHERE id = ?').run(role, now.getTime(), staffId);
    if (changes === 0) throw new UnknownStaffError();
  }

  async setDisabled(staffId: string, disabled: boolean, now: Date): Promise<void> {
    this.db
      .transaction(() => {
        if (this.updateDisabled.run({ id: staffId, disabled: disabled ? 1 : 0, now: now.getTime() }).changes === 0) throw new UnknownStaffError();
        if (disabled) this.removeSessionsOf.run(staffId);
      })
      .immediate();
  }

  async recordFailedLogin(staffId: string, maxFailures: number, lockedUntil: Date, now: Date): Promise<{ locked: boolean }> {
    const row = this.failLogin.get({ id: staffId, max: maxFailures, lockedUntil: lockedUntil.getTime(), now: now.getTime() }) as
      | { locked: number | null }
      | undefined;
    return { locked: row?.locked === 1 };
  }

  async recordSuccessfulLogin(staffId: string, now: Date): Promise<void> {
    this.succeedLogin.run({ id: staffId, now: now.getTime() });
  }

  async createSession(session: StaffSessionRecord): Promise<void> {
    this.insertSession.run({
      idHash: session.idHash,
      staffId: session.staffId,
      csrfToken: session.csrfToken,
      createdAt: session.createdAt.getTime(),
      lastSeenAt: session.lastSeenAt.getTime(),
      expiresAt: session.expiresAt.getTime(),
    });
  }

  async findSession(idHash: string): Promise<{ session: StaffSessionRecord; account: StaffAccount } | undefined> {
    const row = this.selectSession.get(idHash);
    if (!row) return undefined;
    const account = await this.getAccount(row.staff_id);
    if (!account) return undefined;
    return {
      account,
      session: {
        idHash: row.id_hash,
        staffId: row.staff_id,
        csrfToken: row.csrf_token,
        createdAt: new Date(row.created_at),
        lastSeenAt: new Date(row.last_seen_at),
        expiresAt: new Date(row.expires_at),
      },
    };
  }

  async touchSession(idHash: string, now: Date): Promise<void> {
    this.updateSessionSeen.run({ idHash, now: now.getTime() });
  }

  async deleteSession(idHash: string): Promise<void> {
    this.removeSession.run(idHash);
  }

  async purgeExpiredSessions(idleCutoff: Date, now: Date): Promise<number> {
    return this.purgeSessions.run({ idleCutoff: idleCutoff.getTime(), now: now.getTime() }).changes;
  }

  async onlineCountsByQueue(activeSince: Date, now: Date): Promise<Record<string, number>> {
    const counts: Record<string, number> = {};
    for (const row of this.countOnline.all({ activeSince: activeSince.getTime(), now: now.getTime() })) counts[row.queue_id] = row.n;
    return counts;
  }

  async lastSeenByStaff(staffIds: readonly string[], now: Date): Promise<Map<string, Date>> {
    const rows = this.db
      .prepare<[string, number], { staff_id: string; seen: number }>(
        'SELECT staff_id, MAX(last_seen_at) AS seen FROM staff_sessions WHERE staff_id IN (SELECT value FROM json_each(?)) AND expires_at > ? GROUP BY staff_id',
      )
      .all(JSON.stringify(staffIds), now.getTime());
    return new Map(rows.map((row) => [row.staff_id, new Date(row.seen)]));
  }

  private toAccount(row: AccountRow): StaffAccount {
    // Roles are validated on the way in; a row edited by hand to an unknown role is refused here.
    if (!isStaffRole(row.role)) throw new StorageUnavailableError(`staff account has an unknown role`);
    return {
      id: row.id,
      username: row.username,
      displayName: row.display_name,
      role: row.role,
      queues: this.selectQueues.all(row.id).map((q) => q.queue_id),
      disabled: row.disabled === 1,
      createdAt: new Date(row.created_at),
    };
  }
}

// Duck-typed, not `instanceof Error`: better-sqlite3's SqliteError may come from another realm
// (a native module is loaded once per process, e.g. under jest).
function isUniqueViolation(error: unknown): boolean {
  return typeof error === 'object' && error !== null && 'code' in error && error.code === 'SQLITE_CONSTRAINT_UNIQUE';
}
