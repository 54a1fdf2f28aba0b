import path from 'node:path';
import { StorageUnavailableError } from '../../errors';
import type { LuotsiDatabase } from '../database';
import { openSqlite } from './openSqlite';
import { SqliteActivityLog } from './sqliteActivityLog';
import { SqliteBlobStore } from './sqliteBlobStore';
import { SqliteBotState } from './sqliteBotState';
import { SqliteHandoffStore } from './sqliteHandoffStore';
import { SqliteStaffStore } from './sqliteStaffStore';

/** File name of the embedded database inside the data directory. */
export const SQLITE_FILE = 'luotsi.db';

/** Opens the embedded SQLite database under `dataDir` (or in memory for ':memory:'). */
export function openSqliteDatabase(dataDir: string | ':memory:'): LuotsiDatabase {
  const db = openSqlite(dataDir === ':memory:' ? ':memory:' : path.join(dataDir, SQLITE_FILE));
  return {
    kind: 'sqlite',
    botState: new SqliteBotState(db),
    activityLog: new SqliteActivityLog(db),
    blobStore: new SqliteBlobStore(db),
    handoff: new SqliteHandoffStore(db),
    staff: new SqliteStaffStore(db),
    async ping() {
      try {
        db.prepare('SELECT 1').get();
      } catch (cause) {
        throw new StorageUnavailableError('database did not answer', { cause });
      }
    },
    async close() {
      if (db.open) db.close();
    },
  };
}
