/** Benchmark settings from the environment, validated so a typo fails before any child starts. */

/** The parts of the benchmark that BENCH_PARTS can select. */
export const PARTS = ['load', 'scale', 'rss', 'queue', 'phases'] as const;
export type Part = (typeof PARTS)[number];

/** The storage backends Luotsi can run on. */
export const BACKENDS = ['sqlite', 'postgres'] as const;
export type Backend = (typeof BACKENDS)[number];

export interface BenchOptions {
  parts: Part[];
  backends: Backend[];
  /** Concurrent conversations per measured load run, e.g. [10, 100, 1000]. */
  concurrency: number[];
  /** Concurrencies of the one-versus-two-instances comparison on PostgreSQL. */
  scaleConcurrency: number[];
  /** Turns each conversation makes in a measured run. */
  turns: number;
  /** Wall-clock cap of one measured run; conversations stop starting turns after it. */
  durationMs: number;
  /** Conversations run to their end before the server's RSS is read. */
  rssConversations: number;
  /** The same RSS run goes on to this many conversations, to show memory stays flat (0: stop at rssConversations). */
  rssLongConversations: number;
  /** Conversations in flight at once during the RSS run. */
  rssConcurrency: number;
  /** A conversation of the RSS run ends at the triage outcome or after this many turns. */
  rssMaxTurns: number;
  /** Waiting cases in the handoff queue benchmark. */
  queueCases: number;
  /** Claims of the oldest waiting case that are timed. */
  queueClaims: number;
  /** DATABASE_POOL_SIZE of every Luotsi instance on PostgreSQL, and of the in-process queue benchmark. */
  poolSize: number;
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

function numberList(env: Env, name: string, fallback: string, min: number, max: number): number[] {
  const raw = env[name]?.trim() || fallback;
  return raw.split(',').map((part) => wholeNumber(name, part, min, max));
}

function nameList<T extends string>(env: Env, name: string, allowed: readonly T[]): T[] {
  const raw = env[name]?.trim();
  if (!raw) return [...allowed];
  return raw.split(',').map((part) => {
    const value = part.trim();
    const found = allowed.find((a) => a === value);
    if (found === undefined) throw new Error(`${name}: "${value}" is not one of ${allowed.join(', ')}`);
    return found;
  });
}

/** Reads the BENCH_* variables documented at the top of run.ts. */
export function readOptions(env: Env): BenchOptions {
  const parts = nameList(env, 'BENCH_PARTS', PARTS);
  const backends = nameList(env, 'BENCH_BACKENDS', BACKENDS);
  const concurrency = numberList(env, 'BENCH_CONCURRENCY', '10,100,1000', 1, 2000);
  const scaleConcurrency = numberList(env, 'BENCH_SCALE_CONCURRENCY', '100,1000', 1, 2000);
  const turns = setting(env, 'BENCH_TURNS', 20, 1, 10_000);
  const durationMs = setting(env, 'BENCH_DURATION', 20, 1, 600) * 1000;
  const rssConversations = setting(env, 'BENCH_RSS_CONVERSATIONS', 10_000, 1, 1_000_000);
  const rssLongConversations = setting(env, 'BENCH_RSS_LONG_CONVERSATIONS', 50_000, 0, 1_000_000);
  const rssConcurrency = setting(env, 'BENCH_RSS_CONCURRENCY', 50, 1, 2000);
  const rssMaxTurns = setting(env, 'BENCH_RSS_MAX_TURNS', 12, 1, 1000);
  const queueCases = setting(env, 'BENCH_QUEUE_CASES', 10_000, 1, 1_000_000);
  const queueClaims = setting(env, 'BENCH_QUEUE_CLAIMS', 200, 1, 100_000);
  const poolSize = setting(env, 'BENCH_POOL_SIZE', 20, 1, 100);
  const requestTimeoutMs = 15_000;

  // Bounds for the watchdog only: generous, so it fires on a hang, never on a slow machine.
  const perLoadRun = QUIET_WAIT_MS + 60_000 + durationMs + 2 * requestTimeoutMs;
  const perTarget = 30_000 + 60_000 + 10_000 + requestTimeoutMs;
  const luotsiTargets = parts.includes('load') ? backends.length : 0;
  const loadMs = parts.includes('load') ? (luotsiTargets + 2) * perTarget + (luotsiTargets + 2) * concurrency.length * perLoadRun : 0;
  const scaleMs = parts.includes('scale') && backends.includes('postgres') ? 2 * perTarget + 2 * scaleConcurrency.length * perLoadRun : 0;
  // At worst ~50 ms per turn of a whole conversation, with set-up counted as three turns.
  const rssMs = parts.includes('rss') ? backends.length * (perTarget + Math.max(rssConversations, rssLongConversations) * (rssMaxTurns + 3) * 50) : 0;
  const phasesMs = parts.includes('phases') ? backends.length * (perTarget + 2 * perLoadRun) : 0;
  const queueMs = parts.includes('queue') ? backends.length * (60_000 + queueCases * 20 + queueClaims * 1000) : 0;
  const hardLimitMs = 120_000 + loadMs + scaleMs + rssMs + phasesMs + queueMs;
  return {
    parts,
    backends,
    concurrency,
    scaleConcurrency,
    turns,
    durationMs,
    rssConversations,
    rssLongConversations,
    rssConcurrency,
    rssMaxTurns,
    queueCases,
    queueClaims,
    poolSize,
    requestTimeoutMs,
    hardLimitMs,
  };
}
