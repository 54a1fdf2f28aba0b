import { sql } from 'kysely';
import { isStaffRole, type StaffRole } from '../../staff/roles';
import { DuplicateUsernameError, UnknownStaffError } from '../../staff/staffErrors';
import type { NewStaffAccount, StaffAccount, StaffCredentials, StaffSessionRecord, StaffStore } from '../../staff/staffStore';
import { StorageUnavailableError } from '../../errors';
import { changedRows, flagOf, greatest, isUniqueViolation, storedFlag, textListAgg, textListOf, type QueryDb } from '../query/queryDb';
import type { StoredFlag, StoredTextList } from '../query/tables';

interface AccountRow {
  id: string;
  username: string;
  display_name: string;
  role: string;
  password_hash: string;
  failed_logins: number;
  locked_until: number | null;
  disabled: StoredFlag;
  created_at: number;
  queues: StoredTextList | null;
}

// Named in the PostgreSQL DDL so a duplicate username can be told from other violations.
const USERNAME_CONSTRAINT = 'staff_accounts_username_unique';

/** Staff accounts and sessions, on the query layer. */
export class StaffRepository implements StaffStore {
  constructor(private readonly db: QueryDb) {}

  async createAccount(account: NewStaffAccount, now: Date): Promise<StaffAccount> {
    try {
      await this.db.kysely.transaction().execute(async (tx) => {
        await tx
          .insertInto('staff_accounts')
          .values({
            id: account.id,
            username: account.username,
            display_name: account.displayName,
            role: account.role,
            password_hash: account.passwordHash,
            created_at: now.getTime(),
            updated_at: now.getTime(),
          })
          .execute();
        await insertQueues(tx, account.id, account.queues);
      });
    } catch (cause) {
      if (isUniqueViolation(this.db, cause, USERNAME_CONSTRAINT)) throw new DuplicateUsernameError();
      if (cause instanceof StorageUnavailableError) throw cause;
      throw new StorageUnavailableError('could not create the staff account', { cause });
    }
    const created = await this.getAccount(account.id);
    if (!created) throw new StorageUnavailableError('staff account vanished after creation');
    return created;
  }

  async getAccount(staffId: string): Promise<StaffAccount | undefined> {
    const row = await this.accounts().where('a.id', '=', staffId).executeTakeFirst();
    return row ? toAccount(row) : undefined;
  }

  async findCredentials(username: string): Promise<StaffCredentials | undefined> {
    const row = await this.accounts().where('a.username', '=', username).executeTakeFirst();
    if (!row) return undefined;
    return {
      ...toAccount(row),
      passwordHash: row.password_hash,
      failedLogins: row.failed_logins,
      lockedUntil: row.locked_until === null ? undefined : new Date(row.locked_until),
    };
  }

  async setQueues(staffId: string, queues: readonly string[], now: Date): Promise<void> {
    await this.db.kysely.transaction().execute(async (tx) => {
      const touched = await tx.updateTable('staff_accounts').set({ updated_at: now.getTime() }).where('id', '=', staffId).executeTakeFirst();
      if (changedRows(touched) === 0) throw new UnknownStaffError();
      await tx.deleteFrom('staff_queues').where('staff_id', '=', staffId).execute();
      await insertQueues(tx, staffId, queues);
    });
  }

  async setRole(staffId: string, role: StaffRole, now: Date): Promise<void> {
    const updated = await this.db.kysely.updateTable('staff_accounts').set({ role, updated_at: now.getTime() }).where('id', '=', staffId).executeTakeFirst();
    if (changedRows(updated) === 0) throw new UnknownStaffError();
  }

  async setDisabled(staffId: string, disabled: boolean, now: Date): Promise<void> {
    await this.db.kysely.transaction().execute(async (tx) => {
      const updated = await tx
        .updateTable('staff_accounts')
        .set({ disabled: storedFlag(this.db, disabled), updated_at: now.getTime() })
        .where('id', '=', staffId)
        .executeTakeFirst();
      if (changedRows(updated) === 0) throw new UnknownStaffError();
      if (disabled) await tx.deleteFrom('staff_sessions').where('staff_id', '=', staffId).execute();
    });
  }

  async recordFailedLogin(staffId: string, maxFailures: number, lockedUntil: Date, now: Date): Promise<{ locked: boolean }> {
    // One statement, so concurrent failures cannot both read the same count: SET reads the old
    // row (on PostgreSQL the row lock makes the second re-evaluate against the first's result).
    const until = lockedUntil.getTime();
    const row = await this.db.kysely
      .updateTable('staff_accounts')
      .set({
        failed_logins: sql<number>`CASE WHEN failed_logins + 1 >= ${maxFailures} THEN 0 ELSE failed_logins + 1 END`,
        locked_until: sql<number | null>`CASE WHEN failed_logins + 1 >= ${maxFailures} THEN ${until} ELSE locked_until END`,
        updated_at: now.getTime(),
      })
      .where('id', '=', staffId)
      .returning(sql<StoredFlag | null>`locked_until = ${until}`.as('locked'))
      .executeTakeFirst();
    return { locked: flagOf(row?.locked ?? null) };
  }

