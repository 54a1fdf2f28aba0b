import type { Pool } from 'pg';
import { PgDb } from './pgClient';
import { PG_CORE_MIGRATIONS } from './schema/coreSchema';
import { PG_HANDOFF_MIGRATIONS } from './schema/handoffSchema';
import { PG_HARDENING_MIGRATIONS } from './schema/hardeningSchema';
import { PG_STAFF_MIGRATIONS } from './schema/staffSchema';
import { PG_ADMIN_MIGRATIONS } from './schema/adminSchema';
import { PG_IDENTITY_MIGRATIONS } from './schema/identitySchema';
import { systemClock, type Clock } from '../../clock';

/** A versioned schema step; the versions match storage/sqlite/migrations.ts one for one. */
export interface PgMigration {
  version: number;
  sql: string;
}

/** Every PostgreSQL schema step, in order of version. */
export const PG_MIGRATIONS: readonly PgMigration[] = [
  ...PG_CORE_MIGRATIONS,
  ...PG_HANDOFF_MIGRATIONS,
  ...PG_STAFF_MIGRATIONS,
  ...PG_HARDENING_MIGRATIONS,
  ...PG_ADMIN_MIGRATIONS,
  ...PG_IDENTITY_MIGRATIONS,
].sort((a, b) => a.version - b.version);

function quoteIdentifier(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

/**
 * Creates the schema if needed and applies the missing steps in one transaction. Instances that
 * start together queue on an advisory lock, so each step runs exactly once.
 */
export async function migratePostgres(
  pool: Pool,
  schema: string,
  steps: readonly PgMigration[] = PG_MIGRATIONS,
  clock: Clock = systemClock,
): Promise<number[]> {
  return PgDb.inTransaction(pool, async (tx) => {
    await tx.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`luotsi:migrate:${schema}`]);
    await tx.query(`CREATE SCHEMA IF NOT EXISTS ${quoteIdentifier(schema)}`);
    await tx.query('CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, applied_at BIGINT NOT NULL)');
    const { rows } = await tx.query<{ version: number }>('SELECT version FROM schema_migrations');
    const applied = new Set(rows.map((row) => row.version));
    const ran: number[] = [];
    for (const step of steps) {
      if (applied.has(step.version)) continue;
      await tx.query(step.sql);
      await tx.query('INSERT INTO schema_migrations (version, applied_at) VALUES ($1, $2)', [step.version, clock().getTime()]);
      ran.push(step.version);
    }
    return ran;
  });
}
