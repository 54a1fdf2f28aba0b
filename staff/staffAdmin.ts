// The administrator's use cases (the console's admin view): the same rules as
// `npm run staff:add` (staff/accounts.ts), and every change written to the admin audit log.
import { ForbiddenError } from '../errors';
import { createStaffAccount, validateQueues, type StaffAccountInput } from './accounts';
import type { AdminAuditEntry, StaffAdminStore } from './adminStore';
import { assertPasswordPolicy, hashPassword, type ScryptParams } from './passwords';
import { UnknownStaffError } from './staffErrors';
import type { StaffAccount, StaffStore } from './staffStore';

/** Admin audit entries the console shows at most. */
export const ADMIN_AUDIT_LIMIT = 200;

/** An administrator tried to disable their own account (they would lock themselves out). */
export class SelfLockoutError extends ForbiddenError {
  constructor() {
    super('an administrator cannot disable their own account', 'SelfLockout');
  }
}

/** Account administration for one service. */
export class StaffAdmin {
  constructor(
    private readonly staff: StaffStore,
    private readonly admin: StaffAdminStore,
    private readonly knownQueueIds: readonly string[],
    private readonly scryptParams?: ScryptParams,
  ) {}

  /** Every account, by username. */
  list(): Promise<StaffAccount[]> {
    return this.admin.listAccounts();
  }

  /** Creates an account with a first password. */
  async create(actorId: string, input: StaffAccountInput, password: string, now: Date): Promise<StaffAccount> {
    const account = await createStaffAccount(this.staff, input, password, this.knownQueueIds, now, this.scryptParams);
    await this.audit({ at: now, actorId, action: 'account_create', targetId: account.id, role: account.role, queues: account.queues });
    return account;
  }

  /** Disables (ending its sessions) or re-enables an account. */
  async setDisabled(actorId: string, staffId: string, disabled: boolean, now: Date): Promise<StaffAccount> {
    if (disabled && staffId === actorId) throw new SelfLockoutError();
    await this.staff.setDisabled(staffId, disabled, now);
    await this.audit({ at: now, actorId, action: disabled ? 'account_disable' : 'account_enable', targetId: staffId });
    return this.account(staffId);
  }

  /** Sets a new password (the policy of staff:add); the account's sessions end and any lock is lifted. */
  async resetPassword(actorId: string, staffId: string, password: string, now: Date): Promise<StaffAccount> {
    const account = await this.account(staffId);
    assertPasswordPolicy(password, account.username);
    await this.admin.setPasswordHash(staffId, await hashPassword(password, this.scryptParams), now);
    await this.audit({ at: now, actorId, action: 'password_reset', targetId: staffId });
    return account;
  }

  /** Replaces the account's queues (known queues only, at least one). */
  async setQueues(actorId: string, staffId: string, queues: readonly string[], now: Date): Promise<StaffAccount> {
    const valid = validateQueues(queues, this.knownQueueIds);
    await this.staff.setQueues(staffId, valid, now);
    await this.audit({ at: now, actorId, action: 'queues_set', targetId: staffId, queues: valid });
    return this.account(staffId);
  }

  /** The newest admin audit entries first. */
  auditLog(): Promise<AdminAuditEntry[]> {
    return this.admin.listAudit(ADMIN_AUDIT_LIMIT);
  }

  private async account(staffId: string): Promise<StaffAccount> {
    const found = await this.staff.getAccount(staffId);
    if (!found) throw new UnknownStaffError();
    return found;
  }

  private audit(entry: AdminAuditEntry): Promise<void> {
    return this.admin.appendAudit(entry);
  }
}
