import { Kysely, PostgresDialect, type PostgresPool, type PostgresPoolClient, type PostgresQueryResult } from 'kysely';
import type { PoolClient, QueryResultRow } from 'pg';
import { mapPgError, watchCheckedOut, type PgDb } from '../postgres/pgClient';
import type { LuotsiTables } from './tables';

/**
 * The PgDb's pool as Kysely's PostgresDialect sees it, with PgDb's rules: a connection waits for
 * the migrations, connection failures become StorageUnavailableError (503), a checked-out
 * connection that dies between statements is watched (pg-pool does not, and an unheard 'error'
 * would crash the process) and destroyed on release instead of going back to the pool.
 */
class LuotsiPool implements PostgresPool {
  readonly options = {};

  constructor(private readonly db: PgDb) {}

  async connect(): Promise<PostgresPoolClient> {
    await this.db.ready;
    let client: PoolClient;
    try {
      client = await this.db.pool.connect();
    } catch (error) {
      return mapPgError(error);
    }
    const held = watchCheckedOut(client);
    return {
      async query<R>(sql: string, parameters: readonly unknown[]) {
        try {
          const result = await client.query<R & QueryResultRow>(sql, parameters as unknown[]);
          // pg names the command as a string; Kysely reads it only to tell COMMIT and ROLLBACK apart.
          return { command: result.command as PostgresQueryResult<R>['command'], rowCount: result.rowCount ?? 0, rows: result.rows };
        } catch (error) {
          return mapPgError(error);
        }
      },
      release(destroy?: boolean) {
        held.release(destroy === true ? new Error('connection discarded by Kysely') : undefined);
      },
      // Kysely's cursor overload of `query` is used only for streaming, which needs a `cursor` in
      // the dialect's config; none is given, so the plain overload is the whole contract.
    } as PostgresPoolClient;
  }

  // The pool belongs to PgDb, which ends it on close.
  async end(): Promise<void> {}
}

/** Kysely over a PgDb's pool (schema, BIGINT parsing and error mapping as PgDb's own queries). */
export function postgresKysely(db: PgDb): Kysely<LuotsiTables> {
  return new Kysely<LuotsiTables>({ dialect: new PostgresDialect({ pool: new LuotsiPool(db) }) });
}
