import { isStaffRole, type StaffRole } from '../../staff/roles';
import { DuplicateUsernameError, UnknownStaffError } from '../../staff/staffErrors';
import type { NewStaffAccount, StaffAccount, StaffCredentials, StaffSessionRecord, StaffStore } from '../../staff/staffStore';
import { StorageUnavailableError } from '../../errors';
import type { PgDb, PgQueryable } from './pgClient';

interface AccountRow {
  id: string;
  username: string;
  display_name: string;
  role: string;
  password_hash: string;
  failed_logins: number;
  locked_until: number | null;
  disabled: boolean;
  created_at: number;
  queues: string[];
}

interface SessionRow {
  id_hash: string;
  staff_id: string;
  csrf_token: string;
  created_at: number;
  last_seen_at: number;
  expires_at: number;
}

// Queues come with the account in one statement, so both are from one snapshot. COLLATE "C"
// sorts them by code point, as SQLite's default BINARY collation does.
const ACCOUNT_SELECT = `SELECT a.id, a.username, a.display_name, a.role, a.password_hash, a.failed_logins, a.locked_until, a.disabled, a.created_at,
  COALESCE((SELECT array_agg(q.queue_id ORDER BY q.queue_id COLLATE "C") FROM staff_queues q WHERE q.staff_id = a.id), '{}') AS queues
  FROM staff_accounts a`;

const USERNAME_CONSTRAINT = 'staff_accounts_username_unique';

/** Staff accounts and sessions in PostgreSQL. */
export class PgStaffStore implements StaffStore {
  constructor(private readonly db: PgDb) {}

  async createAccount(account: NewStaffAccount, now: Date): Promise<StaffAccount> {
    try {
      await this.db.transaction(async (tx) => {
        await tx.query(
          `INSERT INTO staff_accounts (id, username, display_name, role, password_hash, created_at, updated_at)
           VALUES ($1, $2, $3, $4, $5, $6, $6)`,
          [account.id, account.username, account.displayName, account.role, account.passwordHash, now.getTime()],
        );
        await insertQueues(tx, account.id, account.queues);
      });
    } catch (cause) {
      if (isUsernameViolation(cause)) throw new DuplicateUsernameError();
      if (cause instanceof StorageUnavailableError) throw cause;
      throw new StorageUnavailableError('could not create the staff account', { cause });
    }
    const created = await this.getAccount(account.id);
    if (!created) throw new StorageUnavailableError('staff account vanished after creation');
    return created;
  }

  async getAccount(staffId: string): Promise<StaffAccount | undefined> {
    const { rows } = await this.db.query<AccountRow>(`${ACCOUNT_SELECT} WHERE a.id = $1`, [staffId]);
    return rows[0] ? toAccount(rows[0]) : undefined;
  }

  async findCredentials(username: string): Promise<StaffCredentials | undefined> {
    const { rows } = await this.db.query<AccountRow>(`${ACCOUNT_SELECT} WHERE a.username = $1`, [username]);
    const row = rows[0];
    if (!row) return undefined;
    return {
      ...toAccount(row),
      passwordHash: row.password_hash,
      failedLogins: row.failed_logins,
      lockedUntil: row.locked_until === null ? undefined : new Date(row.locked_until),
    };
  }

  async setQueues(staffId: string, queues: readonly string[], now: Date): Promise<void> {
    await this.db.transaction(async (tx) => {
      const { rowCount } = await tx.query('UPDATE staff_accounts SET updated_at = $2 WHERE id = $1', [staffId, now.getTime()]);
      if (rowCount === 0) throw new UnknownStaffError();
      await tx.query('DELETE FROM staff_queues WHERE staff_id = $1', [staffId]);
      await insertQueues(tx, staffId, queues);
    });
  }

  async setRole(staffId: string, role: StaffRole, now: Date): Promise<void> {
    const { rowCount } = await this.db.query('UPDATE staff_accounts SET role = $2, updated_at = $3 WHERE id = $1', [staffId, role, now.getTime()]);
    if (rowCount === 0) throw new UnknownStaffError();
  }

  async setDisabled(staffId: string, disabled: boolean, now: Date): Promise<void> {
    await this.db.transaction(async (tx) => {
      const { rowCount } = await tx.query('UPDATE staff_accounts SET disabled = $2, updated_at = $3 WHERE id = $1', [staffId, disabled, now.getTime()]);
      if (rowCount === 0) throw new UnknownStaffError();
      if (disabled) await tx.query('DELETE FROM staff_sessions WHERE staff_id = $1', [staffId]);
    });
  }

