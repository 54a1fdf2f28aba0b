import path from 'node:path';
import { StorageUnavailableError } from '../../errors';
import { LocalCoordination } from '../coordination';
import type { LuotsiDatabase } from '../database';
import { turnActivities } from '../activityLog';
import { checkpointDeleted, openSqlite } from './openSqlite';
import { SqliteActivityLog } from './sqliteActivityLog';
import { SqliteBlobStore } from './sqliteBlobStore';
import { SqliteBotState } from './sqliteBotState';
import { SqliteHandoffStore } from './sqliteHandoffStore';
import { SqliteStaffStore } from './sqliteStaffStore';
import { SqliteStaffAdminStore } from './sqliteStaffAdmin';
import { SqliteCaseIdentity } from './sqliteCaseIdentity';
import { systemClock, type Clock } from '../../clock';

/** File name of the embedded database inside the data directory. */
export const SQLITE_FILE = 'luotsi.db';

/** Opens the embedded SQLite database under `dataDir` (or in memory for ':memory:'). */
export function openSqliteDatabase(dataDir: string | ':memory:', clock: Clock = systemClock): LuotsiDatabase {
  const db = openSqlite(dataDir === ':memory:' ? ':memory:' : path.join(dataDir, SQLITE_FILE), clock);
  const coordination = new LocalCoordination();
  const botState = new SqliteBotState(db, clock);
  const activityLog = new SqliteActivityLog(db);
  const staff = new SqliteStaffStore(db);
  return {
    kind: 'sqlite',
    botState,
    activityLog,
    blobStore: new SqliteBlobStore(db, clock),
    handoff: new SqliteHandoffStore(db),
    staff,
    staffAdmin: new SqliteStaffAdminStore(db, staff),
    caseIdentity: new SqliteCaseIdentity(db),
    coordination,
    async commitTurn(conversationId, state, replies, now, answers) {
      return db
        .transaction(() => {
          if (state) botState.writeInTransaction(state);
          if (typeof answers === 'number') activityLog.markAnsweredInTransaction(conversationId, answers);
          const client = typeof answers === 'object' ? answers : undefined;
          return activityLog.appendAllInTransaction(conversationId, turnActivities(client, replies), now, client);
        })
        .immediate();
    },
    scrubDeleted: async () => checkpointDeleted(db),
    ready: () => Promise.resolve(),
    async ping() {
      try {
        db.prepare('SELECT 1').get();
      } catch (cause) {
        throw new StorageUnavailableError('database did not answer', { cause });
      }
    },
    async close() {
      await coordination.close();
      if (db.open) db.close();
    },
  };
}
