import type { Generated } from 'kysely';

// The tables as storage/sqlite/migrations.ts and storage/postgres/schema/ define them, once for
// both backends. Where the engines store a value differently the type says both: epoch
// milliseconds and counts are INTEGER / BIGINT (both read as numbers, see pgClient.ts), flags are
// 0/1 on SQLite and BOOLEAN on PostgreSQL, lists are JSON text on SQLite and TEXT[] on PostgreSQL,
// bytes are BLOB / BYTEA (Buffers on both). dialectSql.ts writes and reads those few.

/** A flag as stored: 0/1 on SQLite, a boolean on PostgreSQL. */
export type StoredFlag = number | boolean;
/** A list of texts as stored: JSON text on SQLite, TEXT[] on PostgreSQL. */
export type StoredTextList = string | readonly string[];

/** bot_state: Bot Framework state documents with their eTags. */
export interface BotStateTable {
  key: string;
  doc: string;
  etag: string;
  updated_at: number;
}

/** channel_conversations: the local web channel's conversations. */
export interface ChannelConversationsTable {
  id: string;
  user_id: string;
  locale: string | null;
  created_at: number;
  last_activity_at: number;
  next_watermark: Generated<number>;
  started: Generated<StoredFlag>;
}

/** channel_activities: the web channel's activity log. */
export interface ChannelActivitiesTable {
  conversation_id: string;
  watermark: number;
  activity: string;
  client_activity_id: string | null;
  answered: Generated<StoredFlag>;
}

/** photo_blobs: cleaned photos and their thumbnails (seq exists on PostgreSQL only). */
export interface PhotoBlobsTable {
  id: string;
  conversation_id: string;
  question_id: string;
  case_id: string | null;
  queue_id: string | null;
  content_type: string;
  byte_size: number;
  thumbnail_byte_size: number;
  width: number;
  height: number;
  image: Buffer;
  thumbnail: Buffer;
  created_at: number;
}

/** handoff_cases: one row per case in a staff queue. */
export interface HandoffCasesTable {
  id: string;
  conversation_id: string;
  conversation_ref: string;
  channel: string;
  queue_id: string;
  urgency: string;
  urgency_rank: number;
  segment: number | null;
  topic: string | null;
  subject: string | null;
  locale: string;
  answers: string;
  photo_ids: string;
  contact_message: string | null;
  contact_reach: string | null;
  status: string;
  claimed_by: string | null;
  claimed_at: number | null;
  outcome: string | null;
  staff_urgency: string | null;
  staff_segment: number | null;
  closed_at: number | null;
  created_at: number;
  updated_at: number;
  last_client_activity_at: number;
  identity_sealed: string | null;
}

/** handoff_messages: the chat of a case. */
export interface HandoffMessagesTable {
  id: Generated<number>;
  case_id: string;
  author: string;
  staff_id: string | null;
  internal: Generated<StoredFlag>;
  text: string;
  created_at: number;
}

/** handoff_feedback: anonymous "did I get help" answers. */
export interface HandoffFeedbackTable {
  id: Generated<number>;
  queue_id: string;
  topic: string | null;
  bot_urgency: string | null;
  helped: string;
  score: number;
  comment: string | null;
  day: string;
}

/** handoff_audit: who did what to a case. */
export interface HandoffAuditTable {
  id: Generated<number>;
  case_id: string;
  staff_id: string;
  action: string;
  at: number;
}

/** handoff_triage_ratings: the anonymous accuracy matrix. */
export interface HandoffTriageRatingsTable {
  day: string;
  queue_id: string;
  bot_urgency: string;
  staff_urgency: string;
  count: number;
}

/** staff_accounts: local staff accounts. */
export interface StaffAccountsTable {
  id: string;
  username: string;
  display_name: string;
  role: string;
  password_hash: string;
  failed_logins: Generated<number>;
  locked_until: number | null;
  disabled: Generated<StoredFlag>;
  created_at: number;
  updated_at: number;
}

/** staff_queues: which queues an account works in. */
export interface StaffQueuesTable {
  staff_id: string;
  queue_id: string;
}

/** staff_sessions: sessions by the hash of their id. */
export interface StaffSessionsTable {
  id_hash: string;
  staff_id: string;
  csrf_token: string;
  created_at: number;
  last_seen_at: number;
  expires_at: number;
}

/** staff_admin_audit: administrator actions, ids and codes only. */
export interface StaffAdminAuditTable {
  seq: Generated<number>;
  at: number;
  actor_id: string;
  action: string;
  target_id: string;
  role: string | null;
  queues: StoredTextList | null;
}

/** Every table Luotsi keeps, for Kysely. */
export interface LuotsiTables {
  bot_state: BotStateTable;
  channel_conversations: ChannelConversationsTable;
  channel_activities: ChannelActivitiesTable;
  photo_blobs: PhotoBlobsTable;
  handoff_cases: HandoffCasesTable;
  handoff_messages: HandoffMessagesTable;
  handoff_feedback: HandoffFeedbackTable;
  handoff_audit: HandoffAuditTable;
  handoff_triage_ratings: HandoffTriageRatingsTable;
  staff_accounts: StaffAccountsTable;
  staff_queues: StaffQueuesTable;
  staff_sessions: StaffSessionsTable;
  staff_admin_audit: StaffAdminAuditTable;
}
