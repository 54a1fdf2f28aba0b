/** SQLite steps of citizen identification (issue 18), versions 60–69; the versions match the PostgreSQL ones. */
export const IDENTITY_MIGRATIONS: readonly { version: number; sql: string }[] = [
  {
    // The verified identity, sealed with AES-256-GCM (never plain text): on the case row, so it is
    // deleted, exported and transferred with the case and nothing else holds it.
    version: 60,
    sql: `ALTER TABLE handoff_cases ADD COLUMN identity_sealed TEXT;`,
  },
];
