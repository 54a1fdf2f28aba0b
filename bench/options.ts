/** Benchmark settings from the environment, validated so a typo fails before any child starts. */
export interface BenchOptions {
  /** Concurrent conversations per measured run, e.g. [10, 100]. */
  concurrency: number[];
  /** Turns each conversation makes in a measured run. */
  turns: number;
  /** Wall-clock cap of one measured run; conversations stop starting turns after it. */
  durationMs: number;
  /** Longest any single HTTP request or awaited reply may take. */
  requestTimeoutMs: number;
  /** Hard limit for the whole process: a hung run still ends and kills its children. */
  hardLimitMs: number;
}

/** Longest wait for other processes on the machine to quiet down before each measured run. */
export const QUIET_WAIT_MS = 15_000;

type Env = Record<string, string | undefined>;

function wholeNumber(name: string, raw: string, min: number, max: number): number {
  const text = raw.trim();
  if (!/^\d+$/.test(text)) throw new Error(`${name} must be a whole number, got "${raw}"`);
  const value = Number(text);
  if (value < min || value > max) throw new Error(`${name} must be between ${min} and ${max}, got ${value}`);
  return value;
}

function setting(env: Env, name: string, fallback: number, min: number, max: number): number {
  const raw = env[name];
  return raw === undefined || raw.trim() === '' ? fallback : wholeNumber(name, raw, min, max);
}

/** Reads BENCH_CONCURRENCY ("10,100"), BENCH_TURNS (20) and BENCH_DURATION (seconds, 20). */
export function readOptions(env: Env): BenchOptions {
  const concurrencyRaw = env.BENCH_CONCURRENCY?.trim() || '10,100';
  const concurrency = concurrencyRaw.split(',').map((part) => wholeNumber('BENCH_CONCURRENCY', part, 1, 1000));
  const turns = setting(env, 'BENCH_TURNS', 20, 1, 10_000);
  const durationMs = setting(env, 'BENCH_DURATION', 20, 1, 600) * 1000;
  const requestTimeoutMs = 15_000;
  // Per target: start-up, warm-up (10 s cap), and per run the quiet wait and the run, each may overrun by a request timeout or two.
  const perTarget = 30_000 + (10_000 + requestTimeoutMs) + concurrency.length * (QUIET_WAIT_MS + 2_000 + durationMs + 2 * requestTimeoutMs);
  return { concurrency, turns, durationMs, requestTimeoutMs, hardLimitMs: 3 * perTarget + 30_000 };
}
