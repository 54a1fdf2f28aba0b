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
import { StaffRepository } from '../stores/staffRepository';
import { StaffAdminRepository } from '../stores/staffAdminRepository';
import { CaseIdentityRepository } from '../stores/caseIdentityRepository';
import { systemClock, type Clock } from '../../clock';
import { SqliteGate, throughGate } from '../query/sqliteGate';
import { sqliteKysely } from '../query/sqliteKysely';
import type { QueryDb } from '../query/queryDb';

/** File name of the embedded database inside the data directory. */
export const SQLITE_FILE = 'luotsi.db';

/** Opens the embedded SQLite database under `dataDir` (or in memory for ':memory:'). */
export function openSqliteDatabase(dataDir: string | ':memory:', clock: Clock = systemClock): LuotsiDatabase {
  const db = openSqlite(dataDir === ':memory:' ? ':memory:' : path.join(dataDir, SQLITE_FILE), clock);
  const coordination = new LocalCoordination();
  // One connection: the stores on the query layer and those still on better-sqlite3 take turns.
  const gate = new SqliteGate();
  const queries: QueryDb = { kind: 'sqlite', kysely: sqliteKysely(db, gate) };
  const botState = new SqliteBotState(db, clock);
  const activityLog = new SqliteActivityLog(db);
  const staff = new StaffRepository(queries);
  return {
    kind: 'sqlite',
    botState: throughGate(botState, gate),
    activityLog: throughGate(activityLog, gate),
    blobStore: throughGate(new SqliteBlobStore(db, clock), gate),
    handoff: throughGate(new SqliteHandoffStore(db), gate),
    staff,
    staffAdmin: new StaffAdminRepository(queries, staff),
    caseIdentity: new CaseIdentityRepository(queries),
    coordination,
    commitTurn: (conversationId, state, replies, now, answers) =>
      gate.run(async () =>
        db
          .transaction(() => {
            if (state) botState.writeInTransaction(state);
            if (typeof answers === 'number') activityLog.markAnsweredInTransaction(conversationId, answers);
            const client = typeof answers === 'object' ? answers : undefined;
            return activityLog.appendAllInTransaction(conversationId, turnActivities(client, replies), now, client);
          })
          .immediate(),
      ),
    scrubDeleted: () => gate.run(async () => checkpointDeleted(db)),
    ready: () => Promise.resolve(),
    ping: () =>
      gate.run(async () => {
        try {
          db.prepare('SELECT 1').get();
        } catch (cause) {
          throw new StorageUnavailableError('database did not answer', { cause });
        }
      }),
    async close() {
      await coordination.close();
      // After whatever holds the connection now: a transaction in flight finishes first.
      await gate.run(async () => {
        if (db.open) db.close();
      });
    },
  };
}
