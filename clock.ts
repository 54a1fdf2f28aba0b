// The one place that reads the wall clock. Everything else takes a `Clock` from the composition
// root (index.ts), so tests and benchmarks can set the time and the suite runs on any date;
// test/clock.test.ts fails when another source reads the wall clock.

/** The time source every store, job and renderer takes its time from. */
export type Clock = () => Date;

/** The real clock of the process. */
export const systemClock: Clock = () => new Date();

/** Milliseconds since the epoch of a clock, for code that counts in numbers (rate limits). */
export function epochMsOf(clock: Clock): () => number {
  return () => clock().getTime();
}
