import { spawn, type ChildProcess } from 'node:child_process';
import http from 'node:http';
import path from 'node:path';
import { onCleanup } from './cleanup';

export interface ChildSpec {
  name: string;
  /** Script run with this Node binary. */
  script: string;
  cwd: string;
  /** The child's whole environment: nothing leaks in from the shell that ran the bench. */
  env: Record<string, string>;
  /** Polled until it answers 200. */
  readyUrl: string;
  readyTimeoutMs: number;
  /** Node options before the script (e.g. --expose-gc for the memory run). */
  nodeArgs?: string[];
}

/** A server under test running in its own process (its own event loop, its own core if free). */
export interface ManagedChild {
  readonly pid: number;
  /** Lines the child wrote to stdout/stderr so far (a quiet server writes none at LOG_LEVEL=warn). */
  logLines(): number;
  /** The last few KB of its output, for error reports. */
  outputTail(): string;
  /** SIGTERM, then SIGKILL if it has not exited within 5 s. */
  stop(): Promise<void>;
  /**
   * A full garbage collection in the child (started with --expose-gc; see parentWatch.ts);
   * resolves with its heap in use after it, or undefined when the child cannot (no --expose-gc, no answer in 10 s).
   */
  collectGarbage(): Promise<number | undefined>;
  /** The server's phase times (Luotsi with PHASE_TIMING=true; see parentWatch.ts), undefined without an answer in 10 s. */
  phaseTimes(): Promise<Record<string, { calls: number; ms: number }> | undefined>;
  /** Forgets the server's phase times so far (after the warm-up). */
  resetPhaseTimes(): void;
}

const TAIL_BYTES = 4096;
/** The IPC request for a full collection and the key of its answer (as in parentWatch.ts). */
const GC_REQUEST = 'luotsi-bench:gc';
const GC_DONE = 'luotsi-bench:gc-done';
const PHASES_REQUEST = 'luotsi-bench:phases';
const PHASES_RESET = 'luotsi-bench:phases-reset';
const PHASES_DONE = 'luotsi-bench:phases-done';
const GC_TIMEOUT_MS = 10_000;
const PARENT_WATCH = path.join(__dirname, 'parentWatch.js');
/** restify 11 on Node 20 prints DEP0111 once per process; it is known and says nothing about the run. */
const KNOWN_NOISE = /^\(node:\d+\) \[DEP0111\]|^\(Use `node --trace-deprecation/;

function getStatus(url: string): Promise<number> {
  return new Promise((resolve) => {
    const req = http.get(url, { agent: false, timeout: 1000 }, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.on('timeout', () => req.destroy());
    req.on('error', () => resolve(0));
  });
}

const delay = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export async function startChild(spec: ChildSpec): Promise<ManagedChild> {
  // The IPC channel plus the preloaded parent watch make the child exit if this process dies abruptly.
  const child: ChildProcess = spawn(process.execPath, [...(spec.nodeArgs ?? []), '--require', PARENT_WATCH, spec.script], {
    cwd: spec.cwd,
    env: spec.env,
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
  });
  const unregister = onCleanup(() => child.kill('SIGKILL'));
  let tail = '';
  let lines = 0;
  const collect = (chunk: Buffer) => {
    // Chunks may split a line; good enough for a count and a tail shown only when something is off.
    const kept = chunk
      .toString('utf8')
      .split('\n')
      .filter((line) => line.trim() !== '' && !KNOWN_NOISE.test(line));
    lines += kept.length;
    if (kept.length > 0) tail = (tail + kept.join('\n') + '\n').slice(-TAIL_BYTES);
  };
  child.stdout?.on('data', collect);
  child.stderr?.on('data', collect);
  let exited: string | undefined;
  const exit = new Promise<void>((resolve) => {
    child.once('exit', (code, signal) => {
      exited = `exited with ${signal ?? `code ${code}`}`;
      unregister();
      resolve();
    });
  });
  const pid = child.pid;
  if (pid === undefined) throw new Error(`${spec.name}: could not be started`);

  const stop = async () => {
    if (exited) return;
    child.kill('SIGTERM');
    const killer = setTimeout(() => child.kill('SIGKILL'), 5000);
    await exit;
    clearTimeout(killer);
  };

  const deadline = Date.now() + spec.readyTimeoutMs;
  while ((await getStatus(spec.readyUrl)) !== 200) {
    if (exited || Date.now() > deadline) {
      // Said before the stop: after it, a server that was only slow has "exited with code 0" too.
      const reason = exited ?? `no 200 from ${spec.readyUrl} in ${spec.readyTimeoutMs} ms`;
      await stop();
      throw new Error(`${spec.name} did not become ready (${reason}):\n${tail}`);
    }
    await delay(100);
  }
  const collectGarbage = () =>
    new Promise<number | undefined>((resolve) => {
      if (exited || !spec.nodeArgs?.includes('--expose-gc')) return resolve(undefined);
      const done = (message: unknown) => {
        const heapUsed = typeof message === 'object' && message !== null ? (message as Record<string, unknown>)[GC_DONE] : undefined;
        if (typeof heapUsed !== 'number') return;
        finish(heapUsed);
      };
      const finish = (value: number | undefined) => {
        clearTimeout(timer);
        child.off('message', done);
        resolve(value);
      };
      const timer = setTimeout(() => finish(undefined), GC_TIMEOUT_MS);
      child.on('message', done);
      child.send(GC_REQUEST);
    });
  const phaseTimes = () =>
    new Promise<Record<string, { calls: number; ms: number }> | undefined>((resolve) => {
      if (exited) return resolve(undefined);
      const done = (message: unknown) => {
        const times = typeof message === 'object' && message !== null ? (message as Record<string, unknown>)[PHASES_DONE] : undefined;
        if (typeof times !== 'object' || times === null) return;
        finish(times as Record<string, { calls: number; ms: number }>);
      };
      const finish = (value: Record<string, { calls: number; ms: number }> | undefined) => {
        clearTimeout(timer);
        child.off('message', done);
        resolve(value);
      };
      const timer = setTimeout(() => finish(undefined), GC_TIMEOUT_MS);
      child.on('message', done);
      child.send(PHASES_REQUEST);
    });
  const resetPhaseTimes = () => {
    if (!exited) child.send(PHASES_RESET);
  };
  return { pid, logLines: () => lines, outputTail: () => tail, stop, collectGarbage, phaseTimes, resetPhaseTimes };
}
