import fs from 'node:fs';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { StorageUnavailableError } from '../../errors';
import { SQLITE_MIGRATIONS } from './migrations';
import { systemClock, type Clock } from '../../clock';

export type SqliteHandle = BetterSqlite3.Database;

/** Mode of the database files: the owner only; they hold health data (the -wal and -shm follow the main file). */
const FILE_MODE = 0o600;

/**
 * Opens (creating if needed) the SQLite file in WAL mode and brings its schema up to date.
 * Created files and directories are readable by the service's own user only, and deleted
 * content is zeroed in the file (secure_delete) rather than left in free pages.
 */
export function openSqlite(file: string, clock: Clock = systemClock): SqliteHandle {
  if (file !== ':memory:') restrictFiles(file);
  let db: SqliteHandle;
  try {
    db = new BetterSqlite3(file);
  } catch (cause) {
    throw new StorageUnavailableError('cannot open the SQLite database', { cause });
  }
  db.pragma('secure_delete = ON');
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  migrate(db, clock);
  return db;
}

/**
 * Makes rows deleted so far unreadable from the files: copies the WAL (which still holds the
 * old page images) into the main file, where secure_delete has zeroed them, and truncates it.
 * Returns false when a reader kept the WAL from being reset; the next call retries.
 */
export function checkpointDeleted(db: SqliteHandle): boolean {
  const [result] = db.pragma('wal_checkpoint(TRUNCATE)') as { busy: number }[];
  return result === undefined || result.busy === 0;
}

// SQLite gives the -wal and -shm files the main file's mode; creating that one 0600 first (and
// tightening an existing one, e.g. from an older version) covers all three.
function restrictFiles(file: string): void {
  fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  fs.closeSync(fs.openSync(file, 'a', FILE_MODE));
  for (const name of [file, `${file}-wal`, `${file}-shm`]) {
    try {
      fs.chmodSync(name, FILE_MODE);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw new StorageUnavailableError('cannot restrict the SQLite file mode', { cause: error });
    }
  }
}

function migrate(db: SqliteHandle, clock: Clock): void {
  db.exec('CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, applied_at INTEGER NOT NULL)');
  const applied = new Set(
    db
      .prepare('SELECT version FROM schema_migrations')
      .all()
      .map((row) => (row as { version: number }).version),
  );
  for (const step of SQLITE_MIGRATIONS) {
    if (applied.has(step.version)) continue;
    db.transaction(() => {
      db.exec(step.sql);
      db.prepare('INSERT INTO schema_migrations (version, applied_at) VALUES (?, ?)').run(step.version, clock().getTime());
    }).immediate();
  }
}
