import type { Storage } from 'botbuilder';
import type { ActivityLog } from './activityLog';
import type { BlobStore } from './blobStore';

/** Everything Luotsi keeps, behind async interfaces so another backend can follow SQLite. */
export interface LuotsiDatabase {
  readonly kind: 'sqlite';
  /** Bot Framework conversation and user state, with the SDK's eTag contract. */
  readonly botState: Storage & { purgeUpdatedBefore(cutoff: Date): Promise<number> };
  readonly activityLog: ActivityLog;
  /** Cleaned photos with caller-checked access. */
  readonly blobStore: BlobStore;
  readonly handoff: import('../handoff/handoffStore').HandoffStore;
  readonly staff: import('../staff/staffStore').StaffStore;
  /** Resolves when the database answers a trivial query. */
  ping(): Promise<void>;
  close(): Promise<void>;
}
