import type { Measurement } from './loadRuns';
import type { TargetKey } from './targets';

const fixed = (value: number | undefined, digits: number) => (value === undefined || Number.isNaN(value) ? 'n/a' : value.toFixed(digits));
const percentOfCore = (seconds: number | undefined, elapsedMs: number) =>
  seconds === undefined ? '–' : `${Math.round((seconds / (elapsedMs / 1000)) * 100)} %`;
const ratio = (a: number | undefined, b: number | undefined) => (a === undefined || b === undefined || !(b > 0) ? 'n/a' : `${(a / b).toFixed(2)}×`);

/** Every measured load run, one row each. */
export function resultTable(results: readonly Measurement[]): string[] {
  const lines = [
    '| Target | Conversations | Turns | Errors | Turns/s | p50 ms | p95 ms | p99 ms | Server CPU | DB CPU | Load-gen CPU | Other CPU | Server peak RSS |',
    '|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
  ];
  for (const r of results) {
    lines.push(
      `| ${r.label} | ${r.concurrency} | ${r.turns} | ${r.errors} | ${fixed(r.turnsPerSecond, 0)} | ${fixed(r.latency.p50, 1)} | ${fixed(r.latency.p95, 1)} | ${fixed(r.latency.p99, 1)} | ` +
        `${percentOfCore(r.serverCpuSeconds, r.elapsedMs)} | ${percentOfCore(r.helperCpuSeconds, r.elapsedMs)} | ${percentOfCore(r.loadGeneratorCpuSeconds, r.elapsedMs)} | ` +
        `${percentOfCore(r.otherCpuSeconds, r.elapsedMs)} | ${fixed(r.serverPeakRssMiB, 0)} MiB |`,
    );
  }
  return lines;
}

const find = (results: readonly Measurement[], target: TargetKey, n: number) => results.find((r) => r.target === target && r.concurrency === n);

/** Luotsi on each backend against the echo bot and bare restify at the same load. */
export function ratioTable(results: readonly Measurement[], concurrency: readonly number[]): string[] {
  const lines = [
    '| Luotsi on | Conversations | Turns/s ÷ echo bot | Turns/s ÷ bare | p50 ÷ echo bot | p50 ÷ bare | p99 ÷ echo bot | p99 ÷ bare |',
    '|---|---:|---:|---:|---:|---:|---:|---:|',
  ];
  const backends: [TargetKey, string][] = [
    ['luotsiSqlite', 'SQLite'],
    ['luotsiPostgres', 'PostgreSQL'],
    ['luotsiPostgresWorkers', 'PostgreSQL, workers'],
  ];
  for (const [key, name] of backends) {
    for (const n of concurrency) {
      const luotsi = find(results, key, n);
      if (!luotsi) continue;
      const echo = find(results, 'echoBot', n);
      const bare = find(results, 'bare', n);
      lines.push(
        `| ${name} | ${n} | ${ratio(luotsi.turnsPerSecond, echo?.turnsPerSecond)} | ${ratio(luotsi.turnsPerSecond, bare?.turnsPerSecond)} | ` +
          `${ratio(luotsi.latency.p50, echo?.latency.p50)} | ${ratio(luotsi.latency.p50, bare?.latency.p50)} | ` +
          `${ratio(luotsi.latency.p99, echo?.latency.p99)} | ${ratio(luotsi.latency.p99, bare?.latency.p99)} |`,
      );
    }
  }
  return lines;
}

/** Two Luotsi instances on one PostgreSQL against one, at the same load. */
export function scaleTable(results: readonly Measurement[], concurrency: readonly number[]): string[] {
  const lines = [
    '| Conversations | Turns/s, 1 instance | Turns/s, 2 instances | 2 ÷ 1 | p50 ms, 1 / 2 | p99 ms, 1 / 2 | Errors, 1 / 2 | Luotsi CPU, 1 / 2 | DB CPU, 1 / 2 |',
    '|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
  ];
  for (const n of concurrency) {
    const one = find(results, 'luotsiPostgres', n);
    const two = find(results, 'luotsiPostgresPair', n);
    const pair = (f: (m: Measurement) => string) => `${one ? f(one) : 'n/a'} / ${two ? f(two) : 'n/a'}`;
    lines.push(
      `| ${n} | ${fixed(one?.turnsPerSecond, 0)} | ${fixed(two?.turnsPerSecond, 0)} | ${ratio(two?.turnsPerSecond, one?.turnsPerSecond)} | ` +
        `${pair((m) => fixed(m.latency.p50, 1))} | ${pair((m) => fixed(m.latency.p99, 1))} | ${pair((m) => String(m.errors))} | ` +
        `${pair((m) => percentOfCore(m.serverCpuSeconds, m.elapsedMs))} | ${pair((m) => percentOfCore(m.helperCpuSeconds, m.elapsedMs))} |`,
    );
  }
  return lines;
}
