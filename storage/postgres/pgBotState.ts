import { randomUUID } from 'node:crypto';
import type { Storage, StoreItems } from 'botbuilder';
import { StorageConflictError } from '../../errors';
import type { PgDb, PgQueryable } from './pgClient';
import type { Clock } from '../../clock';

interface Row {
  key: string;
  doc: string;
  etag: string;
}

/**
 * Bot Framework Storage on PostgreSQL, with SqliteBotState's eTag contract: a write carrying an
 * eTag other than '*' must match the stored one, else the whole batch fails with
 * StorageConflictError and nothing is written, whichever instance wrote in between.
 */
export class PgBotState implements Storage {
  constructor(
    private readonly db: PgDb,
    private readonly clock: Clock,
  ) {}

  async read(keys: string[]): Promise<StoreItems> {
    const items: StoreItems = {};
    if (keys.length === 0) return items;
    const { rows } = await this.db.query<Row>('SELECT key, doc, etag FROM bot_state WHERE key = ANY($1::text[])', [keys]);
    for (const row of rows) items[row.key] = { ...(JSON.parse(row.doc) as object), eTag: row.etag };
    return items;
  }

  async write(changes: StoreItems): Promise<void> {
    await this.db.transaction((tx) => this.writeIn(tx, changes));
  }

  /** The eTag-checked write inside the caller's transaction. */
  async writeIn(tx: PgQueryable, changes: StoreItems): Promise<void> {
    // Sorted, so two batches touching the same keys lock their rows (each upsert locks its own)
    // in one order and cannot deadlock.
    const entries = Object.entries(changes).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    if (entries.length === 0) return;
    const now = this.clock().getTime();
    for (const [key, item] of entries) {
      const { eTag, ...doc } = (item ?? {}) as { eTag?: string } & Record<string, unknown>;
      const expected = eTag !== undefined && eTag !== '*' ? eTag : null;
      // One statement checks and writes: a stored row with another eTag is left alone (no row
      // counted) and refused; a missing row is inserted, also when another instance inserts it
      // meanwhile, whose row the conflict clause then checks the same way. (A SELECT … FOR UPDATE
      // before it added a round trip a turn and decided nothing this WHERE does not.)
      const { rowCount } = await tx.query(
        `INSERT INTO bot_state (key, doc, etag, updated_at) VALUES ($1, $2, $3, $4)
         ON CONFLICT (key) DO UPDATE SET doc = EXCLUDED.doc, etag = EXCLUDED.etag, updated_at = EXCLUDED.updated_at
         WHERE $5::text IS NULL OR bot_state.etag = $5::text`,
        [key, JSON.stringify(doc), randomUUID(), now, expected],
      );
      if (rowCount !== 1) throw new StorageConflictError('eTag conflict writing a state item');
    }
  }

  async delete(keys: string[]): Promise<void> {
    if (keys.length === 0) return;
    await this.db.query('DELETE FROM bot_state WHERE key = ANY($1::text[])', [keys]);
  }

  /** Deletes state not written since `cutoff` (retention). */
  async purgeUpdatedBefore(cutoff: Date): Promise<number> {
    const { rowCount } = await this.db.query('DELETE FROM bot_state WHERE updated_at < $1', [cutoff.getTime()]);
    return rowCount;
  }
}
