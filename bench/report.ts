import os from 'node:os';
import type { QueueResult } from './handoffQueueBench';
import type { Measurement } from './loadRuns';
import { ratioTable, resultTable, scaleTable } from './loadTables';
import type { BenchOptions } from './options';
import type { RssResult } from './rssRun';
import { queueTable, rssTable } from './stateTables';
import type { Target } from './targets';
import { phaseTable, type PhaseResult } from './phaseRun';

/** Everything one `npm run bench` measured; parts not selected are empty. */
export interface BenchResults {
  targets: Target[];
  load: Measurement[];
  /** The PostgreSQL one-instance and two-instance runs of the scale part. */
  scale: Measurement[];
  rss: RssResult[];
  queue: QueueResult[];
  /** The per-phase breakdown of the phases part, one per backend. */
  phases: PhaseResult[];
  warnings: string[];
  postgresVersion: string | undefined;
}

/** CPU, cores, memory, OS, Node: what the figures depend on. */
export function describeMachine(): string {
  const cpus = os.cpus();
  const model = cpus[0]?.model.trim() || 'unknown CPU';
  const memGiB = (os.totalmem() / 1024 ** 3).toFixed(1);
  const load = os.loadavg()[0]?.toFixed(2) ?? 'n/a';
  return `${model}, ${cpus.length} cores, ${memGiB} GiB RAM, ${os.type()} ${os.release()} (${os.arch()}), Node ${process.version}; 1-min load average at the end ${load}`;
}

/** The Markdown block printed to stdout, ready to paste into README. */
export function renderReport(options: BenchOptions, results: BenchResults): string {
  const lines = [`Machine: ${describeMachine()}${results.postgresVersion ? `; ${results.postgresVersion}` : ''}.`, ''];
  if (results.load.length > 0) {
    lines.push(
      `**Load.** N simulated conversations at once, ${options.turns} turns each (a run stops at ${options.durationMs / 1000} s), ` +
        'HTTP/1.1 keep-alive over 127.0.0.1. Each server runs in its own process; the load generator (and PostgreSQL) share the same cores. ' +
        'Every target gets a warm-up before it is measured. Latency is per turn, from the request being sent until the reply has been read. ' +
        'CPU is percent of one core during the timed part; "Server CPU" sums the server processes and their worker processes (WEB_CONCURRENCY: every target is one process except the workers target); "DB CPU" is the PostgreSQL server with its backends; "Other CPU" is what other processes on the machine used meanwhile ' +
        `(anything well above a few percent means the figures were disturbed). Luotsi on PostgreSQL runs with DATABASE_POOL_SIZE=${options.poolSize}.`,
      '',
      ...resultTable(results.load),
      '',
      ...ratioTable(results.load, options.concurrency),
      '',
      'A turn is:',
      ...results.targets.map((t) => `- ${t.label}: ${t.turnMeans}.`),
      '',
    );
  }
  if (results.phases.length > 0) {
    lines.push(
      "**Where a turn's time goes.** Luotsi with PHASE_TIMING=true, 100 conversations, after a warm-up: the server sums the wall time of each phase " +
        '(metrics/turnPhases.ts). The phases below `request` are inside it; what `request` has beyond them is HTTP, botbuilder, the activity log and JSON. ' +
        "Wall time: `request` runs from the server's first handler to the answer, so on a busy server it includes waiting for the event loop, and a phase that waits for PostgreSQL includes the wait; the throughput of this run is not comparable with the load table (the timing costs a little).",
      '',
      ...phaseTable(results.phases),
      '',
    );
  }
  if (results.scale.length > 0) {
    lines.push(
      `**Two instances on one PostgreSQL.** Two Luotsi processes with the same DATABASE_URL, DATABASE_SCHEMA and DIRECTLINE_TOKEN_SECRET; ` +
        "conversations start on either in turn and each conversation's turns alternate between them (no stickiness). Same load as above; " +
        "the one-instance figures are the PostgreSQL target's runs at the same concurrency.",
      '',
      ...scaleTable(results.scale, options.scaleConcurrency),
      '',
    );
  }
  if (results.rss.length > 0) {
    lines.push(
      `**Memory after ${options.rssConversations} conversations${options.rssLongConversations > options.rssConversations ? ` (and on to ${options.rssLongConversations})` : ''}.** ` +
        `A fresh Luotsi process (started with --expose-gc); ${options.rssConcurrency} at a time, each conversation generates a token, ` +
        `starts, and answers the triage until the outcome or ${options.rssMaxTurns} turns. RSS (VmRSS from /proc) when ready, and 3 s after the ${options.rssConversations}th conversation ` +
        '("RSS after": with the garbage the collector has not reached yet, as an operator sees it). At each checkpoint the server then makes a full collection and RSS and the heap in use are read again; ' +
        '"left per conversation" is the growth of that RSS (and of the heap) from the first checkpoint (the warm-up) divided by the conversations since. ' +
        "RSS also holds SQLite's page cache (up to 16 MiB per connection in better-sqlite3's build), which fills as the database grows and then stays.",
      '',
      ...rssTable(results.rss),
      '',
    );
  }
  if (results.queue.length > 0) {
    lines.push(
      `**Handoff queue with ${options.queueCases} waiting cases**, in the bench process through the backend's store API (\`database.handoff\`; PostgreSQL pool ${options.poolSize}): ` +
        'one staff list (`listByQueues`), one `QueueDesk.queueSnapshot` and `positionActivity` for every waiting client (what one round of ' +
        `position updates computes for the queue), then ${options.queueClaims} claims of the oldest waiting case, one after another.`,
      '',
      ...queueTable(results.queue),
      '',
    );
  }
  const failures = [...results.load, ...results.scale].filter((r) => r.firstError !== undefined);
  const problems = [
    ...failures.map((r) => `- ${r.label}, ${r.concurrency} conversations: ${r.errors} errors, first: ${r.firstError}`),
    ...results.rss.filter((r) => r.firstError !== undefined).map((r) => `- ${r.label}, memory run: ${r.errors} errors, first: ${r.firstError}`),
    ...results.queue
      .filter((r) => r.firstClaimError !== undefined)
      .map((r) => `- queue on ${r.backend}: ${r.claimErrors} claim errors, first: ${r.firstClaimError}`),
    ...results.warnings.map((w) => `- ${w}`),
  ];
  if (problems.length > 0) lines.push('Problems seen:', ...problems);
  return lines.join('\n').trimEnd();
}
