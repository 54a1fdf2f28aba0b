import { Pool, types as pgTypes, type PoolClient, type QueryResultRow } from 'pg';
import { StorageUnavailableError } from '../../errors';

/** Something that runs one SQL statement: the pool or a transaction's client. */
export interface PgQueryable {
  query<R extends QueryResultRow = QueryResultRow>(sql: string, params?: readonly unknown[]): Promise<{ rows: R[]; rowCount: number }>;
}

/** Connection settings of the PostgreSQL backend. */
export interface PgSettings {
  url: string;
  /** Schema that holds Luotsi's tables (created if missing); lets tests and counties share a database. */
  schema: string;
  poolSize: number;
  /** How long a request waits for a free connection before the database counts as unavailable. */
  connectTimeoutMs: number;
}

// BIGINT (epoch milliseconds, counts) as numbers; every value Luotsi stores fits in a double.
const INT8_OID = 20;
const typeParsers = {
  getTypeParser(oid: number, format?: 'text' | 'binary') {
    if (oid === INT8_OID && format !== 'binary') return (value: string) => Number(value);
    return pgTypes.getTypeParser(oid, format);
  },
} as unknown as typeof pgTypes;

// SQLSTATE classes that mean "the database is not there right now", not "your SQL is wrong":
// 08 connection exception, 53 insufficient resources, 57 operator intervention (shutdown, restart).
const UNAVAILABLE_CLASSES = ['08', '53', '57'];
const UNAVAILABLE_NODE_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH']);

/**
 * The code and message of an error-like value. Duck-typed rather than `instanceof Error`: socket
 * errors (ECONNREFUSED when the server is down) are made by Node's own `net` module, whose Error
 * is another realm's under a vm context such as jest's, and `instanceof` then says no.
 */
export function errorParts(error: unknown): { code: unknown; message: string } | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const { code, message } = error as { code?: unknown; message?: unknown };
  if (typeof message !== 'string') return undefined;
  return { code, message };
}

/** True when `error` says the database cannot be reached (rather than that a statement failed). */
export function isUnavailable(error: unknown): boolean {
  if (error instanceof StorageUnavailableError) return true;
  const parts = errorParts(error);
  if (!parts) return false;
  const { code } = parts;
  if (typeof code === 'string') {
    if (UNAVAILABLE_NODE_CODES.has(code)) return true;
    if (code.length === 5 && UNAVAILABLE_CLASSES.includes(code.slice(0, 2))) return true;
  }
  // node-postgres raises these without a code when a connection dies or the pool waits too long.
  return /Connection terminated|timeout exceeded when trying to connect|Client has encountered a connection error|Connection ended|not queryable/i.test(
    parts.message,
  );
}

/** Rethrows connection-level failures as StorageUnavailableError (503) and everything else as is. */
export function mapPgError(error: unknown): never {
  if (error instanceof StorageUnavailableError) throw error;
  if (isUnavailable(error)) throw new StorageUnavailableError('PostgreSQL is not available', { cause: error });
  throw error;
}

/**
 * Watches a checked-out pool connection for the rest of its checkout. pg-pool listens for
 * 'error' only on idle connections; a checked-out one that dies between queries (a turn lock
 * held while the turn runs, a transaction waiting on its caller) emits 'error' with no listener,
 * which crashes the process. `release` gives it back, destroyed if it broke.
 */
export function watchCheckedOut(client: PoolClient): { release(broken?: unknown): void } {
  let lost: Error | undefined;
  const onError = (error: Error) => {
    lost = error;
  };
  client.on('error', onError);
  return {
    release(broken?: unknown) {
      client.off('error', onError);
      const destroy = lost ?? (broken === undefined ? undefined : errorParts(broken) ? (broken as Error) : new Error('connection broken'));
      client.release(destroy);
    },
  };
}

function quoteIdentifier(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

/**
 * A pool bound to Luotsi's schema. Every query waits until the schema is migrated (`ready`),
 * so the service can be composed synchronously and still never touch an old schema.
 */
export class PgDb implements PgQueryable {
  readonly pool: Pool;
  private readyPromise: Promise<void> = Promise.resolve();

  constructor(
    readonly settings: PgSettings,
    onBackgroundError: (error: unknown) => void,
  ) {
    this.pool = PgDb.createPool(settings, settings.poolSize, onBackgroundError);
  }

  /** A pool on the same database and schema (used for long-held lock and LISTEN connections). */
  static createPool(settings: PgSettings, max: number, onBackgroundError: (error: unknown) => void): Pool {
    const pool = new Pool({
      connectionString: settings.url,
      max,
      connectionTimeoutMillis: settings.connectTimeoutMs,
      idleTimeoutMillis: 30_000,
      types: typeParsers,
      options: `-c search_path=${quoteIdentifier(settings.schema)}`,
      application_name: 'luotsi',
    });
    // An idle connection killed by a database restart must not crash the process.
    pool.on('error', onBackgroundError);
    return pool;
  }

  /** Starts the migrations; queries wait for them. */
  setReady(migration: Promise<void>): void {
    this.readyPromise = migration;
    // The failure is reported through `ready`; this keeps it from being an unhandled rejection.
    migration.catch(() => undefined);
  }

  /** Resolves when the schema is up to date; rejects if migration failed. */
  get ready(): Promise<void> {
    return this.readyPromise;
  }

  async query<R extends QueryResultRow = QueryResultRow>(sql: string, params: readonly unknown[] = []): Promise<{ rows: R[]; rowCount: number }> {
    await this.readyPromise;
    try {
      const result = await this.pool.query<R>(sql, params as unknown[]);
      return { rows: result.rows, rowCount: result.rowCount ?? 0 };
    } catch (error) {
      return mapPgError(error);
    }
  }

  /** Runs `work` in one transaction on one connection; commits on success, rolls back on any error. */
  async transaction<T>(work: (tx: PgQueryable) => Promise<T>): Promise<T> {
    await this.readyPromise;
    return PgDb.inTransaction(this.pool, work);
  }

  /** `transaction` on a given pool (migrations use it before `ready`). */
  static async inTransaction<T>(pool: Pool, work: (tx: PgQueryable) => Promise<T>): Promise<T> {
    let client: PoolClient;
    try {
      client = await pool.connect();
    } catch (error) {
      return mapPgError(error);
    }
    const held = watchCheckedOut(client);
    const tx: PgQueryable = {
      async query<R extends QueryResultRow = QueryResultRow>(sql: string, params: readonly unknown[] = []) {
        const result = await client.query<R>(sql, params as unknown[]);
        return { rows: result.rows, rowCount: result.rowCount ?? 0 };
      },
    };
    let broken: unknown;
    try {
      await client.query('BEGIN');
      const result = await work(tx);
      await client.query('COMMIT');
      return result;
    } catch (error) {
      try {
        await client.query('ROLLBACK');
      } catch (rollbackError) {
        // A dead connection cannot roll back; the server discards its open transaction itself.
        broken = rollbackError;
      }
      return mapPgError(error);
    } finally {
      held.release(broken);
    }
  }

  async close(): Promise<void> {
    await this.readyPromise.catch(() => undefined);
    await this.pool.end();
  }
}
