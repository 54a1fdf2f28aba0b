import { randomUUID } from 'node:crypto';
import type { Storage, StoreItems } from 'botbuilder';
import { StorageConflictError } from '../../errors';
import type { SqliteHandle } from './openSqlite';
import type { Clock } from '../../clock';

interface Row {
  key: string;
  doc: string;
  etag: string;
}

/**
 * Bot Framework Storage on SQLite. Same eTag contract as the SDK's MemoryStorage:
 * a write carrying an eTag other than '*' must match the stored one, else the whole
 * batch fails with StorageConflictError and nothing is written.
 */
export class SqliteBotState implements Storage {
  private readonly selectOne;
  private readonly upsert;
  private readonly remove;
  private readonly purge;

  constructor(
    private readonly db: SqliteHandle,
    private readonly clock: Clock,
  ) {
    this.selectOne = db.prepare<[string], Row>('SELECT key, doc, etag FROM bot_state WHERE key = ?');
    this.upsert = db.prepare(
      `INSERT INTO bot_state (key, doc, etag, updated_at) VALUES (@key, @doc, @etag, @now)
       ON CONFLICT(key) DO UPDATE SET doc = excluded.doc, etag = excluded.etag, updated_at = excluded.updated_at`,
    );
    this.remove = db.prepare('DELETE FROM bot_state WHERE key = ?');
    this.purge = db.prepare('DELETE FROM bot_state WHERE updated_at < ?');
  }

  async read(keys: string[]): Promise<StoreItems> {
    const items: StoreItems = {};
    for (const key of keys) {
      const row = this.selectOne.get(key);
      if (row) items[key] = { ...(JSON.parse(row.doc) as object), eTag: row.etag };
    }
    return items;
  }

  async write(changes: StoreItems): Promise<void> {
    this.db.transaction(() => this.writeInTransaction(changes)).immediate();
  }

  /** The eTag-checked write inside the caller's (synchronous) transaction. */
  writeInTransaction(changes: StoreItems): void {
    const now = this.clock().getTime();
    for (const [key, item] of Object.entries(changes)) {
      const { eTag, ...doc } = (item ?? {}) as { eTag?: string } & Record<string, unknown>;
      const current = this.selectOne.get(key);
      if (current && eTag !== undefined && eTag !== '*' && eTag !== current.etag) {
        throw new StorageConflictError(`eTag conflict writing a state item`);
      }
      this.upsert.run({ key, doc: JSON.stringify(doc), etag: randomUUID(), now });
    }
  }

  async delete(keys: string[]): Promise<void> {
    this.db.transaction(() => {
      for (const key of keys) this.remove.run(key);
    })();
  }

  /** Deletes state not written since `cutoff` (retention). */
  async purgeUpdatedBefore(cutoff: Date): Promise<number> {
    return this.purge.run(cutoff.getTime()).changes;
  }
}
