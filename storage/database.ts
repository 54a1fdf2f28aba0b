import type { Activity, Storage, StoreItems } from 'botbuilder';
import type { ActivityLog, LoggedActivity, TurnClientActivity } from './activityLog';
import type { BlobStore } from './blobStore';
import type { Coordination } from './coordination';

/** Which backend holds the data. */
export type DatabaseKind = 'sqlite' | 'postgres';

/** Everything Luotsi keeps, behind async interfaces implemented for SQLite and PostgreSQL. */
export interface LuotsiDatabase {
  readonly kind: DatabaseKind;
  /** Bot Framework conversation and user state, with the SDK's eTag contract. */
  readonly botState: Storage & { purgeUpdatedBefore(cutoff: Date): Promise<number> };
  readonly activityLog: ActivityLog;
  /** Cleaned photos with caller-checked access. */
  readonly blobStore: BlobStore;
  readonly handoff: import('../handoff/handoffStore').HandoffStore;
  readonly staff: import('../staff/staffStore').StaffStore;
  /** Every account, password resets and the admin audit log, for the admin console. */
  readonly staffAdmin: import('../staff/adminStore').StaffAdminStore;
  /** The sealed verified identity on a case. */
  readonly caseIdentity: import('../handoff/caseIdentity').CaseIdentityStore;
  /**
   * Keeps a web channel turn in one transaction: its conversation state (eTag-checked), the
   * bot's replies, the mark that the client activity at watermark `answers` has had its answer
   * (a resend then runs no second turn), and on PostgreSQL the announcement to other instances
   * (NOTIFY is delivered on commit), so a crash or an outage never leaves one without the other.
   * `answers` may instead be the client's activity itself, not yet logged: it is then logged first,
   * marked answered, and returned first, followed by the replies.
   */
  commitTurn(
    conversationId: string,
    state: StoreItems | undefined,
    replies: readonly Omit<Partial<Activity>, 'timestamp' | 'localTimestamp'>[],
    now: Date,
    answers?: number | TurnClientActivity,
  ): Promise<LoggedActivity[]>;
  /** Locks, leader jobs and change announcements shared by every instance on this database. */
  readonly coordination: Coordination;
  /**
   * After an erasure, a staff deletion or a retention sweep: makes the deleted rows unreadable
   * from the database files as far as the service can (SQLite: zeroed pages and a truncated
   * WAL; PostgreSQL: VACUUM of the tables that hold personal data, see README). Resolves false
   * when another reader kept it from finishing; every retention sweep runs it again.
   */
  scrubDeleted(): Promise<boolean>;
  /** Resolves when the schema is up to date (migrations done); rejects if they failed. */
  ready(): Promise<void>;
  /** Resolves when the database answers a trivial query. */
  ping(): Promise<void>;
  /** Connection pool use, where there is a pool (PostgreSQL). */
  poolUse?(): { total: number; idle: number; waiting: number };
  close(): Promise<void>;
}
