import type { CaseIdentityStore } from '../../handoff/caseIdentity';
import type { SqliteHandle } from './openSqlite';

/** CaseIdentityStore on SQLite: one IMMEDIATE transaction finds the open case and seals onto it. */
export class SqliteCaseIdentity implements CaseIdentityStore {
  constructor(private readonly db: SqliteHandle) {}

  async attachToOpenCase(conversationId: string, seal: (caseId: string) => string): Promise<string | undefined> {
    return this.db
      .transaction(() => {
        const open = this.db
          .prepare<[string], { id: string }>(
            `SELECT id FROM handoff_cases WHERE conversation_id = ? AND status IN ('waiting', 'claimed', 'contact_request') ORDER BY created_at DESC LIMIT 1`,
          )
          .get(conversationId);
        if (!open) return undefined;
        this.db.prepare('UPDATE handoff_cases SET identity_sealed = ? WHERE id = ?').run(seal(open.id), open.id);
        return open.id;
      })
      .immediate();
  }

  async sealedOf(caseId: string): Promise<{ queueId: string; sealed: string | undefined } | undefined> {
    const row = this.db.prepare<[string], { queue_id: string; identity_sealed: string | null }>('SELECT queue_id, identity_sealed FROM handoff_cases WHERE id = ?').get(caseId);
    return row ? { queueId: row.queue_id, sealed: row.identity_sealed ?? undefined } : undefined;
  }
}
