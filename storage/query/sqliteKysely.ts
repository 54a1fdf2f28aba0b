import { CompiledQuery, Kysely, SqliteDialect, SqliteDriver, type DatabaseConnection, type Driver } from 'kysely';
import type BetterSqlite3 from 'better-sqlite3';
import type { SqliteGate } from './sqliteGate';
import type { LuotsiTables } from './tables';

/**
 * Kysely's SQLite driver with two changes: a transaction begins IMMEDIATE (the stock driver
 * sends a plain BEGIN, which takes the write lock only at the first write, so two processes can
 * both read and then one fails with SQLITE_BUSY instead of waiting), and the connection is held
 * through the process's SqliteGate, which the direct better-sqlite3 callers share.
 */
class GatedImmediateDriver extends SqliteDriver {
  constructor(
    database: BetterSqlite3.Database,
    private readonly gate: SqliteGate,
  ) {
    super({ database });
  }

  override async acquireConnection(): Promise<DatabaseConnection> {
    await this.gate.acquire();
    return super.acquireConnection();
  }

  override async releaseConnection(): Promise<void> {
    this.gate.release();
  }

  override async beginTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('BEGIN IMMEDIATE'));
  }

  // The handle belongs to openSqliteDatabase, which closes it after the last store.
  override async destroy(): Promise<void> {}
}

class GatedSqliteDialect extends SqliteDialect {
  constructor(
    private readonly handle: BetterSqlite3.Database,
    private readonly gate: SqliteGate,
  ) {
    super({ database: handle });
  }

  override createDriver(): Driver {
    return new GatedImmediateDriver(this.handle, this.gate);
  }
}

/** Kysely over an open better-sqlite3 handle, sharing `gate` with the handle's other users. */
export function sqliteKysely(handle: BetterSqlite3.Database, gate: SqliteGate): Kysely<LuotsiTables> {
  return new Kysely<LuotsiTables>({ dialect: new GatedSqliteDialect(handle, gate) });
}
