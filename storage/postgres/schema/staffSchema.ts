import type { PgMigration } from '../pgMigrations';

/** Schema of staff accounts and sessions; versions 10–19, as storage/sqlite/schema/staffSchema.ts. */
export const PG_STAFF_MIGRATIONS: readonly PgMigration[] = [
  {
    // Queue membership is its own table so "staff online per queue" is one indexed join.
    // Sessions are keyed by the SHA-256 of the cookie's session id, never the id itself.
    // The username constraint is named so a duplicate can be told from other violations.
    version: 10,
    sql: `
      CREATE TABLE staff_accounts (
        id TEXT PRIMARY KEY,
        username TEXT NOT NULL,
        display_name TEXT NOT NULL,
        role TEXT NOT NULL,
        password_hash TEXT NOT NULL,
        failed_logins INTEGER NOT NULL DEFAULT 0,
        locked_until BIGINT,
        disabled BOOLEAN NOT NULL DEFAULT FALSE,
        created_at BIGINT NOT NULL,
        updated_at BIGINT NOT NULL,
        CONSTRAINT staff_accounts_username_unique UNIQUE (username)
      );
      CREATE TABLE staff_queues (
        staff_id TEXT NOT NULL REFERENCES staff_accounts(id) ON DELETE CASCADE,
        queue_id TEXT NOT NULL,
        PRIMARY KEY (staff_id, queue_id)
      );
      CREATE INDEX staff_queues_queue ON staff_queues(queue_id);
      CREATE TABLE staff_sessions (
        id_hash TEXT PRIMARY KEY,
        staff_id TEXT NOT NULL REFERENCES staff_accounts(id) ON DELETE CASCADE,
        csrf_token TEXT NOT NULL,
        created_at BIGINT NOT NULL,
        last_seen_at BIGINT NOT NULL,
        expires_at BIGINT NOT NULL
      );
      CREATE INDEX staff_sessions_staff ON staff_sessions(staff_id);
      CREATE INDEX staff_sessions_expires ON staff_sessions(expires_at);
    `,
  },
];
