import { randomBytes } from 'node:crypto';
import { Client, type Pool, type PoolClient } from 'pg';
import type { Coordination } from '../coordination';
import { errorParts, mapPgError, PgDb, watchCheckedOut, type PgQueryable, type PgSettings } from './pgClient';

const RELISTEN_DELAY_MS = 1000;

/**
 * Coordination of instances on one PostgreSQL database: session advisory locks for a
 * conversation's turns and for leader jobs (held on their own pool, so a turn waiting for its
 * lock never starves the queries it will run), and LISTEN/NOTIFY for "this conversation's log
 * grew", so a client's stream on one instance hears what another instance wrote.
 */
export class PgCoordination implements Coordination {
  private readonly lockPool: Pool;
  private readonly listeners: ((conversationId: string | undefined) => void)[] = [];
  private readonly signalListeners: ((payload: string | undefined) => void)[] = [];
  private readonly channel: string;
  /** Staff console signals (handoff/staffSignals.ts) travel on a channel of their own. */
  private readonly signalChannel: string;
  private readonly lockNamespace: string;
  /** Tags this instance's notifications so it does not re-read what it announced itself. */
  private readonly instanceId = randomBytes(6).toString('hex');
  private listener: Client | undefined;
  private closed = false;
  private relistenTimer: NodeJS.Timeout | undefined;

  constructor(
    private readonly db: PgDb,
    private readonly settings: PgSettings,
    private readonly onBackgroundError: (error: unknown) => void,
  ) {
    // Lock connections wait for a turn rather than time out: the turn timeout bounds the wait.
    this.lockPool = PgDb.createPool({ ...settings, connectTimeoutMs: 0 }, settings.poolSize, onBackgroundError);
    this.channel = `luotsi:${settings.schema}`;
    this.signalChannel = `luotsi-staff:${settings.schema}`;
    this.lockNamespace = `luotsi:${settings.schema}`;
  }

  async withConversationLock<T>(conversationId: string, work: () => Promise<T>): Promise<T> {
    const done = await this.holding('turn', conversationId, true, work);
    if (!done) throw new Error('advisory lock not granted');
    return done.value;
  }

  async runExclusive(job: string, work: () => Promise<void>): Promise<boolean> {
    return (await this.holding('job', job, false, work)) !== undefined;
  }

  /**
   * Runs `work` holding a session advisory lock on a connection of the lock pool: waiting for it
   * (`wait`) or giving up at once (undefined) when another session holds it.
   */
  private async holding<T>(lock: 'turn' | 'job', key: string, wait: boolean, work: () => Promise<T>): Promise<{ value: T } | undefined> {
    await this.db.ready;
    const client = await this.connectLockClient();
    // The lock connection sits idle while the turn or job runs: it must not crash the process if it dies.
    const held = watchCheckedOut(client);
    const args = [`${this.lockNamespace}:${lock}`, key];
    let broken: Error | undefined;
    try {
      const take = wait
        ? 'SELECT pg_advisory_lock(hashtext($1), hashtext($2)), true AS locked'
        : 'SELECT pg_try_advisory_lock(hashtext($1), hashtext($2)) AS locked';
      const { rows } = await client.query<{ locked: boolean }>(take, args).catch(mapPgError);
      if (!rows[0]?.locked) return undefined;
      try {
        return { value: await work() };
      } finally {
        await client.query('SELECT pg_advisory_unlock(hashtext($1), hashtext($2))', args).catch((error: unknown) => {
          // Closing the connection releases its session locks.
          broken = error instanceof Error ? error : new Error('unlock failed');
        });
      }
    } catch (error) {
      // Duck-typed: socket errors may be another realm's Error (see errorParts).
      const parts = errorParts(error);
      if (parts && broken === undefined && /terminat|ECONN/i.test(parts.message)) broken = error as Error;
      throw error;
    } finally {
      held.release(broken);
    }
  }

  async announce(conversationId: string): Promise<void> {
    await this.announceIn(this.db, conversationId);
  }

  /** `announce` inside the caller's transaction: PostgreSQL delivers it when (and only if) that commits. */
  async announceIn(tx: PgQueryable, conversationId: string): Promise<void> {
    await tx.query('SELECT pg_notify($1, $2)', [this.channel, `${this.instanceId} ${conversationId}`]);
  }

  onAnnounce(listener: (conversationId: string | undefined) => void): void {
    this.listeners.push(listener);
    if (!this.listener && !this.relistenTimer) void this.listen();
  }

  async signal(payload: string): Promise<void> {
    await this.db.query('SELECT pg_notify($1, $2)', [this.signalChannel, `${this.instanceId} ${payload}`]);
  }

  onSignal(listener: (payload: string | undefined) => void): void {
    this.signalListeners.push(listener);
    if (!this.listener && !this.relistenTimer) void this.listen();
  }

  /** Opens the LISTEN connection; after it drops, reopens it and asks listeners to re-check. */
  private async listen(): Promise<void> {
    if (this.closed) return;
    const client = new Client({ connectionString: this.settings.url, application_name: 'luotsi-listen' });
    let reported = false;
    const retry = (error: unknown) => {
      if (reported) return;
      reported = true;
      if (this.listener === client) this.listener = undefined;
      client.end().catch(() => undefined);
      if (this.closed) return;
      this.onBackgroundError(error);
      this.relistenTimer = setTimeout(() => {
        this.relistenTimer = undefined;
        void this.listen();
      }, RELISTEN_DELAY_MS);
      this.relistenTimer.unref();
    };
    client.on('error', retry);
    client.on('end', () => retry(new Error('LISTEN connection ended')));
    client.on('notification', (message) => {
      if ((message.channel !== this.channel && message.channel !== this.signalChannel) || !message.payload) return;
      const space = message.payload.indexOf(' ');
      if (space < 0 || message.payload.slice(0, space) === this.instanceId) return;
      const rest = message.payload.slice(space + 1);
      const listeners = message.channel === this.channel ? this.listeners : this.signalListeners;
      for (const listener of listeners) listener(rest);
    });
    try {
      await this.db.ready;
      await client.connect();
      await client.query(`LISTEN "${this.channel.replace(/"/g, '""')}"`);
      await client.query(`LISTEN "${this.signalChannel.replace(/"/g, '""')}"`);
      this.listener = client;
      // Whatever was announced while nobody listened: let every stream re-read its log.
      for (const listener of this.listeners) listener(undefined);
      for (const listener of this.signalListeners) listener(undefined);
    } catch (error) {
      retry(error);
    }
  }

  private async connectLockClient(): Promise<PoolClient> {
    try {
      return await this.lockPool.connect();
    } catch (error) {
      return mapPgError(error);
    }
  }

  async close(): Promise<void> {
    this.closed = true;
    if (this.relistenTimer) clearTimeout(this.relistenTimer);
    const listener = this.listener;
    this.listener = undefined;
    await listener?.end().catch(() => undefined);
    await this.lockPool.end();
  }
}
