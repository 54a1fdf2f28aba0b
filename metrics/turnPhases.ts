import type { Storage } from 'botbuilder';

/**
 * Opt-in wall time per turn phase, for the benchmark's breakdown (PHASE_TIMING=true, read once
 * by config.ts; the composition root switches it on). Off, every call is one branch: `start`
 * returns 0 and `end` returns at once. Only phase names and sums are kept: nothing of a turn,
 * a conversation or a person.
 */

/** The phases the bench prints; nested phases are inside `request`. */
export const TURN_PHASES = ['request', 'auth', 'stateRead', 'transition', 'render', 'commit'] as const;
export type TurnPhase = (typeof TURN_PHASES)[number];

/** Calls and summed milliseconds of one phase. */
export interface PhaseTotal {
  calls: number;
  ms: number;
}

/** Sums of wall time per phase; one per process (see `turnPhases`). */
export class PhaseTimes {
  private enabled = false;
  private readonly totals = new Map<TurnPhase, PhaseTotal>();

  /** Starts collecting (once, at start-up). */
  enable(): void {
    this.enabled = true;
  }

  /** A start mark for `end`; 0 (and no clock read) when off. */
  start(): number {
    return this.enabled ? performance.now() : 0;
  }

  /** Adds the time since `startedAt` to the phase. */
  end(phase: TurnPhase, startedAt: number): void {
    if (!this.enabled) return;
    this.add(phase, performance.now() - startedAt);
  }

  /** Adds a duration measured elsewhere (the request time the HTTP layer keeps anyway). */
  add(phase: TurnPhase, ms: number): void {
    if (!this.enabled) return;
    const total = this.totals.get(phase);
    if (total) {
      total.calls += 1;
      total.ms += ms;
    } else this.totals.set(phase, { calls: 1, ms });
  }

  /** The sums so far, by phase (empty when off). */
  snapshot(): Partial<Record<TurnPhase, PhaseTotal>> {
    return Object.fromEntries([...this.totals].map(([phase, total]) => [phase, { ...total }]));
  }

  /** Forgets the sums (the bench resets after its warm-up). */
  reset(): void {
    this.totals.clear();
  }
}

/** The process's phase times (a bench server's preload reads them over IPC: bench/parentWatch.ts). */
export const turnPhases = new PhaseTimes();

/** The bot state store with its reads timed as `stateRead` (only built when timing is on). */
export function timedStateReads(store: Storage): Storage {
  return {
    async read(keys) {
      const started = turnPhases.start();
      try {
        return await store.read(keys);
      } finally {
        turnPhases.end('stateRead', started);
      }
    },
    write: (changes) => store.write(changes),
    delete: (keys) => store.delete(keys),
  };
}
