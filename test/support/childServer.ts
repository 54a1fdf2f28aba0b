import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { TEST_TOPIC_MODEL_DIR } from './testDatabase';

const HOOK = path.join(__dirname, 'tsRequireHook.js');
const MAIN = path.join(__dirname, 'childServerMain.ts');
// Duplicated from childServerMain.ts: importing it would start a server inside the test process.
const LISTENING_PREFIX = 'LUOTSI_CHILD_LISTENING ';

/** A Luotsi service in its own OS process (so a test can SIGKILL it). */
export interface ChildServer {
  url: string;
  pid: number;
  /** Everything the child wrote to stderr so far (for failure messages). */
  stderr(): string;
  /** SIGKILL: no shutdown code runs, as in a crash or an OOM kill. Resolves once it is gone. */
  kill(): Promise<void>;
  /** SIGTERM (graceful close), SIGKILL after `graceMs`. Resolves once it is gone. */
  stop(graceMs?: number): Promise<void>;
}

function exited(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => child.once('exit', () => resolve()));
}

/**
 * Starts test/support/childServerMain.ts under `node -r tsRequireHook.js` with `env` on top of
 * a test environment (silent log, loopback). Rejects if it exits or is not listening within
 * `startTimeoutMs`.
 */
export async function startChildServer(env: Record<string, string>, startTimeoutMs = 30_000): Promise<ChildServer> {
  const child = spawn(process.execPath, ['-r', HOOK, MAIN], {
    cwd: path.join(__dirname, '..', '..'),
    env: {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? '',
      NODE_ENV: 'test',
      LOG_LEVEL: 'silent',
      HOST: '127.0.0.1',
      PORT: '0',
      TOPIC_MODEL_DIR: TEST_TOPIC_MODEL_DIR,
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr!.setEncoding('utf8');
  child.stderr!.on('data', (chunk: string) => {
    // Bounded: a chatty child must not grow the test's memory without limit.
    stderr = (stderr + chunk).slice(-20_000);
  });
  const gone = exited(child);
  const url = await new Promise<string>((resolve, reject) => {
    let stdout = '';
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`child server not listening after ${startTimeoutMs} ms; stderr: ${stderr}`));
    }, startTimeoutMs);
    child.stdout!.setEncoding('utf8');
    child.stdout!.on('data', (chunk: string) => {
      stdout += chunk;
      const line = stdout.split('\n').find((l) => l.startsWith(LISTENING_PREFIX));
      if (line) {
        clearTimeout(timer);
        resolve(line.slice(LISTENING_PREFIX.length).trim());
      }
    });
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`child server exited (${code ?? signal}) before listening; stderr: ${stderr}`));
    });
  });
  // Keep draining stdout so a full pipe never blocks the child.
  child.stdout!.resume();
  const pid = child.pid!;
  return {
    url,
    pid,
    stderr: () => stderr,
    async kill() {
      child.kill('SIGKILL');
      await gone;
    },
    async stop(graceMs = 10_000) {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
      await gone;
      clearTimeout(timer);
    },
  };
}
