/**
 * `npm run bench`: Luotsi's web channel on SQLite and on PostgreSQL, the stock Bot Framework
 * echo bot and a bare restify route under the same conversational load, each server in its
 * own child process; two Luotsi instances on one PostgreSQL against one; the server's memory
 * after many whole conversations; and the handoff queue with many waiting cases. Prints a
 * Markdown report (stdout) and progress (stderr). Nothing is written to the repo; PostgreSQL
 * is a private throwaway cluster (scripts/postgresCluster.ts) stopped however the bench ends.
 *
 * Environment (all optional):
 * - BENCH_PARTS: comma-separated subset of load,scale,rss,queue,phases (default all)
 * - BENCH_BACKENDS: sqlite,postgres (default both; scale needs postgres)
 * - BENCH_CONCURRENCY: conversations at once per load run (default "10,100,1000")
 * - BENCH_SCALE_CONCURRENCY: the same for one-versus-two instances (default "100,1000")
 * - BENCH_TURNS: turns per conversation in a load run (default 20)
 * - BENCH_DURATION: seconds cap per load run (default 20)
 * - BENCH_RSS_CONVERSATIONS: whole conversations before RSS is read (default 10000)
 * - BENCH_RSS_LONG_CONVERSATIONS: the same run goes on to this many, memory read again (default 50000; 0: no)
 * - BENCH_RSS_CONCURRENCY: of those, at once (default 50)
 * - BENCH_RSS_MAX_TURNS: a conversation ends at the outcome or after this many turns (default 12)
 * - BENCH_QUEUE_CASES: waiting cases in the handoff queue part (default 10000)
 * - BENCH_QUEUE_CLAIMS: claims timed there (default 200)
 * - BENCH_POOL_SIZE: DATABASE_POOL_SIZE of Luotsi on PostgreSQL and of the queue part (default 20)
 */
import { Client } from 'pg';
import { cleanupNow } from './cleanup';
import { Connector } from './connector';
import { benchHandoffQueue } from './handoffQueueBench';
import { benchTarget, progress, type Measurement } from './loadRuns';
import { readOptions, type BenchOptions } from './options';
import { startBenchPostgres, type BenchPostgres } from './postgresServer';
import { renderReport, type BenchResults } from './report';
import { measureRss } from './rssRun';
import { measurePhases } from './phaseRun';
import { bareTarget, echoBotTarget, luotsiTarget, type LuotsiStorage, type Target } from './targets';

const message = (error: unknown) => (error instanceof Error ? error.message : String(error));

function storageFor(backend: 'sqlite' | 'postgres', postgres: BenchPostgres | undefined, options: BenchOptions): LuotsiStorage {
  if (backend === 'sqlite') return { kind: 'sqlite' };
  if (!postgres) throw new Error('PostgreSQL was not started');
  return { kind: 'postgres', postgres, poolSize: options.poolSize };
}

/** Worker processes of the PostgreSQL workers target: the machine's two cores. */
const POSTGRES_WORKERS = 2;

const luotsiLabel = (backend: 'sqlite' | 'postgres') => (backend === 'sqlite' ? 'Luotsi, SQLite' : 'Luotsi, PostgreSQL');

