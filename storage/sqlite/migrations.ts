/** Versioned schema steps; each runs once, in order, inside a transaction. */
export const SQLITE_MIGRATIONS: readonly { version: number; sql: string }[] = [
  {
    version: 1,
    sql: `
      CREATE TABLE bot_state (
        key TEXT PRIMARY KEY,
        doc TEXT NOT NULL,
        etag TEXT NOT NULL,
        updated_at INTEGER NOT NULL
      );
      CREATE INDEX bot_state_updated ON bot_state(updated_at);
      CREATE TABLE channel_conversations (
        id TEXT PRIMARY KEY,
        user_id TEXT NOT NULL,
        locale TEXT,
        created_at INTEGER NOT NULL,
        last_activity_at INTEGER NOT NULL,
        next_watermark INTEGER NOT NULL DEFAULT 1,
        started INTEGER NOT NULL DEFAULT 0
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
];
