// What a county's operations team watches, in the Prometheus text format (prom-client). Labels
// are small fixed sets only — channel, route pattern, status, queue, urgency, topic, error kind —
// never a conversation or case id, a message or an answer.

import cluster from 'node:cluster';
import { AggregatorRegistry, collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';

/** Channels a turn can come from; anything else is counted as 'other' so labels stay few. */
const KNOWN_CHANNELS = new Set(['webchat', 'directline', 'msteams', 'emulator', 'test', 'luotsi-web']);

/** A channel id as a label value. */
export function channelLabel(channelId: string | undefined): string {
  return channelId !== undefined && KNOWN_CHANNELS.has(channelId) ? channelId : 'other';
}

/** Live figures read when Prometheus scrapes (queue lengths, staff online, database). */
export interface ScrapeSources {
  queues(): Promise<readonly { queueId: string; waiting: number; longestWaitMs: number; staffOnline: number }[]>;
  /** Round trip of a trivial query, in seconds. */
  databasePing(): Promise<number>;
  /** Connection pool use (PostgreSQL), absent on the embedded database. */
  pool(): { total: number; idle: number; waiting: number } | undefined;
}

/** The service's metrics on a registry of its own (several servers in one process stay apart). */
export class ServiceMetrics {
  readonly registry = new Registry();
  readonly turnSeconds: Histogram<'channel'>;
  readonly turns: Counter<'channel'>;
  readonly turnErrors: Counter<'channel' | 'kind'>;
  readonly outcomes: Counter<'urgency' | 'topic'>;
  readonly httpRequests: Counter<'method' | 'route' | 'status'>;
  readonly httpSeconds: Histogram<'method' | 'route'>;
  readonly commitSeconds: Histogram<'database'>;

  constructor(database: string, sources: ScrapeSources) {
    const registers = [this.registry];
    // Process figures under their usual names (event-loop lag, memory, CPU), so stock dashboards work.
    collectDefaultMetrics({ register: this.registry });
    // A worker answers the primary's aggregated scrape (METRICS_PORT) with this registry.
    // (Constructing one is what makes prom-client listen for the primary's requests in a worker.)
    if (cluster.isWorker) {
      new AggregatorRegistry();
      AggregatorRegistry.setRegistries([this.registry]);
    }
    this.turnSeconds = new Histogram({
      name: 'luotsi_turn_duration_seconds',
      help: 'Time from an incoming activity to the end of the bot turn (state saved, replies logged).',
      labelNames: ['channel'],
      buckets: [0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
      registers,
    });
    this.turns = new Counter({ name: 'luotsi_turns_total', help: 'Bot turns taken.', labelNames: ['channel'], registers });
    this.turnErrors = new Counter({
      name: 'luotsi_turn_errors_total',
      help: 'Bot turns that failed, by error class.',
      labelNames: ['channel', 'kind'],
      registers,
    });
    this.outcomes = new Counter({
      name: 'luotsi_outcomes_total',
      help: 'Triage outcomes given, by urgency and topic (counts only).',
      labelNames: ['urgency', 'topic'],
      registers,
    });
    this.httpRequests = new Counter({
      name: 'luotsi_http_requests_total',
      help: 'HTTP responses by route pattern and status.',
      labelNames: ['method', 'route', 'status'],
      registers,
    });
    this.httpSeconds = new Histogram({
      name: 'luotsi_http_request_duration_seconds',
      help: 'HTTP request handling time by route pattern.',
      labelNames: ['method', 'route'],
      buckets: [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 10],
      registers,
    });
    this.commitSeconds = new Histogram({
      name: 'luotsi_database_commit_duration_seconds',
      help: "Time to commit a web channel turn's state and replies in one transaction.",
      labelNames: ['database'],
      buckets: [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1],
      registers,
    });
    this.commitSeconds.zero({ database });

    // One read of the queues serves the three queue gauges of a scrape.
    let pending: ReturnType<ScrapeSources['queues']> | undefined;
    const queuesOnce = () => (pending ??= sources.queues().finally(() => setImmediate(() => (pending = undefined))));
    const queueGauge = (name: string, help: string, value: (row: Awaited<ReturnType<ScrapeSources['queues']>>[number]) => number) =>
      new Gauge({
        name,
        help,
        labelNames: ['queue'],
        registers,
        aggregator: 'first',
        async collect() {
          for (const row of await queuesOnce()) this.set({ queue: row.queueId }, value(row));
        },
      });
    queueGauge('luotsi_queue_waiting', 'Cases waiting in a work queue.', (row) => row.waiting);
    queueGauge('luotsi_queue_oldest_wait_seconds', 'How long the longest-waiting case of a queue has waited.', (row) => row.longestWaitMs / 1000);
    queueGauge('luotsi_queue_staff_online', 'Staff of a queue with a live console session.', (row) => row.staffOnline);
    new Gauge({
      name: 'luotsi_database_ping_seconds',
      help: 'Round trip of a trivial database query at scrape time.',
      labelNames: ['database'],
      registers,
      aggregator: 'max',
      async collect() {
        this.set({ database }, await sources.databasePing());
      },
    });
    new Gauge({
      name: 'luotsi_database_pool_connections',
      help: 'PostgreSQL pool connections by state (total, idle, waiting requests).',
      labelNames: ['state'],
      registers,
      collect() {
        const use = sources.pool();
        if (!use) return;
        this.set({ state: 'total' }, use.total);
        this.set({ state: 'idle' }, use.idle);
        this.set({ state: 'waiting' }, use.waiting);
      },
    });
  }

  /** The text a scrape returns. */
  scrape(): Promise<string> {
    return this.registry.metrics();
  }
}
