import type { PgMigration } from '../pgMigrations';

/**
 * Bot state, the web channel's activity log and photos: versions 1 and 2, the PostgreSQL
 * twins of storage/sqlite/migrations.ts. Epoch milliseconds are BIGINT, flags BOOLEAN.
 */
export const PG_CORE_MIGRATIONS: readonly PgMigration[] = [
  {
    // Documents and activities stay TEXT holding JSON, as in SQLite: they are only ever read
    // back whole, and JSONB would reorder keys and drop duplicate ones.
    version: 1,
    sql: `
      CREATE TABLE bot_state (
        key TEXT PRIMARY KEY,
        doc TEXT NOT NULL,
        etag TEXT NOT NULL,
        updated_at BIGINT NOT NULL
      );
      CREATE INDEX bot_state_updated ON bot_state(updated_at);
      CREATE TABLE channel_conversations (
        id TEXT PRIMARY KEY,
        user_id TEXT NOT NULL,
        locale TEXT,
        created_at BIGINT NOT NULL,
        last_activity_at BIGINT NOT NULL,
        next_watermark INTEGER NOT NULL DEFAULT 1,
        started BOOLEAN NOT NULL DEFAULT FALSE
      );
      CREATE INDEX channel_conversations_last ON channel_conversations(last_activity_at);
      CREATE TABLE channel_activities (
        conversation_id TEXT NOT NULL REFERENCES channel_conversations(id) ON DELETE CASCADE,
        watermark INTEGER NOT NULL,
        activity TEXT NOT NULL,
        PRIMARY KEY (conversation_id, watermark)
      );
    `,
  },
  {
    // Photos of the pre-assessment: cleaned JPEG and thumbnail only, never the upload. No
    // foreign key to channel_conversations (Azure channels' photos have no row there).
    // seq stands in for SQLite's rowid: photos stored in one call share created_at, and
    // listings must keep the order they were stored in.
    version: 2,
    sql: `
      CREATE TABLE photo_blobs (
        id TEXT PRIMARY KEY,
        seq BIGINT GENERATED ALWAYS AS IDENTITY,
        conversation_id TEXT NOT NULL,
        question_id TEXT NOT NULL,
        case_id TEXT,
        queue_id TEXT,
        content_type TEXT NOT NULL,
        byte_size INTEGER NOT NULL,
        thumbnail_byte_size INTEGER NOT NULL,
        width INTEGER NOT NULL,
        height INTEGER NOT NULL,
        image BYTEA NOT NULL,
        thumbnail BYTEA NOT NULL,
        created_at BIGINT NOT NULL
      );
      CREATE INDEX photo_blobs_conversation ON photo_blobs(conversation_id, question_id);
      CREATE INDEX photo_blobs_created ON photo_blobs(created_at);
    `,
  },
];
