/** SQLite schema of the staff admin audit log (issue 17), versions 70–79; the versions match the PostgreSQL ones. */
export const ADMIN_MIGRATIONS: readonly { version: number; sql: string }[] = [
  {
    // Ids and codes only: who (actor), what (action), to whom (target), the role or queues set.
    version: 70,
    sql: `
      CREATE TABLE staff_admin_audit (
        seq INTEGER PRIMARY KEY AUTOINCREMENT,
        at INTEGER NOT NULL,
        actor_id TEXT NOT NULL,
        action TEXT NOT NULL,
        target_id TEXT NOT NULL,
        role TEXT,
        queues TEXT
      );
      CREATE INDEX staff_admin_audit_at ON staff_admin_audit(at);
    `,
  },
];
