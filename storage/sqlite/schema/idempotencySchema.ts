/** SQLite steps of the idempotent client activity (issue 15); the versions match the PostgreSQL ones. */
export const IDEMPOTENCY_MIGRATIONS: readonly { version: number; sql: string }[] = [
  {
    // The client's own activity id (Web Chat's channelData.clientActivityID) is kept with the
    // logged activity, and `answered` says the bot's turn on it committed: a resend of an answered
    // activity gets the first answer instead of a second turn.
    version: 15,
    sql: `
      ALTER TABLE channel_activities ADD COLUMN client_activity_id TEXT;
      ALTER TABLE channel_activities ADD COLUMN answered INTEGER NOT NULL DEFAULT 0;
      CREATE UNIQUE INDEX channel_activities_client_id ON channel_activities(conversation_id, client_activity_id) WHERE client_activity_id IS NOT NULL;
    `,
  },
];
