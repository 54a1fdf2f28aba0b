import { HANDOFF_MIGRATIONS } from './schema/handoffSchema';
import { STAFF_MIGRATIONS } from './schema/staffSchema';
import { HARDENING_MIGRATIONS } from './schema/hardeningSchema';
import { ADMIN_MIGRATIONS } from './schema/adminSchema';
import { IDENTITY_MIGRATIONS } from './schema/identitySchema';

/** Versioned schema steps; each runs once, in order of version, inside a transaction. */
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
  {
    // Photos of the pre-assessment (issue 4): cleaned JPEG and thumbnail only, never the upload.
    // No foreign key to channel_conversations: photos from Azure channels have no row there;
    // retention deletes them through deleteForConversation / purgeCreatedBefore.
    version: 2,
    sql: `
      CREATE TABLE photo_blobs (
        id TEXT PRIMARY KEY,
        conversation_id TEXT NOT NULL,
        question_id TEXT NOT NULL,
        case_id TEXT,
        queue_id TEXT,
        content_type TEXT NOT NULL,
        byte_size INTEGER NOT NULL,
        thumbnail_byte_size INTEGER NOT NULL,
        width INTEGER NOT NULL,
        height INTEGER NOT NULL,
        image BLOB NOT NULL,
        thumbnail BLOB NOT NULL,
        created_at INTEGER NOT NULL
      );
      CREATE INDEX photo_blobs_conversation ON photo_blobs(conversation_id, question_id);
      CREATE INDEX photo_blobs_created ON photo_blobs(created_at);
    `,
  },
  ...HANDOFF_MIGRATIONS,
  ...STAFF_MIGRATIONS,
  ...HARDENING_MIGRATIONS,
  ...ADMIN_MIGRATIONS,
  ...IDENTITY_MIGRATIONS,
].sort((a, b) => a.version - b.version);
