import type { Config } from '../config';
import type { LuotsiDatabase } from './database';
import { openPostgresDatabase } from './postgres/pgDatabase';
import { openSqliteDatabase } from './sqlite/sqliteDatabase';
import type { Clock } from '../clock';

/** The backend the config names: PostgreSQL when DATABASE_URL is set, else SQLite in DATA_DIR. */
export function openDatabase(config: Config, onBackgroundError: (error: unknown) => void, clock: Clock): LuotsiDatabase {
  if (config.database.url === undefined) return openSqliteDatabase(config.dataDir, clock);
  return openPostgresDatabase(
    { url: config.database.url, schema: config.database.schema, poolSize: config.database.poolSize, connectTimeoutMs: config.database.connectTimeoutMs },
    onBackgroundError,
    clock,
  );
}
