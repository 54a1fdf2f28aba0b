import { runLoad, type RunResult, type RunSettings } from './load';
import { QUIET_WAIT_MS, type BenchOptions } from './options';
import { peakRssMiB, withDescendants } from './procStats';
import { waitForQuiet } from './quiet';
import type { Target, TargetKey } from './targets';

/** One measured run plus what the server processes used during it. */
export interface Measurement extends RunResult {
  target: TargetKey;
  label: string;
  /** Server processes the load was spread over. */
  instances: number;
  /** Peak RSS of the server processes so far, summed over instances. */
  serverPeakRssMiB: number | undefined;
}

/**
 * Untimed, at the target's largest concurrency: brings the server's JIT up and fills every
 * connection pool (including the echo bot's own pool towards the connector) before the measured runs.
 */
const WARM_UP = { turns: 20, durationMs: 10_000 };

/** Share of one core used by unrelated processes above which a run is flagged as disturbed. */
export const OTHER_CPU_WARNING = 0.1;

/** Progress goes to stderr; stdout carries only the report. */
export const progress = (line: string) => process.stderr.write(`${line}\n`);

function sumOrUndefined(values: readonly (number | undefined)[]): number | undefined {
  return values.some((v) => v === undefined) ? undefined : values.reduce<number>((sum, v) => sum + (v ?? 0), 0);
}

/** Starts the target, warms it up, measures one run per concurrency, stops it. */
export async function benchTarget(target: Target, concurrencies: readonly number[], options: BenchOptions, warnings: string[]): Promise<Measurement[]> {
  progress(`starting ${target.label}`);
  const running = await target.start();
  // With their worker processes (WEB_CONCURRENCY): a worker's CPU is the server's, not another process's.
  const pids = withDescendants(running.children.map((c) => c.pid));
  const base: Omit<RunSettings, 'concurrency' | 'turns' | 'durationMs'> = {
    baseUrls: running.baseUrls,
    requestTimeoutMs: options.requestTimeoutMs,
    serverPids: pids,
    helperPids: () => running.helperPids(),
  };
  const measurements: Measurement[] = [];
  try {
    const warm = await runLoad(running.scenario, { ...base, ...WARM_UP, concurrency: Math.max(...concurrencies) });
    if (warm.errors > 0) warnings.push(`${target.label} warm-up: ${warm.errors} errors, first: ${warm.firstError}`);
    for (const concurrency of concurrencies) {
      const share = await waitForQuiet([process.pid, process.ppid, ...pids, ...running.helperPids()], OTHER_CPU_WARNING, QUIET_WAIT_MS);
      if (share >= OTHER_CPU_WARNING) progress(`  other processes still use ${Math.round(share * 100)} % of a core; measuring anyway`);
      const result = await runLoad(running.scenario, { ...base, concurrency, turns: options.turns, durationMs: options.durationMs });
      measurements.push({
        ...result,
        target: target.key,
        label: target.label,
        instances: running.children.length,
        serverPeakRssMiB: sumOrUndefined(pids.map(peakRssMiB)),
      });
      const otherShare = result.otherCpuSeconds === undefined ? 0 : result.otherCpuSeconds / (result.elapsedMs / 1000);
      if (otherShare > OTHER_CPU_WARNING) {
        warnings.push(
          `${target.label}, ${concurrency} conversations: other processes used ${Math.round(otherShare * 100)} % of a core meanwhile; the figures are disturbed`,
        );
      }
      progress(
        `  ${concurrency} conversations: ${result.turns} turns in ${(result.elapsedMs / 1000).toFixed(1)} s, ${result.turnsPerSecond.toFixed(0)} turns/s, ` +
          `p50 ${result.latency.p50.toFixed(1)} ms, p99 ${result.latency.p99.toFixed(1)} ms, errors ${result.errors}${result.firstError ? ` (first: ${result.firstError})` : ''}`,
      );
    }
    for (const child of running.children) {
      if (child.logLines() > 0) {
        warnings.push(
          `${target.label} wrote ${child.logLines()} log lines at LOG_LEVEL=warn; last output: ${child.outputTail().trim().split('\n').slice(-3).join(' | ').slice(0, 600)}`,
        );
      }
    }
  } finally {
    await running.stop();
  }
  return measurements;
}
