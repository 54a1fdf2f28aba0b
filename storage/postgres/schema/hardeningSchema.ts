/** PostgreSQL steps of the audit hardening (issue 15), versions 50–59; the versions match the SQLite ones. */
export const PG_HARDENING_MIGRATIONS: readonly { version: number; sql: string }[] = [
  {
    // See storage/sqlite/schema/hardeningSchema.ts.
    version: 50,
    sql: `
      ALTER TABLE channel_activities ADD COLUMN client_activity_id TEXT;
      ALTER TABLE channel_activities ADD COLUMN answered BOOLEAN NOT NULL DEFAULT FALSE;
      CREATE UNIQUE INDEX channel_activities_client_id ON channel_activities(conversation_id, client_activity_id) WHERE client_activity_id IS NOT NULL;
    `,
  },
  {
    // See storage/sqlite/schema/hardeningSchema.ts (the local channel's own id).
    version: 51,
    sql: `
      UPDATE bot_state SET key = 'luotsi-web/' || substr(key, 9)
        WHERE key LIKE 'webchat/conversations/%' AND substr(key, 23, length(key) - 23) IN (SELECT id FROM channel_conversations);
      UPDATE handoff_cases SET channel = 'luotsi-web', conversation_ref = replace(conversation_ref, '"channelId":"webchat"', '"channelId":"luotsi-web"')
        WHERE channel = 'webchat' AND conversation_id IN (SELECT id FROM channel_conversations);
      UPDATE channel_activities SET activity = replace(activity, '"channelId":"webchat"', '"channelId":"luotsi-web"');
    `,
  },
  {
    // Feedback comments were stored as free text in a table no erasure or retention reaches
    // (audit finding L6): only the fact that there was one is kept (an empty string).
    version: 52,
    sql: `UPDATE handoff_feedback SET comment = '' WHERE comment IS NOT NULL;`,
  },
];
