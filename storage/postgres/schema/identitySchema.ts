/** PostgreSQL steps of citizen identification (issue 18), versions 60–69; see storage/sqlite/schema/identitySchema.ts. */
export const PG_IDENTITY_MIGRATIONS: readonly { version: number; sql: string }[] = [
  {
    version: 60,
    sql: `ALTER TABLE handoff_cases ADD COLUMN identity_sealed TEXT;`,
  },
];
