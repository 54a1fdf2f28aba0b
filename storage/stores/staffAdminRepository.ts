import { auditEntryOf, type AdminAuditEntry, type StaffAdminStore } from '../../staff/adminStore';
import { UnknownStaffError } from '../../staff/staffErrors';
import type { StaffAccount, StaffStore } from '../../staff/staffStore';
import { byCodePoint, changedRows, storedTextList, textListOf, type QueryDb } from '../query/queryDb';

/** The admin console's part of the staff store, on the query layer. */
export class StaffAdminRepository implements StaffAdminStore {
  constructor(
    private readonly db: QueryDb,
    private readonly staff: StaffStore,
  ) {}

  async listAccounts(): Promise<StaffAccount[]> {
    const rows = await this.db.kysely.selectFrom('staff_accounts').select('id').orderBy(byCodePoint(this.db, 'username')).execute();
    const accounts = await Promise.all(rows.map((row) => this.staff.getAccount(row.id)));
    return accounts.filter((a): a is StaffAccount => a !== undefined);
  }

  async setPasswordHash(staffId: string, passwordHash: string, now: Date): Promise<void> {
    await this.db.kysely.transaction().execute(async (tx) => {
      const updated = await tx
        .updateTable('staff_accounts')
        .set({ password_hash: passwordHash, failed_logins: 0, locked_until: null, updated_at: now.getTime() })
        .where('id', '=', staffId)
        .executeTakeFirst();
      if (changedRows(updated) === 0) throw new UnknownStaffError();
      await tx.deleteFrom('staff_sessions').where('staff_id', '=', staffId).execute();
    });
  }

  async appendAudit(entry: AdminAuditEntry): Promise<void> {
    await this.db.kysely
      .insertInto('staff_admin_audit')
      .values({
        at: entry.at.getTime(),
        actor_id: entry.actorId,
        action: entry.action,
        target_id: entry.targetId,
        role: entry.role ?? null,
        queues: entry.queues ? storedTextList(this.db, entry.queues) : null,
      })
      .execute();
  }

  async listAudit(limit: number): Promise<AdminAuditEntry[]> {
    const rows = await this.db.kysely
      .selectFrom('staff_admin_audit')
      .select(['at', 'actor_id', 'action', 'target_id', 'role', 'queues'])
      .orderBy('seq', 'desc')
      .limit(limit)
      .execute();
    return rows.map((row) => auditEntryOf(row.at, row.actor_id, row.action, row.target_id, row.role, row.queues === null ? null : textListOf(row.queues)));
  }
}
