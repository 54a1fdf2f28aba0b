import { progress } from './loadRuns';
import { runConversation } from './luotsiUser';
import type { BenchOptions } from './options';
import { currentRssMiB, peakRssMiB } from './procStats';
import { ServerSet } from './serverSet';
import type { Target } from './targets';

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
  rssAfterMiB: number | undefined;
  peakRssMiB: number | undefined;
}

/** Idle time after the last conversation before RSS is read, so timers and GC settle a little. */
const SETTLE_MS = 3000;
const PROGRESS_EVERY = 1000;
const delay = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Starts a fresh instance of the target and runs `options.rssConversations` whole
 * conversations through it (`rssConcurrency` at a time), each from its token to the triage
 * outcome or `rssMaxTurns` turns; then reads the server's RSS from /proc.
 */
export async function measureRss(target: Target, options: BenchOptions): Promise<RssResult> {
  progress(`starting ${target.label} for ${options.rssConversations} whole conversations`);
  const running = await target.start();
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
    const started = performance.now();
    const worker = async () => {
      for (let ordinal = next++; ordinal < options.rssConversations; ordinal = next++) {
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
    await Promise.all(Array.from({ length: Math.min(options.rssConcurrency, options.rssConversations) }, worker));
    const elapsedMs = performance.now() - started;
    await delay(SETTLE_MS);
    const result: RssResult = {
      label: target.label,
      completed,
      reachedOutcome,
      turns,
      errors,
      firstError,
      elapsedMs,
      rssAtReadyMiB,
      rssAfterMiB: currentRssMiB(child.pid),
      peakRssMiB: peakRssMiB(child.pid),
    };
    progress(`  done in ${(elapsedMs / 1000).toFixed(0)} s: RSS ${result.rssAtReadyMiB?.toFixed(0)} → ${result.rssAfterMiB?.toFixed(0)} MiB (peak ${result.peakRssMiB?.toFixed(0)}), errors ${errors}`);
    return result;
  } finally {
    servers.close();
    await running.stop();
  }
}