  async recordFailedLogin(staffId: string, maxFailures: number, lockedUntil: Date, now: Date): Promise<{ locked: boolean }> {
    // One statement, so concurrent failures cannot both read the same count: the row lock makes
    // the second re-evaluate SET against the first one's result.
    const { rows } = await this.db.query<{ locked: boolean | null }>(
      `UPDATE staff_accounts SET
         failed_logins = CASE WHEN failed_logins + 1 >= $2 THEN 0 ELSE failed_logins + 1 END,
         locked_until = CASE WHEN failed_logins + 1 >= $2 THEN $3::bigint ELSE locked_until END,
         updated_at = $4
       WHERE id = $1
       RETURNING locked_until = $3::bigint AS locked`,
      [staffId, maxFailures, lockedUntil.getTime(), now.getTime()],
    );
    return { locked: rows[0]?.locked === true };
  }

  async recordSuccessfulLogin(staffId: string, now: Date): Promise<void> {
    await this.db.query('UPDATE staff_accounts SET failed_logins = 0, locked_until = NULL, updated_at = $2 WHERE id = $1', [staffId, now.getTime()]);
  }

  async createSession(session: StaffSessionRecord): Promise<void> {
    await this.db.query(
      `INSERT INTO staff_sessions (id_hash, staff_id, csrf_token, created_at, last_seen_at, expires_at)
       VALUES ($1, $2, $3, $4, $5, $6)`,
      [
        session.idHash,
        session.staffId,
        session.csrfToken,
        session.createdAt.getTime(),
        session.lastSeenAt.getTime(),
        session.expiresAt.getTime(),
      ],
    );
  }

  async findSession(idHash: string): Promise<{ session: StaffSessionRecord; account: StaffAccount } | undefined> {
    const { rows } = await this.db.query<SessionRow>(
      'SELECT id_hash, staff_id, csrf_token, created_at, last_seen_at, expires_at FROM staff_sessions WHERE id_hash = $1',
      [idHash],
    );
    const row = rows[0];
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
    await this.db.query('UPDATE staff_sessions SET last_seen_at = GREATEST(last_seen_at, $2) WHERE id_hash = $1', [idHash, now.getTime()]);
  }

  async deleteSession(idHash: string): Promise<void> {
    await this.db.query('DELETE FROM staff_sessions WHERE id_hash = $1', [idHash]);
  }

  async purgeExpiredSessions(idleCutoff: Date, now: Date): Promise<number> {
    const { rowCount } = await this.db.query('DELETE FROM staff_sessions WHERE expires_at <= $2 OR last_seen_at < $1', [
      idleCutoff.getTime(),
      now.getTime(),
    ]);
    return rowCount;
  }

  async onlineCountsByQueue(activeSince: Date, now: Date): Promise<Record<string, number>> {
    const { rows } = await this.db.query<{ queue_id: string; n: number }>(
      `SELECT q.queue_id, COUNT(DISTINCT s.staff_id) AS n
         FROM staff_sessions s
         JOIN staff_accounts a ON a.id = s.staff_id AND NOT a.disabled
         JOIN staff_queues q ON q.staff_id = s.staff_id
        WHERE s.last_seen_at >= $1 AND s.expires_at > $2
        GROUP BY q.queue_id`,
      [activeSince.getTime(), now.getTime()],
    );
    const counts: Record<string, number> = {};
    for (const row of rows) counts[row.queue_id] = row.n;
    return counts;
  }

  async lastSeenByStaff(staffIds: readonly string[], now: Date): Promise<Map<string, Date>> {
    const { rows } = await this.db.query<{ staff_id: string; seen: number }>(
      'SELECT staff_id, MAX(last_seen_at) AS seen FROM staff_sessions WHERE staff_id = ANY($1::text[]) AND expires_at > $2 GROUP BY staff_id',
      [[...staffIds], now.getTime()],
    );
    return new Map(rows.map((row) => [row.staff_id, new Date(row.seen)]));
  }
}

async function insertQueues(tx: PgQueryable, staffId: string, queues: readonly string[]): Promise<void> {
  if (queues.length === 0) return;
  // Duplicates in the list are ignored, as SQLite's INSERT OR IGNORE does.
  await tx.query('INSERT INTO staff_queues (staff_id, queue_id) SELECT $1, unnest($2::text[]) ON CONFLICT DO NOTHING', [staffId, [...queues]]);
}

function toAccount(row: AccountRow): StaffAccount {
  // Roles are validated on the way in; a row edited by hand to an unknown role is refused here.
  if (!isStaffRole(row.role)) throw new StorageUnavailableError(`staff account has an unknown role`);
  return {
    id: row.id,
    username: row.username,
    displayName: row.display_name,
    role: row.role,
    queues: row.queues,
    disabled: row.disabled,
    createdAt: new Date(row.created_at),
  };
}

function isUsernameViolation(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const { code, constraint } = error as { code?: unknown; constraint?: unknown };
  return code === '23505' && constraint === USERNAME_CONSTRAINT;
}
