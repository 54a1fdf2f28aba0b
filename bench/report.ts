import os from 'node:os';
import type { RunResult } from './load';
import type { BenchOptions } from './options';
import type { Target, TargetKey } from './targets';

/** One measured run plus what the server process used during it. */
export interface Measurement extends RunResult {
  target: TargetKey;
  label: string;
  serverPeakRssMiB: number | undefined;
}

export function describeMachine(): string {
  const cpus = os.cpus();
  const model = cpus[0]?.model.trim() || 'unknown CPU';
  const memGiB = (os.totalmem() / 1024 ** 3).toFixed(1);
  const load = os.loadavg()[0]?.toFixed(2) ?? 'n/a';
  return `${model}, ${cpus.length} cores, ${memGiB} GiB RAM, ${os.type()} ${os.release()} (${os.arch()}), Node ${process.version}; 1-min load average at the end ${load}`;
}

const fixed = (value: number | undefined, digits: number) => (value === undefined || Number.isNaN(value) ? 'n/a' : value.toFixed(digits));
const percentOfCore = (seconds: number | undefined, elapsedMs: number) => (seconds === undefined ? 'n/a' : `${Math.round((seconds / (elapsedMs / 1000)) * 100)} %`);
const ratio = (a: number | undefined, b: number | undefined) => (a === undefined || b === undefined || !(b > 0) ? 'n/a' : `${(a / b).toFixed(2)}×`);

function resultTable(results: readonly Measurement[]): string[] {
  const lines = [
    '| Target | Conversations | Turns | Errors | Turns/s | p50 ms | p95 ms | p99 ms | Server CPU | Load-gen CPU | Other CPU | Server peak RSS |',
    '|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
  ];
  for (const r of results) {
    lines.push(
      `| ${r.label} | ${r.concurrency} | ${r.turns} | ${r.errors} | ${fixed(r.turnsPerSecond, 0)} | ${fixed(r.latency.p50, 1)} | ${fixed(r.latency.p95, 1)} | ${fixed(r.latency.p99, 1)} | ` +
        `${percentOfCore(r.serverCpuSeconds, r.elapsedMs)} | ${percentOfCore(r.loadGeneratorCpuSeconds, r.elapsedMs)} | ${percentOfCore(r.otherCpuSeconds, r.elapsedMs)} | ${fixed(r.serverPeakRssMiB, 0)} MiB |`,
    );
  }
  return lines;
}

function ratioTable(results: readonly Measurement[], concurrency: readonly number[]): string[] {
  const find = (target: TargetKey, n: number) => results.find((r) => r.target === target && r.concurrency === n);
  const lines = [
    '| Conversations | Turns/s Luotsi / echo bot | Turns/s Luotsi / bare | p50 Luotsi / echo bot | p50 Luotsi / bare |',
    '|---:|---:|---:|---:|---:|',
  ];
  for (const n of concurrency) {
    const luotsi = find('luotsi', n);
    const echo = find('echoBot', n);
    const bare = find('bare', n);
    lines.push(
      `| ${n} | ${ratio(luotsi?.turnsPerSecond, echo?.turnsPerSecond)} | ${ratio(luotsi?.turnsPerSecond, bare?.turnsPerSecond)} | ` +
        `${ratio(luotsi?.latency.p50, echo?.latency.p50)} | ${ratio(luotsi?.latency.p50, bare?.latency.p50)} |`,
    );
  }
  return lines;
}

/** The Markdown block printed to stdout, ready to paste into README. */
export function renderReport(options: BenchOptions, targets: readonly Target[], results: readonly Measurement[], warnings: readonly string[]): string {
  const lines = [
    `Machine: ${describeMachine()}.`,
    '',
    `Load: N simulated conversations at once, ${options.turns} turns each (a run stops at ${options.durationMs / 1000} s), ` +
      'HTTP/1.1 keep-alive over 127.0.0.1. Each server runs in its own process; the load generator is another process on the same cores. ' +
      'Every target gets a warm-up before it is measured. Latency is per turn, from the request being sent until the reply has been read. ' +
      'CPU is percent of one core during the timed part; "Other CPU" is what other processes on the machine used meanwhile ' +
      '(anything well above a few percent means the figures were disturbed).',
    '',
    ...resultTable(results),
    '',
    ...ratioTable(results, options.concurrency),
    '',
    'A turn is:',
    ...targets.map((t) => `- ${t.label}: ${t.turnMeans}.`),
  ];
  const failures = results.filter((r) => r.firstError !== undefined);
  if (failures.length > 0 || warnings.length > 0) {
    lines.push('', 'Problems seen:');
    for (const r of failures) lines.push(`- ${r.label}, ${r.concurrency} conversations: ${r.errors} errors, first: ${r.firstError}`);
    for (const w of warnings) lines.push(`- ${w}`);
  }
  return lines.join('\n');
}
