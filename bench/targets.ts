import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { bareScenario } from './bareUser';
import { startChild, type ManagedChild } from './childProcess';
import { onCleanup } from './cleanup';
import type { Connector } from './connector';
import { echoBotScenario } from './echoBotUser';
import { freePort } from './freePort';
import type { Scenario } from './load';
import { luotsiScenario } from './luotsiUser';
import type { BenchPostgres } from './postgresServer';

export type TargetKey = 'luotsiSqlite' | 'luotsiPostgres' | 'luotsiPostgresWorkers' | 'luotsiPostgresPair' | 'echoBot' | 'bare';

/** A server under test, started in its own process (or processes). */
export interface Target {
  key: TargetKey;
  label: string;
  /** What one timed turn is, for the notes under the table. */
  turnMeans: string;
  start(options?: StartOptions): Promise<RunningTarget>;
}

/** How a target's server processes are started. */
export interface StartOptions {
  /** With --expose-gc, so the memory run can ask for a full collection (ManagedChild.collectGarbage). */
  exposeGc?: boolean;
  /** With PHASE_TIMING=true, so the phase run can read the per-phase times (ManagedChild.phaseTimes). */
  phaseTiming?: boolean;
}

export interface RunningTarget {
  /** One per server process; the load is spread over them round-robin. */
  baseUrls: string[];
  children: ManagedChild[];
  /** Processes the servers need besides themselves (the database server), read when asked. */
  helperPids(): number[];
  scenario: Scenario;
  stop(): Promise<void>;
}

/** Where Luotsi keeps its data in a run: SQLite in a temporary data directory, or a fresh schema on the bench's PostgreSQL. */
export type LuotsiStorage = { kind: 'sqlite' } | { kind: 'postgres'; postgres: BenchPostgres; poolSize: number };

/** Generous: a server trains its topic finder at start, and on a busy machine two workers take long. */
const READY_TIMEOUT_MS = 60_000;
/** dist/bench at run time; the repository root (where dist/index.js lives) is two levels up. */
const BENCH_DIR = __dirname;
const REPO_ROOT = path.resolve(__dirname, '..', '..');

/** Only what Node needs to run: the bench's results must not depend on the caller's shell. */
function baseEnv(): Record<string, string> {
  const env: Record<string, string> = {};
  for (const name of ['PATH', 'HOME', 'TMPDIR', 'LANG']) {
    const value = process.env[name];
    if (value !== undefined) env[name] = value;
  }
  return env;
}

/** A temporary data directory removed when the target stops or the bench ends. */
function tempDataDir(): { dir: string; remove(): void } {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'luotsi-bench-'));
  const removeDir = () => rmSync(dir, { recursive: true, force: true });
  const unregister = onCleanup(removeDir);
  return {
    dir,
    remove() {
      removeDir();
      unregister();
    },
  };
}

/**
 * Starts one Luotsi process (`node dist/index.js`) with the given database settings and
 * `workers` worker processes (WEB_CONCURRENCY; production's default would be one per core).
 */
async function startLuotsi(
  name: string,
  tokenSecret: string,
  databaseEnv: Record<string, string>,
  workers: number,
  start: StartOptions = {},
): Promise<{ baseUrl: string; child: ManagedChild; stop(): Promise<void> }> {
  const port = await freePort();
  const dataDir = tempDataDir();
  const baseUrl = `http://127.0.0.1:${port}`;
  try {
    const child = await startChild({
      name,
      script: path.join(REPO_ROOT, 'dist', 'index.js'),
      cwd: REPO_ROOT,
      env: {
        ...baseEnv(),
        // Production mode as deployed; it requires a real token key, made per target run.
        NODE_ENV: 'production',
        DIRECTLINE_TOKEN_SECRET: tokenSecret,
        HOST: '127.0.0.1',
        PORT: String(port),
        DATA_DIR: dataDir.dir,
        LOG_LEVEL: 'warn',
        // Every simulated client comes from 127.0.0.1; 100000 is the most config.ts accepts.
        TOKEN_RATE_LIMIT_PER_MINUTE: '100000',
        // Production refuses to start without an identity provider while queues require
        // identification; the benchmark never identifies, and the provider is only contacted then.
        OIDC_ISSUER: 'https://identification.invalid',
        OIDC_CLIENT_ID: 'luotsi-bench',
        OIDC_CLIENT_SECRET: 'bench-never-used',
        IDENTITY_ENCRYPTION_KEY: randomBytes(32).toString('base64'),
        ...databaseEnv,
        // Always said: a target's rows are one process unless it is the workers target.
        WEB_CONCURRENCY: String(workers),
        // One process: the sums are read from the process the bench started, not from workers.
        ...(start.phaseTiming && { PHASE_TIMING: 'true', WEB_CONCURRENCY: '1' }),
      },
      readyUrl: `${baseUrl}/readyz`,
      readyTimeoutMs: READY_TIMEOUT_MS,
      ...(start.exposeGc && { nodeArgs: ['--expose-gc'] }),
    });
    return {
      baseUrl,
      child,
      async stop() {
        await child.stop();
        dataDir.remove();
      },
    };
  } catch (error) {
    dataDir.remove();
    throw error;
  }
}

