import { auditEntryOf, type AdminAuditEntry, type StaffAdminStore } from '../../staff/adminStore';
import { UnknownStaffError } from '../../staff/staffErrors';
import type { StaffAccount, StaffStore } from '../../staff/staffStore';
import type { SqliteHandle } from './openSqlite';

interface AuditRow {
  at: number;
  actor_id: string;
  action: string;
  target_id: string;
  role: string | null;
  queues: string | null;
}

/** The admin console's part of the staff store in SQLite. */
export class SqliteStaffAdminStore implements StaffAdminStore {
  constructor(
    private readonly db: SqliteHandle,
    private readonly staff: StaffStore,
  ) {}

  async listAccounts(): Promise<StaffAccount[]> {
    const ids = this.db.prepare<[], { id: string }>('SELECT id FROM staff_accounts ORDER BY username').all();
    const accounts = await Promise.all(ids.map((row) => this.staff.getAccount(row.id)));
    return accounts.filter((a): a is StaffAccount => a !== undefined);
  }

  async setPasswordHash(staffId: string, passwordHash: string, now: Date): Promise<void> {
    this.db
      .transaction(() => {
        const changed = this.db
          .prepare('UPDATE staff_accounts SET password_hash = ?, failed_logins = 0, locked_until = NULL, updated_at = ? WHERE id = ?')
          .run(passwordHash, now.getTime(), staffId).changes;
        if (changed === 0) throw new UnknownStaffError();
        this.db.prepare('DELETE FROM staff_sessions WHERE staff_id = ?').run(staffId);
      })
      .immediate();
  }

  async appendAudit(entry: AdminAuditEntry): Promise<void> {
    this.db
      .prepare('INSERT INTO staff_admin_audit (at, actor_id, action, target_id, role, queues) VALUES (?, ?, ?, ?, ?, ?)')
      .run(entry.at.getTime(), entry.actorId, entry.action, entry.targetId, entry.role ?? null, entry.queues ? JSON.stringify(entry.queues) : null);
  }

  async listAudit(limit: number): Promise<AdminAuditEntry[]> {
    const rows = this.db.prepare<[number], AuditRow>('SELECT at, actor_id, action, target_id, role, queues FROM staff_admin_audit ORDER BY seq DESC LIMIT ?').all(limit);
    return rows.map((row) => auditEntryOf(row.at, row.actor_id, row.action, row.target_id, row.role, row.queues === null ? null : (JSON.parse(row.queues) as string[])));
  }
}
