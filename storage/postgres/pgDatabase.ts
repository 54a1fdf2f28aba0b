import { StorageUnavailableError } from '../../errors';
import type { LuotsiDatabase } from '../database';
import { turnActivities } from '../activityLog';
import { PgDb, type PgSettings } from './pgClient';
import { PgCoordination } from './pgCoordination';
import { migratePostgres } from './pgMigrations';
import { PgActivityLog } from './pgActivityLog';
import { PgBlobStore } from './pgBlobStore';
import { PgBotState } from './pgBotState';
import { PgHandoffStore } from './pgHandoffStore';
import { StaffRepository } from '../stores/staffRepository';
import { StaffAdminRepository } from '../stores/staffAdminRepository';
import { CaseIdentityRepository } from '../stores/caseIdentityRepository';
import { postgresKysely } from '../query/pgKysely';
import type { QueryDb } from '../query/queryDb';
import { systemClock, type Clock } from '../../clock';

/** Tables that hold what a client or staff member may ask to have erased. */
const PERSONAL_DATA_TABLES = [
  'channel_activities',
  'channel_conversations',
  'bot_state',
  'photo_blobs',
  'handoff_cases',
  'handoff_messages',
  'handoff_feedback',
] as const;

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
  const queries: QueryDb = { kind: 'postgres', kysely: postgresKysely(db) };
  const staff = new StaffRepository(queries);
  return {
    kind: 'postgres',
    botState,
    activityLog,
    blobStore: new PgBlobStore(db, clock),
    handoff: new PgHandoffStore(db),
    staff,
    staffAdmin: new StaffAdminRepository(queries, staff),
    caseIdentity: new CaseIdentityRepository(queries),
    coordination,
    commitTurn: (conversationId, state, replies, now, answers) =>
      db.transaction(async (tx) => {
        if (state) await botState.writeIn(tx, state);
        if (typeof answers === 'number') await activityLog.markAnsweredIn(tx, conversationId, answers);
        const client = typeof answers === 'object' ? answers : undefined;
        const logged = await activityLog.appendAllIn(tx, conversationId, turnActivities(client, replies), now, client);
        // Delivered on commit and only then: no committed turn waits for a second query to be heard.
        if (logged.length > 0) await coordination.announceIn(tx, conversationId);
        return logged;
      }),
    async scrubDeleted() {
      // VACUUM cannot run in a transaction block: one statement per table on the pool. It prunes
      // the dead row versions so their space is reused; the bytes leave the files only when the
      // space is overwritten or the table is rewritten (VACUUM FULL, see README).
      for (const table of PERSONAL_DATA_TABLES) await db.query(`VACUUM ${table}`);
      return true;
    },
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
