/** PostgreSQL steps of the idempotent client activity (issue 15); the versions match the SQLite ones. */
export const PG_IDEMPOTENCY_MIGRATIONS: readonly { version: number; sql: string }[] = [
  {
    // See storage/sqlite/schema/idempotencySchema.ts.
    version: 15,
    sql: `
      ALTER TABLE channel_activities ADD COLUMN client_activity_id TEXT;
      ALTER TABLE channel_activities ADD COLUMN answered BOOLEAN NOT NULL DEFAULT FALSE;
      CREATE UNIQUE INDEX channel_activities_client_id ON channel_activities(conversation_id, client_activity_id) WHERE client_activity_id IS NOT NULL;
    `,
  },
];
