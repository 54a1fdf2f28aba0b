import type { CaseIdentityStore } from '../../handoff/caseIdentity';
import type { PgDb } from './pgClient';

/** CaseIdentityStore on PostgreSQL: the open case is locked while the identity is sealed onto it. */
export class PgCaseIdentity implements CaseIdentityStore {
  constructor(private readonly db: PgDb) {}

  async attachToOpenCase(conversationId: string, seal: (caseId: string) => string): Promise<string | undefined> {
    return this.db.transaction(async (tx) => {
      const { rows } = await tx.query<{ id: string }>(
        `SELECT id FROM handoff_cases WHERE conversation_id = $1 AND status IN ('waiting', 'claimed', 'contact_request')
         ORDER BY created_at DESC LIMIT 1 FOR UPDATE`,
        [conversationId],
      );
      const open = rows[0];
      if (!open) return undefined;
      await tx.query('UPDATE handoff_cases SET identity_sealed = $1 WHERE id = $2', [seal(open.id), open.id]);
      return open.id;
    });
  }

  async sealedOf(caseId: string): Promise<{ queueId: string; sealed: string | undefined } | undefined> {
    const { rows } = await this.db.query<{ queue_id: string; identity_sealed: string | null }>('SELECT queue_id, identity_sealed FROM handoff_cases WHERE id = $1', [caseId]);
    const row = rows[0];
    return row ? { queueId: row.queue_id, sealed: row.identity_sealed ?? undefined } : undefined;
  }
}
