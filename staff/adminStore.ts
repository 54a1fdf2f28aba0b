import type { StaffAccount } from './staffStore';

/** What an administrator did to an account; the audit log names these codes. */
export const ADMIN_ACTIONS = ['account_create', 'account_disable', 'account_enable', 'password_reset', 'queues_set'] as const;

/** One of ADMIN_ACTIONS. */
export type AdminAction = (typeof ADMIN_ACTIONS)[number];

/**
 * One audited administrator action. Ids and codes only (staff ids, a role, queue ids): no
 * usernames, names or passwords, so the log itself holds nothing personal to erase.
 */
export interface AdminAuditEntry {
  at: Date;
  actorId: string;
  action: AdminAction;
  targetId: string;
  role?: string;
  queues?: readonly string[];
}

/** What the admin console needs beyond StaffStore: every account, password resets and the admin audit log. */
export interface StaffAdminStore {
  /** Every account, by username. */
  listAccounts(): Promise<StaffAccount[]>;
  /** Replaces the password hash, clears failed logins and any lock, and ends every session of the account. */
  setPasswordHash(staffId: string, passwordHash: string, now: Date): Promise<void>;
  appendAudit(entry: AdminAuditEntry): Promise<void>;
  /** The newest entries first, at most `limit`. */
  listAudit(limit: number): Promise<AdminAuditEntry[]>;
}

/** A stored audit row as an entry (both backends). */
export function auditEntryOf(
  at: number,
  actorId: string,
  action: string,
  targetId: string,
  role: string | null,
  queues: readonly string[] | null,
): AdminAuditEntry {
  return {
    at: new Date(at),
    actorId,
    // Written only from AdminAction values; an unknown code from a newer version stays as stored.
    action: action as AdminAction,
    targetId,
    ...(role !== null && { role }),
    ...(queues !== null && { queues }),
  };
}