const SQLITE_TURN = 'POST activity (returns after the bot turn: flow restore, transition, SQLite state and log writes) + GET activities after the watermark';
const POSTGRES_TURN = 'as on SQLite, with state, activity log and turn lock in PostgreSQL';

/** What one timed turn of a Luotsi target is, for the notes under the table. */
function luotsiTurnMeans(storage: LuotsiStorage, instances: number, workers: number): string {
  if (storage.kind === 'sqlite') return SQLITE_TURN;
  if (instances > 1) return `${POSTGRES_TURN}; turns alternate between the ${instances} instances`;
  if (workers > 1) return `${POSTGRES_TURN}; one instance of ${workers} worker processes (WEB_CONCURRENCY=${workers}), whose CPU is the server CPU`;
  return POSTGRES_TURN;
}

/**
 * Luotsi on the given storage, as `instances` processes sharing it (PostgreSQL only) with
 * one token key, so any instance accepts any conversation's token; each instance runs
 * `workers` worker processes (WEB_CONCURRENCY, PostgreSQL only above 1).
 */
export function luotsiTarget(key: TargetKey, label: string, storage: LuotsiStorage, instances = 1, workers = 1): Target {
  if ((instances > 1 || workers > 1) && storage.kind !== 'postgres') throw new Error('several Luotsi processes need PostgreSQL');
  return {
    key,
    label,
    turnMeans: luotsiTurnMeans(storage, instances, workers),
    async start(startOptions: StartOptions = {}) {
      // base64url, not hex: config.ts refuses a key with fewer than 16 distinct characters as a placeholder.
      const tokenSecret = randomBytes(32).toString('base64url');
      const databaseEnv: Record<string, string> =
        storage.kind === 'sqlite'
          ? {}
          : {
              DATABASE_URL: storage.postgres.url,
              DATABASE_SCHEMA: storage.postgres.freshSchema(key.toLowerCase()),
              DATABASE_POOL_SIZE: String(storage.poolSize),
            };
      const started: Awaited<ReturnType<typeof startLuotsi>>[] = [];
      const stopAll = async () => {
        for (const server of started) await server.stop();
      };
      try {
        // One after another: the first one migrates the new schema, the others find it done.
        for (let i = 0; i < instances; i += 1)
          started.push(await startLuotsi(instances > 1 ? `Luotsi ${i + 1}` : 'Luotsi', tokenSecret, databaseEnv, workers, startOptions));
      } catch (error) {
        await stopAll();
        throw error;
      }
      return {
        baseUrls: started.map((s) => s.baseUrl),
        children: started.map((s) => s.child),
        helperPids: () => (storage.kind === 'postgres' ? storage.postgres.processes() : []),
        scenario: luotsiScenario,
        stop: stopAll,
      };
    },
  };
}

export function echoBotTarget(connector: Connector, serviceUrl: string, timeoutMs: number): Target {
  return {
    key: 'echoBot',
    label: 'Echo bot (CloudAdapter)',
    turnMeans: 'POST /api/messages; the bot replies over HTTP to a loopback connector in the load generator; done when both the POST and the reply are in',
    async start() {
      const port = await freePort();
      const baseUrl = `http://127.0.0.1:${port}`;
      const child = await startChild({
        name: 'echo bot',
        script: path.join(BENCH_DIR, 'echoBotServer.js'),
        cwd: REPO_ROOT,
        env: { ...baseEnv(), BENCH_PORT: String(port) },
        readyUrl: `${baseUrl}/healthz`,
        readyTimeoutMs: READY_TIMEOUT_MS,
      });
      return {
        baseUrls: [baseUrl],
        children: [child],
        helperPids: () => [],
        scenario: echoBotScenario(connector, serviceUrl, timeoutMs),
        stop: () => child.stop(),
      };
    },
  };
}

export function bareTarget(): Target {
  return {
    key: 'bare',
    label: 'Bare restify POST',
    turnMeans: 'one POST /echo with a message-sized JSON body, answered with an id',
    async start() {
      const port = await freePort();
      const baseUrl = `http://127.0.0.1:${port}`;
      const child = await startChild({
        name: 'bare restify',
        script: path.join(BENCH_DIR, 'bareServer.js'),
        cwd: REPO_ROOT,
        env: { ...baseEnv(), BENCH_PORT: String(port) },
        readyUrl: `${baseUrl}/healthz`,
        readyTimeoutMs: READY_TIMEOUT_MS,
      });
      return { baseUrls: [baseUrl], children: [child], helperPids: () => [], scenario: bareScenario, stop: () => child.stop() };
    },
  };
}
