import { StorageUnavailableError } from '../errors';
import { errorParts, isUnavailable as isPostgresUnavailable } from './postgres/pgClient';

// SQLite result codes that mean "try again later" rather than "this statement is wrong":
// another writer holds the lock past busy_timeout, the disk is full, or the file cannot be written.
const SQLITE_UNAVAILABLE = /^SQLITE_(BUSY|LOCKED|FULL|IOERR|CANTOPEN|READONLY|PROTOCOL)/;

/**
 * True when an error means the database is (for now) out of reach: a StorageUnavailableError,
 * a PostgreSQL connection failure, or a busy, locked or full SQLite database. Such requests are
 * answered 503 + Retry-After and nothing of them is kept half-done (each write is a transaction).
 */
export function isStorageUnavailable(error: unknown): boolean {
  if (error instanceof StorageUnavailableError) return true;
  // Duck-typed (see errorParts): a driver's error may come from another realm than this module's Error.
  const code = errorParts(error)?.code;
  if (typeof code === 'string' && SQLITE_UNAVAILABLE.test(code)) return true;
  return isPostgresUnavailable(error);
}
