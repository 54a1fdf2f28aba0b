import type { CaseIdentityStore } from '../../handoff/caseIdentity';
import { OPEN_STATUSES } from '../../handoff/handoffStore';
import { forUpdate, type QueryDb } from '../query/queryDb';

/** CaseIdentityStore on the query layer: the open case is locked while the identity is sealed onto it. */
export class CaseIdentityRepository implements CaseIdentityStore {
  constructor(private readonly db: QueryDb) {}

  async attachToOpenCase(conversationId: string, seal: (caseId: string) => string): Promise<string | undefined> {
    return this.db.kysely.transaction().execute(async (tx) => {
      const open = await forUpdate(
        this.db,
        tx
          .selectFrom('handoff_cases')
          .select('id')
          .where('conversation_id', '=', conversationId)
          .where('status', 'in', OPEN_STATUSES)
          .orderBy('created_at', 'desc')
          .limit(1),
      ).executeTakeFirst();
      if (!open) return undefined;
      await tx
        .updateTable('handoff_cases')
        .set({ identity_sealed: seal(open.id) })
        .where('id', '=', open.id)
        .execute();
      return open.id;
    });
  }

  async sealedOf(caseId: string): Promise<{ queueId: string; sealed: string | undefined } | undefined> {
    const row = await this.db.kysely.selectFrom('handoff_cases').select(['queue_id', 'identity_sealed']).where('id', '=', caseId).executeTakeFirst();
    return row ? { queueId: row.queue_id, sealed: row.identity_sealed ?? undefined } : undefined;
  }
}
