import fs from 'node:fs';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { StorageUnavailableError } from '../../errors';
import { SQLITE_MIGRATIONS } from './migrations';
import { systemClock, type Clock } from '../../clock';

export type SqliteHandle = BetterSqlite3.Database;

/** Opens (creating if needed) the SQLite file in WAL mode and brings its schema up to date. */
export function openSqlite(file: string, clock: Clock = systemClock): SqliteHandle {
  if (file !== ':memory:') fs.mkdirSync(path.dirname(file), { recursive: true });
  let db: SqliteHandle;
  try {
    db = new BetterSqlite3(file);
  } catch (cause) {
    throw new StorageUnavailableError('cannot open the SQLite database', { cause });
  }
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  migrate(db, clock);
  return db;
}

function migrate(db: SqliteHandle, clock: Clock): void {
  db.exec('CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, applied_at INTEGER NOT NULL)');
  const applied = new Set(
    db.prepare('SELECT version FROM schema_migrations').all().map((row) => (row as { version: number }).version),
  );
  for (const step of SQLITE_MIGRATIONS) {
    if (applied.has(step.version)) continue;
    db.transaction(() => {
      db.exec(step.sql);
      db.prepare('INSERT INTO schema_migrations (version, applied_at) VALUES (?, ?)').run(step.version, clock().getTime());
    }).immediate();
  }
}
