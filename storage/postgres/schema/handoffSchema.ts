/** PostgreSQL schema of the handoff queue; the versions and tables match storage/sqlite/schema/handoffSchema.ts. */
export const PG_HANDOFF_MIGRATIONS: readonly { version: number; sql: string }[] = [
  {
    // Same design notes as the SQLite schema: created_at (arrival) is never changed, so the queue
    // order survives transfers; urgency_rank lets the list be ordered by an index; feedback has no
    // case or conversation column and only the day; the audit log has no foreign key.
    // Epoch milliseconds are BIGINT (pgClient parses them to numbers); JSON stays TEXT so it
    // reads back byte for byte as SQLite stores it. Identity columns replace AUTOINCREMENT:
    // both only ever grow, which the "ORDER BY id" of messages and audit entries relies on.
    version: 3,
    sql: `
      CREATE TABLE handoff_cases (
        id TEXT PRIMARY KEY,
        conversation_id TEXT NOT NULL,
        conversation_ref TEXT NOT NULL,
        channel TEXT NOT NULL,
        queue_id TEXT NOT NULL,
        urgency TEXT NOT NULL CHECK (urgency IN ('urgent', 'non_urgent', 'self_care')),
        urgency_rank INTEGER NOT NULL,
        segment INTEGER,
        topic TEXT,
        subject TEXT,
        locale TEXT NOT NULL,
        answers TEXT NOT NULL,
        photo_ids TEXT NOT NULL,
        contact_message TEXT,
        contact_reach TEXT,
        status TEXT NOT NULL CHECK (status IN ('waiting', 'claimed', 'closed', 'abandoned', 'contact_request')),
        claimed_by TEXT,
        claimed_at BIGINT,
        outcome TEXT CHECK (outcome IN ('advice_given', 'appointment_booked', 'referred_service', 'referred_ngo', 'no_reply')),
        staff_urgency TEXT,
        staff_segment INTEGER,
        closed_at BIGINT,
        created_at BIGINT NOT NULL,
        updated_at BIGINT NOT NULL,
        last_client_activity_at BIGINT NOT NULL
      );
      CREATE INDEX handoff_cases_queue ON handoff_cases(queue_id, status, urgency_rank, created_at);
      CREATE INDEX handoff_cases_conversation ON handoff_cases(conversation_id, status);
      CREATE INDEX handoff_cases_idle ON handoff_cases(status, last_client_activity_at);
      CREATE INDEX handoff_cases_closed ON handoff_cases(queue_id, closed_at);
      CREATE TABLE handoff_messages (
        id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        case_id TEXT NOT NULL REFERENCES handoff_cases(id) ON DELETE CASCADE,
        author TEXT NOT NULL CHECK (author IN ('client', 'staff', 'system')),
        staff_id TEXT,
        internal BOOLEAN NOT NULL DEFAULT FALSE,
        text TEXT NOT NULL,
        created_at BIGINT NOT NULL
      );
      CREATE INDEX handoff_messages_case ON handoff_messages(case_id, id);
      CREATE TABLE handoff_feedback (
        id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        queue_id TEXT NOT NULL,
        topic TEXT,
        bot_urgency TEXT,
        helped TEXT NOT NULL CHECK (helped IN ('yes', 'partly', 'no')),
        score INTEGER NOT NULL CHECK (score BETWEEN 1 AND 5),
        comment TEXT,
        day TEXT NOT NULL
      );
      CREATE INDEX handoff_feedback_queue ON handoff_feedback(queue_id, topic);
      CREATE TABLE handoff_audit (
        id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        case_id TEXT NOT NULL,
        staff_id TEXT NOT NULL,
        action TEXT NOT NULL,
        at BIGINT NOT NULL
      );
      CREATE INDEX handoff_audit_case ON handoff_audit(case_id, id);
    `,
  },
  {
    // Same as SQLite version 4: the anonymous triage accuracy aggregate (migrated from existing
    // closed cases, day in UTC as feedback's day is) and the retention sweep's indexes.
    version: 4,
    sql: `
      CREATE TABLE handoff_triage_ratings (
        day TEXT NOT NULL,
        queue_id TEXT NOT NULL,
        bot_urgency TEXT NOT NULL,
        staff_urgency TEXT NOT NULL,
        count INTEGER NOT NULL,
        PRIMARY KEY (day, queue_id, bot_urgency, staff_urgency)
      );
      INSERT INTO handoff_triage_ratings (day, queue_id, bot_urgency, staff_urgency, count)
        SELECT to_char(to_timestamp(closed_at / 1000.0) AT TIME ZONE 'UTC', 'YYYY-MM-DD'), queue_id, urgency, staff_urgency, COUNT(*)
        FROM handoff_cases WHERE status = 'closed' AND staff_urgency IS NOT NULL AND closed_at IS NOT NULL
        GROUP BY 1, 2, 3, 4;
      CREATE INDEX handoff_cases_ended ON handoff_cases(status, updated_at);
      CREATE INDEX handoff_audit_at ON handoff_audit(at);
      CREATE INDEX photo_blobs_case ON photo_blobs(case_id);
    `,
  },
];
