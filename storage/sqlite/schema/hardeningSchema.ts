/** SQLite steps of the audit hardening (issue 15), versions 50–59; the versions match the PostgreSQL ones. */
export const HARDENING_MIGRATIONS: readonly { version: number; sql: string }[] = [
  {
    // The client's own activity id (Web Chat's channelData.clientActivityID) is kept with the
    // logged activity, and `answered` says the bot's turn on it committed: a resend of an answered
    // activity gets the first answer instead of a second turn.
    version: 50,
    sql: `
      ALTER TABLE channel_activities ADD COLUMN client_activity_id TEXT;
      ALTER TABLE channel_activities ADD COLUMN answered INTEGER NOT NULL DEFAULT 0;
      CREATE UNIQUE INDEX channel_activities_client_id ON channel_activities(conversation_id, client_activity_id) WHERE client_activity_id IS NOT NULL;
    `,
  },
  {
    // The local web channel's own id (audit finding L3): 'webchat' is also Azure Bot Service's
    // Web Chat channel, whose activities could then reach a local conversation's state. The
    // local conversations (those in channel_conversations) move to 'luotsi-web': their bot state
    // keys, their cases and the channel id inside stored references and logged activities.
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
