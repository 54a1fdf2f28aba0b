import { JsonClient } from './jsonClient';

/**
 * The servers of a run, each behind its own keep-alive client: one, or several instances
 * sharing one database. `pick(n)` goes round-robin, so a caller that passes a counter that
 * grows by one per request spreads the load evenly with no stickiness.
 */
export class ServerSet {
  private readonly clients: JsonClient[];

  constructor(baseUrls: readonly string[], socketsPerServer: number, timeoutMs: number) {
    if (baseUrls.length === 0) throw new Error('a run needs at least one server');
    this.clients = baseUrls.map((url) => new JsonClient(new URL(url), socketsPerServer, timeoutMs));
  }

  /** The client of server `n` modulo the number of servers. */
  pick(n: number): JsonClient {
    return this.clients[n % this.clients.length]!;
  }

  close(): void {
    for (const client of this.clients) client.close();
  }
}
