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

export type TargetKey = 'luotsi' | 'echoBot' | 'bare';

/** A server under test, started in its own process. */
export interface Target {
  key: TargetKey;
  label: string;
  /** What one timed turn is, for the notes under the table. */
  turnMeans: string;
  start(): Promise<RunningTarget>;
}

export interface RunningTarget {
  baseUrl: string;
  child: ManagedChild;
  scenario: Scenario;
  stop(): Promise<void>;
}

const READY_TIMEOUT_MS = 20_000;
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

export function luotsiTarget(): Target {
  return {
    key: 'luotsi',
    label: 'Luotsi web channel',
    turnMeans: 'POST activity (returns after the bot turn: flow restore, transition, SQLite state and log writes) + GET activities after the watermark',
    async start() {
      const port = await freePort();
      const dataDir = mkdtempSync(path.join(os.tmpdir(), 'luotsi-bench-'));
      const removeDataDir = () => rmSync(dataDir, { recursive: true, force: true });
      const unregister = onCleanup(removeDataDir);
      const baseUrl = `http://127.0.0.1:${port}`;
      try {
        const child = await startChild({
          name: 'Luotsi',
          script: path.join(REPO_ROOT, 'dist', 'index.js'),
          cwd: REPO_ROOT,
          env: {
            ...baseEnv(),
            // Production mode as deployed; it requires a real token key, so one is made per run.
            NODE_ENV: 'production',
            DIRECTLINE_TOKEN_SECRET: randomBytes(24).toString('hex'),
            HOST: '127.0.0.1',
            PORT: String(port),
            DATA_DIR: dataDir,
            LOG_LEVEL: 'warn',
            // Every simulated client comes from 127.0.0.1; 100000 is the most config.ts accepts.
            TOKEN_RATE_LIMIT_PER_MINUTE: '100000',
          },
          readyUrl: `${baseUrl}/readyz`,
          readyTimeoutMs: READY_TIMEOUT_MS,
        });
        return {
          baseUrl,
          child,
          scenario: luotsiScenario,
          async stop() {
            await child.stop();
            removeDataDir();
            unregister();
          },
        };
      } catch (error) {
        removeDataDir();
        unregister();
        throw error;
      }
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
      return { baseUrl, child, scenario: echoBotScenario(connector, serviceUrl, timeoutMs), stop: () => child.stop() };
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
      return { baseUrl, child, scenario: bareScenario, stop: () => child.stop() };
    },
  };
}
