import { auditEntryOf, type AdminAuditEntry, type StaffAdminStore } from '../../staff/adminStore';
import { UnknownStaffError } from '../../staff/staffErrors';
import type { StaffAccount, StaffStore } from '../../staff/staffStore';
import type { PgDb } from './pgClient';

/** The admin console's part of the staff store in PostgreSQL. */
export class PgStaffAdminStore implements StaffAdminStore {
  constructor(
    private readonly db: PgDb,
    private readonly staff: StaffStore,
  ) {}

  async listAccounts(): Promise<StaffAccount[]> {
    const { rows } = await this.db.query<{ id: string }>('SELECT id FROM staff_accounts ORDER BY username COLLATE "C"');
    const accounts = await Promise.all(rows.map((row) => this.staff.getAccount(row.id)));
    return accounts.filter((a): a is StaffAccount => a !== undefined);
  }

  async setPasswordHash(staffId: string, passwordHash: string, now: Date): Promise<void> {
    await this.db.transaction(async (tx) => {
      const { rowCount } = await tx.query('UPDATE staff_accounts SET password_hash = $2, failed_logins = 0, locked_until = NULL, updated_at = $3 WHERE id = $1', [staffId, passwordHash, now.getTime()]);
      if (rowCount === 0) throw new UnknownStaffError();
      await tx.query('DELETE FROM staff_sessions WHERE staff_id = $1', [staffId]);
    });
  }

  async appendAudit(entry: AdminAuditEntry): Promise<void> {
    await this.db.query('INSERT INTO staff_admin_audit (at, actor_id, action, target_id, role, queues) VALUES ($1, $2, $3, $4, $5, $6)', [
      entry.at.getTime(),
      entry.actorId,
      entry.action,
      entry.targetId,
      entry.role ?? null,
      entry.queues ? [...entry.queues] : null,
    ]);
  }

  async listAudit(limit: number): Promise<AdminAuditEntry[]> {
    const { rows } = await this.db.query<{ at: string; actor_id: string; action: string; target_id: string; role: string | null; queues: string[] | null }>(
      'SELECT at, actor_id, action, target_id, role, queues FROM staff_admin_audit ORDER BY seq DESC LIMIT $1',
      [limit],
    );
    return rows.map((row) => auditEntryOf(Number(row.at), row.actor_id, row.action, row.target_id, row.role, row.queues));
  }
}
