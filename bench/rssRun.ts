import { progress } from './loadRuns';
import { runConversation } from './luotsiUser';
import type { BenchOptions } from './options';
import { currentRssMiB, peakRssMiB } from './procStats';
import { ServerSet } from './serverSet';
import type { Target } from './targets';

/** The server's memory after a full garbage collection, once this many conversations had finished. */
export interface RssCheckpoint {
  conversations: number;
  rssMiB: number | undefined;
  heapUsedMiB: number | undefined;
}

/** The server's memory before and after many whole conversations. */
export interface RssResult {
  label: string;
  /** Conversations that ran to their end without an error. */
  completed: number;
  /** Of those, the ones that reached the triage outcome (the others stopped at the turn cap). */
  reachedOutcome: number;
  turns: number;
  errors: number;
  firstError: string | undefined;
  elapsedMs: number;
  rssAtReadyMiB: number | undefined;
  /** At the main count (options.rssConversations), before the collection: what an operator sees. */
  rssAfterMiB: number | undefined;
  peakRssMiB: number | undefined;
  /** After the warm-up, at the main count and at the long count (if any), each after a full collection. */
  checkpoints: RssCheckpoint[];
}

/** Idle time after the last conversation before RSS is read, so timers and GC settle a little. */
const SETTLE_MS = 3000;
const PROGRESS_EVERY = 1000;
/** Conversations before the first checkpoint: code compiled, caches and pools filled, so later growth is per conversation. */
const WARMUP_CONVERSATIONS = 1000;
const MIB = 1024 * 1024;
const delay = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** The counts at which memory is read: the warm-up, the main count and the long count (0: none), in order. */
export function rssCheckpoints(options: Pick<BenchOptions, 'rssConversations' | 'rssLongConversations'>): number[] {
  const main = options.rssConversations;
  const counts = [Math.min(WARMUP_CONVERSATIONS, main), main, options.rssLongConversations].filter((n) => n > 0);
  return [...new Set(counts)].sort((a, b) => a - b);
}

/**
 * KiB each conversation after the warm-up left behind, from the first checkpoint to `at` (both
 * after a full collection), in RSS or in the JS heap alone.
 */
export function kibPerConversation(checkpoints: readonly RssCheckpoint[], at: number, of: 'rssMiB' | 'heapUsedMiB' = 'rssMiB'): number | undefined {
  const first = checkpoints[0];
  const later = checkpoints.find((c) => c.conversations === at);
  if (!first || !later || later === first) return undefined;
  const from = first[of];
  const to = later[of];
  if (from === undefined || to === undefined) return undefined;
  return ((to - from) * 1024) / (later.conversations - first.conversations);
}

/**
 * Starts a fresh instance of the target and runs whole conversations through it
 * (`rssConcurrency` at a time), each from its token to the triage outcome or `rssMaxTurns`
 * turns, up to the last checkpoint; at each checkpoint it waits, has the server collect its
 * garbage and reads its RSS from /proc.
 */
export async function measureRss(target: Target, options: BenchOptions): Promise<RssResult> {
  const marks = rssCheckpoints(options);
  const total = marks[marks.length - 1] ?? 0;
  progress(`starting ${target.label} for ${total} whole conversations (memory read at ${marks.join(', ')})`);
  const running = await target.start({ exposeGc: true });
  const child = running.children[0];
  if (!child || running.children.length !== 1) throw new Error('the RSS run measures exactly one server process');
  const servers = new ServerSet(running.baseUrls, options.rssConcurrency, options.requestTimeoutMs);
  try {
    const rssAtReadyMiB = currentRssMiB(child.pid);
    let next = 0;
    let completed = 0;
    let reachedOutcome = 0;
    let turns = 0;
    let errors = 0;
    let firstError: string | undefined;
    let rssAfterMiB: number | undefined;
    const checkpoints: RssCheckpoint[] = [];
    const started = performance.now();
    const runUntil = async (mark: number) => {
      const worker = async () => {
        for (let ordinal = next++; ordinal < mark; ordinal = next++) {
          try {
            const run = await runConversation(servers, ordinal, options.rssMaxTurns);
            completed += 1;
            turns += run.turns;
            if (run.reachedOutcome) reachedOutcome += 1;
          } catch (error) {
            errors += 1;
            firstError ??= error instanceof Error ? error.message : String(error);
          }
          const done = completed + errors;
          if (done % PROGRESS_EVERY === 0) progress(`  ${done} conversations, RSS ${currentRssMiB(child.pid)?.toFixed(0) ?? 'n/a'} MiB, errors ${errors}`);
        }
      };
      await Promise.all(Array.from({ length: Math.min(options.rssConcurrency, mark - next) }, worker));
      // The workers took one ordinal past the mark each; the next stretch starts at the mark.
      next = mark;
    };
    for (const mark of marks) {
      await runUntil(mark);
      await delay(SETTLE_MS);
      if (mark === options.rssConversations) rssAfterMiB = currentRssMiB(child.pid);
      const heapUsed = await child.collectGarbage();
      await delay(SETTLE_MS);
      const checkpoint = { conversations: mark, rssMiB: currentRssMiB(child.pid), heapUsedMiB: heapUsed === undefined ? undefined : heapUsed / MIB };
      checkpoints.push(checkpoint);
      progress(
        `  after ${mark}: RSS ${checkpoint.rssMiB?.toFixed(1) ?? 'n/a'} MiB after a full collection (heap ${checkpoint.heapUsedMiB?.toFixed(1) ?? 'n/a'} MiB)`,
      );
    }
    const elapsedMs = performance.now() - started;
    const result: RssResult = {
      label: target.label,
      completed,
      reachedOutcome,
      turns,
      errors,
      firstError,
      elapsedMs,
      rssAtReadyMiB,
      rssAfterMiB,
      peakRssMiB: peakRssMiB(child.pid),
      checkpoints,
    };
    progress(
      `  done in ${(elapsedMs / 1000).toFixed(0)} s: RSS ${result.rssAtReadyMiB?.toFixed(0)} → ${result.rssAfterMiB?.toFixed(0)} MiB (peak ${result.peakRssMiB?.toFixed(0)}), errors ${errors}`,
    );
    return result;
  } finally {
    servers.close();
    await running.stop();
  }
}