/** One part of one target: a failure is reported with the results instead of ending the bench. */
async function attempt<T>(what: string, warnings: string[], work: () => Promise<T>): Promise<T | undefined> {
  try {
    return await work();
  } catch (error) {
    progress(`${what} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    warnings.push(`${what} failed: ${message(error).split('\n')[0]}`);
    return undefined;
  }
}

async function serverVersion(url: string): Promise<string> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    const result = await client.query<{ server_version: string }>('SHOW server_version');
    return `PostgreSQL ${result.rows[0]?.server_version ?? 'unknown'} (fsync off, throwaway cluster on the same machine)`;
  } finally {
    await client.end();
  }
}

async function loadPart(options: BenchOptions, postgres: BenchPostgres | undefined, results: BenchResults): Promise<void> {
  const connector = new Connector();
  const serviceUrl = await connector.listen();
  const targets: Target[] = [
    ...options.backends.map((backend) =>
      luotsiTarget(backend === 'sqlite' ? 'luotsiSqlite' : 'luotsiPostgres', luotsiLabel(backend), storageFor(backend, postgres, options)),
    ),
    // Both cores on PostgreSQL: one instance with production's worker processes (one per core here).
    ...(options.backends.includes('postgres')
      ? [
          luotsiTarget(
            'luotsiPostgresWorkers',
            `Luotsi, PostgreSQL, ${POSTGRES_WORKERS} workers`,
            storageFor('postgres', postgres, options),
            1,
            POSTGRES_WORKERS,
          ),
        ]
      : []),
    echoBotTarget(connector, serviceUrl, options.requestTimeoutMs),
    bareTarget(),
  ];
  results.targets.push(...targets);
  try {
    for (const target of targets) {
      const measured = await attempt(`${target.label} load runs`, results.warnings, () => benchTarget(target, options.concurrency, options, results.warnings));
      results.load.push(...(measured ?? []));
    }
  } finally {
    await connector.close();
  }
  if (connector.unexpected > 0) results.warnings.push(`the connector got ${connector.unexpected} echo-bot replies nobody was waiting for`);
}

async function scalePart(options: BenchOptions, postgres: BenchPostgres, results: BenchResults): Promise<void> {
  const storage = storageFor('postgres', postgres, options);
  // The one-instance figures come from the load part when it ran at these concurrencies.
  const reused = results.load.filter((m) => m.target === 'luotsiPostgres' && options.scaleConcurrency.includes(m.concurrency));
  results.scale.push(...reused);
  const missing = options.scaleConcurrency.filter((n) => !reused.some((m) => m.concurrency === n));
  if (missing.length > 0) {
    const one: Measurement[] | undefined = await attempt('one Luotsi instance on PostgreSQL', results.warnings, () =>
      benchTarget(luotsiTarget('luotsiPostgres', luotsiLabel('postgres'), storage), missing, options, results.warnings),
    );
    results.scale.push(...(one ?? []));
  }
  const pair = luotsiTarget('luotsiPostgresPair', 'Luotsi ×2, PostgreSQL', storage, 2);
  const two = await attempt('two Luotsi instances on PostgreSQL', results.warnings, () =>
    benchTarget(pair, options.scaleConcurrency, options, results.warnings),
  );
  results.scale.push(...(two ?? []));
  results.targets.push(pair);
}

async function main(): Promise<void> {
  const options = readOptions(process.env);
  const watchdog = setTimeout(() => {
    progress(`benchmark exceeded its hard limit of ${Math.round(options.hardLimitMs / 1000)} s; stopping`);
    cleanupNow();
    process.exit(2);
  }, options.hardLimitMs);
  watchdog.unref();

  const results: BenchResults = { targets: [], load: [], scale: [], rss: [], queue: [], phases: [], warnings: [], postgresVersion: undefined };
  const wantsPostgres = options.backends.includes('postgres');
  let postgres: BenchPostgres | undefined;
  if (wantsPostgres) {
    progress('starting a throwaway PostgreSQL cluster');
    postgres = await startBenchPostgres();
    results.postgresVersion = await serverVersion(postgres.url);
  }
  try {
    if (options.parts.includes('load')) await loadPart(options, postgres, results);
    if (options.parts.includes('scale')) {
      if (postgres) await scalePart(options, postgres, results);
      else results.warnings.push('the scale part needs PostgreSQL (BENCH_BACKENDS without postgres); skipped');
    }
    if (options.parts.includes('rss')) {
      for (const backend of options.backends) {
        const target = luotsiTarget(backend === 'sqlite' ? 'luotsiSqlite' : 'luotsiPostgres', luotsiLabel(backend), storageFor(backend, postgres, options));
        const rss = await attempt(`${target.label} memory run`, results.warnings, () => measureRss(target, options));
        if (rss) results.rss.push(rss);
      }
    }
    if (options.parts.includes('phases')) {
      for (const backend of options.backends) {
        const target = luotsiTarget(backend === 'sqlite' ? 'luotsiSqlite' : 'luotsiPostgres', luotsiLabel(backend), storageFor(backend, postgres, options));
        const phases = await attempt(`${target.label} phase run`, results.warnings, () => measurePhases(target, options));
        if (phases) results.phases.push(phases);
      }
    }
    if (options.parts.includes('queue')) {
      for (const backend of options.backends) {
        const queue = await attempt(`handoff queue on ${backend}`, results.warnings, () => benchHandoffQueue(backend, postgres, options));
        if (queue) results.queue.push(queue);
      }
    }
  } finally {
    postgres?.stop();
  }
  process.stdout.write(`${renderReport(options, results)}\n`);
  clearTimeout(watchdog);
}

main().catch((error: unknown) => {
  progress(`benchmark failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  cleanupNow();
  process.exitCode = 1;
});
