/** Schema of the handoff queue (cases, their messages, feedback, audit); versions 3–9 are reserved for it. */
export const HANDOFF_MIGRATIONS: readonly { version: number; sql: string }[] = [
  {
    // Cases keep created_at (arrival) for ever: the queue order survives transfers.
    // urgency_rank duplicates urgency as a number so the list is ordered by an index.
    // Feedback has no case or conversation column on purpose (stored without personal data),
    // and only the day it was given, so it cannot be matched to a case by its time.
    // The audit log has no foreign key: entries outlive a deleted case.
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
        claimed_at INTEGER,
        outcome TEXT CHECK (outcome IN ('advice_given', 'appointment_booked', 'referred_service', 'referred_ngo', 'no_reply')),
        staff_urgency TEXT,
        staff_segment INTEGER,
        closed_at INTEGER,
        created_at INTEGER NOT NULL,
        updated_at INTEGER NOT NULL,
        last_client_activity_at INTEGER NOT NULL
      );
      CREATE INDEX handoff_cases_queue ON handoff_cases(queue_id, status, urgency_rank, created_at);
      CREATE INDEX handoff_cases_conversation ON handoff_cases(conversation_id, status);
      CREATE INDEX handoff_cases_idle ON handoff_cases(status, last_client_activity_at);
      CREATE INDEX handoff_cases_closed ON handoff_cases(queue_id, closed_at);
      CREATE TABLE handoff_messages (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        case_id TEXT NOT NULL REFERENCES handoff_cases(id) ON DELETE CASCADE,
        author TEXT NOT NULL CHECK (author IN ('client', 'staff', 'system')),
        staff_id TEXT,
        internal INTEGER NOT NULL DEFAULT 0,
        text TEXT NOT NULL,
        created_at INTEGER NOT NULL
      );
      CREATE INDEX handoff_messages_case ON handoff_messages(case_id, id);
      CREATE TABLE handoff_feedback (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
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
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        case_id TEXT NOT NULL,
        staff_id TEXT NOT NULL,
        action TEXT NOT NULL,
        at INTEGER NOT NULL
      );
      CREATE INDEX handoff_audit_case ON handoff_audit(case_id, id);
    `,
  },
  {
    // Retention and erasure (data protection issue). The triage accuracy matrix must outlive the
    // cases it was counted from, so it gets its own anonymous table: day × queue × bot urgency ×
    // staff urgency × count, nothing that points back to a case. Existing closed, re-rated cases
    // are counted into it here; from now on close() adds to it in the same transaction.
    // The indexes serve the retention sweep (ended cases by age, audit by age, photos by case).
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
        SELECT strftime('%Y-%m-%d', closed_at / 1000, 'unixepoch'), queue_id, urgency, staff_urgency, COUNT(*)
        FROM handoff_cases WHERE status = 'closed' AND staff_urgency IS NOT NULL AND closed_at IS NOT NULL
        GROUP BY 1, 2, 3, 4;
      CREATE INDEX handoff_cases_ended ON handoff_cases(status, updated_at);
      CREATE INDEX handoff_audit_at ON handoff_audit(at);
      CREATE INDEX photo_blobs_case ON photo_blobs(case_id);
    `,
  },
];
