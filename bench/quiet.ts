import { otherProcessesCpuSeconds, processCpuSnapshot } from './procStats';

const SAMPLE_MS = 1000;
const delay = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * On a shared machine other sessions' test runs come and go; waits (bounded) for a second
 * in which other processes use less than `maxShare` of a core, so a run is not measured in
 * the middle of someone else's burst. Resolves with the last share seen.
 */
export async function waitForQuiet(own: readonly number[], maxShare: number, maxWaitMs: number): Promise<number> {
  const deadline = Date.now() + maxWaitMs;
  let share = 0;
  do {
    const before = processCpuSnapshot();
    await delay(SAMPLE_MS);
    const other = otherProcessesCpuSeconds(before, processCpuSnapshot(), own);
    if (other === undefined) return 0;
    share = other / (SAMPLE_MS / 1000);
    if (share < maxShare) return share;
  } while (Date.now() < deadline);
  return share;
}
