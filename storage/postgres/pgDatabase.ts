import { StorageUnavailableError } from '../../errors';
import type { LuotsiDatabase } from '../database';
import { PgDb, type PgSettings } from './pgClient';
import { PgCoordination } from './pgCoordination';
import { migratePostgres } from './pgMigrations';
import { PgActivityLog } from './pgActivityLog';
import { PgBlobStore } from './pgBlobStore';
import { PgBotState } from './pgBotState';
import { PgHandoffStore } from './pgHandoffStore';
import { PgStaffStore } from './pgStaffStore';
import { systemClock, type Clock } from '../../clock';

/**
 * Opens the PostgreSQL backend. Returns at once; migrations run in the background and every
 * query waits for them (`ready()` reports their outcome), so composition stays synchronous.
 */
export function openPostgresDatabase(settings: PgSettings, onBackgroundError: (error: unknown) => void, clock: Clock = systemClock): LuotsiDatabase {
  const db = new PgDb(settings, onBackgroundError);
  db.setReady(migratePostgres(db.pool, settings.schema, undefined, clock).then(() => undefined));
  const coordination = new PgCoordination(db, settings, onBackgroundError);
  const botState = new PgBotState(db, clock);
  const activityLog = new PgActivityLog(db);
  return {
    kind: 'postgres',
    botState,
    activityLog,
    blobStore: new PgBlobStore(db, clock),
    handoff: new PgHandoffStore(db),
    staff: new PgStaffStore(db),
    coordination,
    commitTurn: (conversationId, state, replies, now) =>
      db.transaction(async (tx) => {
        if (state) await botState.writeIn(tx, state);
        const logged = [];
        for (const reply of replies) logged.push(await activityLog.appendIn(tx, conversationId, reply, now));
        return logged;
      }),
    ready: () => db.ready,
    poolUse: () => ({ total: db.pool.totalCount, idle: db.pool.idleCount, waiting: db.pool.waitingCount }),
    async ping() {
      try {
        await db.query('SELECT 1');
      } catch (cause) {
        throw cause instanceof StorageUnavailableError ? cause : new StorageUnavailableError('database did not answer', { cause });
      }
    },
    async close() {
      await coordination.close();
      await db.close();
    },
  };
}
