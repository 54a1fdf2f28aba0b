import type { PgMigration } from '../pgMigrations';

/** PostgreSQL schema of the staff admin audit log, versions 70–79, as storage/sqlite/schema/adminSchema.ts. */
export const PG_ADMIN_MIGRATIONS: readonly PgMigration[] = [
  {
    version: 70,
    sql: `
      CREATE TABLE staff_admin_audit (
        seq BIGSERIAL PRIMARY KEY,
        at BIGINT NOT NULL,
        actor_id TEXT NOT NULL,
        action TEXT NOT NULL,
        target_id TEXT NOT NULL,
        role TEXT,
        queues TEXT[]
      );
      CREATE INDEX staff_admin_audit_at ON staff_admin_audit(at);
    `,
  },
];
