import { StorageUnavailableError } from '../../errors';
import { PgDb } from '../../storage/postgres/pgClient';
import { migratePostgres } from '../../storage/postgres/pgMigrations';
import { postgresKysely } from '../../storage/query/pgKysely';
import { freePort } from '../../bench/freePort';
import { dropSchema, freshSchema, testPostgresUrl } from '../support/testDatabase';

describe('the query layer on PostgreSQL', () => {
  it('reads BIGINT columns as numbers, in the PgDb schema, after the migrations', async () => {
    const schema = freshSchema();
    const db = new PgDb({ url: testPostgresUrl(), schema, poolSize: 2, connectTimeoutMs: 5000 }, () => undefined);
    db.setReady(migratePostgres(db.pool, schema).then(() => undefined));
    const kysely = postgresKysely(db);
    try {
      await kysely
        .insertInto('staff_admin_audit')
        .values({ at: 1_764_669_600_123, actor_id: 'a', action: 'queues_set', target_id: 't', role: null, queues: ['b', 'a'] })
        .execute();
      const rows = await kysely.selectFrom('staff_admin_audit').select(['seq', 'at', 'queues']).execute();
      expect(rows).toEqual([{ seq: 1, at: 1_764_669_600_123, queues: ['b', 'a'] }]);
    } finally {
      await db.close();
      await dropSchema(testPostgresUrl(), schema);
    }
  });

  it('answers StorageUnavailableError when the server cannot be reached', async () => {
    const port = await freePort();
    const db = new PgDb({ url: `postgres://luotsi@127.0.0.1:${port}/luotsi`, schema: 's', poolSize: 1, connectTimeoutMs: 1000 }, () => undefined);
    const kysely = postgresKysely(db);
    try {
      await expect(kysely.selectFrom('handoff_cases').select('id').execute()).rejects.toBeInstanceOf(StorageUnavailableError);
    } finally {
      await db.close();
    }
  });
});