  async recordSuccessfulLogin(staffId: string, now: Date): Promise<void> {
    await this.db.kysely
      .updateTable('staff_accounts')
      .set({ failed_logins: 0, locked_until: null, updated_at: now.getTime() })
      .where('id', '=', staffId)
      .execute();
  }

  async createSession(session: StaffSessionRecord): Promise<void> {
    await this.db.kysely
      .insertInto('staff_sessions')
      .values({
        id_hash: session.idHash,
        staff_id: session.staffId,
        csrf_token: session.csrfToken,
        created_at: session.createdAt.getTime(),
        last_seen_at: session.lastSeenAt.getTime(),
        expires_at: session.expiresAt.getTime(),
      })
      .execute();
  }

  async findSession(idHash: string): Promise<{ session: StaffSessionRecord; account: StaffAccount } | undefined> {
    const row = await this.db.kysely
      .selectFrom('staff_sessions')
      .select(['id_hash', 'staff_id', 'csrf_token', 'created_at', 'last_seen_at', 'expires_at'])
      .where('id_hash', '=', idHash)
      .executeTakeFirst();
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
    await this.db.kysely
      .updateTable('staff_sessions')
      .set({ last_seen_at: greatest(this.db, sql.ref<number>('last_seen_at'), now.getTime()) })
      .where('id_hash', '=', idHash)
      .execute();
  }

  async deleteSession(idHash: string): Promise<void> {
    await this.db.kysely.deleteFrom('staff_sessions').where('id_hash', '=', idHash).execute();
  }

  async purgeExpiredSessions(idleCutoff: Date, now: Date): Promise<number> {
    const deleted = await this.db.kysely
      .deleteFrom('staff_sessions')
      .where((eb) => eb.or([eb('expires_at', '<=', now.getTime()), eb('last_seen_at', '<', idleCutoff.getTime())]))
      .executeTakeFirst();
    return changedRows(deleted);
  }

  async onlineCountsByQueue(activeSince: Date, now: Date): Promise<Record<string, number>> {
    const rows = await this.db.kysely
      .selectFrom('staff_sessions as s')
      .innerJoin('staff_accounts as a', (join) => join.onRef('a.id', '=', 's.staff_id').on('a.disabled', '=', storedFlag(this.db, false)))
      .innerJoin('staff_queues as q', 'q.staff_id', 's.staff_id')
      .select((eb) => ['q.queue_id', eb.fn.count<number>('s.staff_id').distinct().as('n')])
      .where('s.last_seen_at', '>=', activeSince.getTime())
      .where('s.expires_at', '>', now.getTime())
      .groupBy('q.queue_id')
      .execute();
    const counts: Record<string, number> = {};
    for (const row of rows) counts[row.queue_id] = Number(row.n);
    return counts;
  }

  async lastSeenByStaff(staffIds: readonly string[], now: Date): Promise<Map<string, Date>> {
    // `IN ()` is not SQL: an empty list asks nothing.
    if (staffIds.length === 0) return new Map();
    const rows = await this.db.kysely
      .selectFrom('staff_sessions')
      .select((eb) => ['staff_id', eb.fn.max('last_seen_at').as('seen')])
      .where('staff_id', 'in', [...staffIds])
      .where('expires_at', '>', now.getTime())
      .groupBy('staff_id')
      .execute();
    return new Map(rows.map((row) => [row.staff_id, new Date(row.seen)]));
  }

  // The account with its queues in one statement, so both are from one snapshot.
  private accounts() {
    return this.db.kysely
      .selectFrom('staff_accounts as a')
      .select(['a.id', 'a.username', 'a.display_name', 'a.role', 'a.password_hash', 'a.failed_logins', 'a.locked_until', 'a.disabled', 'a.created_at'])
      .select((eb) =>
        eb.selectFrom('staff_queues as q').select(textListAgg(this.db, 'q.queue_id').as('list')).whereRef('q.staff_id', '=', 'a.id').as('queues'),
      );
  }
}

async function insertQueues(tx: QueryDb['kysely'], staffId: string, queues: readonly string[]): Promise<void> {
  if (queues.length === 0) return;
  // Duplicates in the list are ignored.
  await tx
    .insertInto('staff_queues')
    .values(queues.map((queue) => ({ staff_id: staffId, queue_id: queue })))
    .onConflict((conflict) => conflict.doNothing())
    .execute();
}

function toAccount(row: AccountRow): StaffAccount {
  // Roles are validated on the way in; a row edited by hand to an unknown role is refused here.
  if (!isStaffRole(row.role)) throw new StorageUnavailableError(`staff account has an unknown role`);
  return {
    id: row.id,
    username: row.username,
    displayName: row.display_name,
    role: row.role,
    queues: textListOf(row.queues),
    disabled: flagOf(row.disabled),
    createdAt: new Date(row.created_at),
  };
}
