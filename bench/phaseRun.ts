import { runLoad } from './load';
import { progress } from './loadRuns';
import type { BenchOptions } from './options';
import type { Target } from './targets';

/** The phases in the order printed, with what each covers (the names metrics/turnPhases.ts sums). */
const PHASES: readonly { key: string; label: string }[] = [
  { key: 'request', label: 'request (POST + GET of activities, whole, in the server)' },
  { key: 'auth', label: 'auth (token check + conversation read), both requests' },
  { key: 'stateRead', label: 'state read (bot state SELECT)' },
  { key: 'transition', label: 'transition (xstate)' },
  { key: 'render', label: 'render (questions, outcomes)' },
  { key: 'commit', label: 'commit (state + replies transaction)' },
];
/** The concurrency of the phase run (as the bench's middle load run). */
const PHASE_CONCURRENCY = 100;
const WARM_UP = { turns: 20, durationMs: 10_000 };

/** One backend's breakdown: wall µs per turn of each phase, and the turns it was measured over. */
export interface PhaseResult {
  label: string;
  turns: number;
  turnsPerSecond: number;
  /** Wall µs per turn by phase key; undefined when the server timed none. */
  perTurnUs: Record<string, number | undefined>;
  /** Calls per turn by phase key. */
  callsPerTurn: Record<string, number | undefined>;
}

/**
 * Runs Luotsi with PHASE_TIMING=true at 100 conversations (after a warm-up whose times are
 * dropped) and reads the server's sums over IPC. Wall time, so a phase that waits for the
 * database includes the wait; the phases other than `request` are nested in it.
 */
export async function measurePhases(target: Target, options: BenchOptions): Promise<PhaseResult> {
  progress(`starting ${target.label} with phase timing`);
  const running = await target.start({ phaseTiming: true });
  try {
    const child = running.children[0]!;
    const base = { baseUrls: running.baseUrls, requestTimeoutMs: options.requestTimeoutMs, serverPids: [child.pid], helperPids: () => running.helperPids() };
    await runLoad(running.scenario, { ...base, ...WARM_UP, concurrency: PHASE_CONCURRENCY });
    child.resetPhaseTimes();
    const result = await runLoad(running.scenario, { ...base, concurrency: PHASE_CONCURRENCY, turns: options.turns, durationMs: options.durationMs });
    const times = await child.phaseTimes();
    if (!times) throw new Error(`${target.label} did not answer with its phase times`);
    const perTurnUs: Record<string, number | undefined> = {};
    const callsPerTurn: Record<string, number | undefined> = {};
    for (const { key } of PHASES) {
      const total = times[key];
      perTurnUs[key] = total && result.turns > 0 ? (total.ms * 1000) / result.turns : undefined;
      callsPerTurn[key] = total && result.turns > 0 ? total.calls / result.turns : undefined;
    }
    progress(`  phases measured over ${result.turns} turns (${result.turnsPerSecond.toFixed(0)} turns/s, errors ${result.errors})`);
    return { label: target.label, turns: result.turns, turnsPerSecond: result.turnsPerSecond, perTurnUs, callsPerTurn };
  } finally {
    await running.stop();
  }
}

/** The breakdown as a Markdown table, one column per backend. */
export function phaseTable(results: readonly PhaseResult[]): string[] {
  const cell = (value: number | undefined, digits: number) => (value === undefined ? '—' : value.toFixed(digits));
  return [
    `| phase (wall µs per turn; calls per turn) | ${results.map((r) => r.label).join(' | ')} |`,
    `|---|${results.map(() => '---:').join('|')}|`,
    ...PHASES.map(({ key, label }) => `| ${label} | ${results.map((r) => `${cell(r.perTurnUs[key], 0)} (${cell(r.callsPerTurn[key], 2)})`).join(' | ')} |`),
    `| turns measured (turns/s) | ${results.map((r) => `${r.turns} (${r.turnsPerSecond.toFixed(0)})`).join(' | ')} |`,
  ];
}
