/**
 * `npm run bench`: the same conversational load against Luotsi's web channel, the stock
 * Bot Framework echo bot and a bare restify route, each server in its own child process.
 * Prints a Markdown table (stdout) and progress (stderr). Nothing is written to the repo.
 *
 * Environment: BENCH_CONCURRENCY (default "10,100"), BENCH_TURNS (turns per conversation,
 * default 20), BENCH_DURATION (seconds cap per run, default 20).
 */
import { cleanupNow } from './cleanup';
import { Connector } from './connector';
import { runLoad, type RunSettings } from './load';
import { QUIET_WAIT_MS, readOptions, type BenchOptions } from './options';
import { peakRssMiB } from './procStats';
import { waitForQuiet } from './quiet';
import { renderReport, type Measurement } from './report';
import { bareTarget, echoBotTarget, luotsiTarget, type Target } from './targets';

/**
 * Untimed, at the largest concurrency: brings the server's JIT up and fills every connection
 * pool (including the echo bot's own pool towards the connector) before the measured runs.
 */
const WARM_UP = { turns: 20, durationMs: 10_000 };

/** Share of one core used by unrelated processes above which a run is flagged as disturbed. */
const OTHER_CPU_WARNING = 0.1;

const progress = (line: string) => process.stderr.write(`${line}\n`);

async function benchTarget(target: Target, options: BenchOptions, warnings: string[]): Promise<Measurement[]> {
  progress(`starting ${target.label}`);
  const running = await target.start();
  const base: Omit<RunSettings, 'concurrency' | 'turns' | 'durationMs'> = {
    baseUrl: running.baseUrl,
    requestTimeoutMs: options.requestTimeoutMs,
    serverPid: running.child.pid,
  };
  const measurements: Measurement[] = [];
  try {
    const warm = await runLoad(running.scenario, { ...base, ...WARM_UP, concurrency: Math.max(...options.concurrency) });
    if (warm.errors > 0) warnings.push(`${target.label} warm-up: ${warm.errors} errors, first: ${warm.firstError}`);
    for (const concurrency of options.concurrency) {
      const share = await waitForQuiet([process.pid, process.ppid, running.child.pid], OTHER_CPU_WARNING, QUIET_WAIT_MS);
      if (share >= OTHER_CPU_WARNING) progress(`  other processes still use ${Math.round(share * 100)} % of a core; measuring anyway`);
      const result = await runLoad(running.scenario, { ...base, concurrency, turns: options.turns, durationMs: options.durationMs });
      measurements.push({ ...result, target: target.key, label: target.label, serverPeakRssMiB: peakRssMiB(running.child.pid) });
      const otherShare = result.otherCpuSeconds === undefined ? 0 : result.otherCpuSeconds / (result.elapsedMs / 1000);
      if (otherShare > OTHER_CPU_WARNING) {
        warnings.push(`${target.label}, ${concurrency} conversations: other processes used ${Math.round(otherShare * 100)} % of a core meanwhile; the figures are disturbed`);
      }
      progress(`  ${concurrency} conversations: ${result.turns} turns in ${(result.elapsedMs / 1000).toFixed(1)} s, ${result.turnsPerSecond.toFixed(0)} turns/s, p50 ${result.latency.p50.toFixed(1)} ms, errors ${result.errors}`);
    }
    if (running.child.logLines() > 0) {
      warnings.push(`${target.label} wrote ${running.child.logLines()} log lines at LOG_LEVEL=warn; last output: ${running.child.outputTail().trim().split('\n').slice(-3).join(' | ').slice(0, 600)}`);
    }
  } finally {
    await running.stop();
  }
  return measurements;
}

async function main(): Promise<void> {
  const options = readOptions(process.env);
  const watchdog = setTimeout(() => {
    progress(`benchmark exceeded its hard limit of ${options.hardLimitMs / 1000} s; stopping`);
    cleanupNow();
    process.exit(2);
  }, options.hardLimitMs);
  watchdog.unref();

  const connector = new Connector();
  const serviceUrl = await connector.listen();
  const targets = [luotsiTarget(), echoBotTarget(connector, serviceUrl, options.requestTimeoutMs), bareTarget()];
  const results: Measurement[] = [];
  const warnings: string[] = [];
  try {
    for (const target of targets) results.push(...(await benchTarget(target, options, warnings)));
  } finally {
    await connector.close();
  }
  if (connector.unexpected > 0) warnings.push(`the connector got ${connector.unexpected} echo-bot replies nobody was waiting for`);
  process.stdout.write(`${renderReport(options, targets, results, warnings)}\n`);
  clearTimeout(watchdog);
}

main().catch((error: unknown) => {
  progress(`benchmark failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  cleanupNow();
  process.exitCode = 1;
});
