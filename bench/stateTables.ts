import type { QueueResult } from './handoffQueueBench';
import { kibPerConversation, type RssResult } from './rssRun';

const fixed = (value: number | undefined, digits: number) => (value === undefined || Number.isNaN(value) ? 'n/a' : value.toFixed(digits));

/** Server memory after many whole conversations, per backend. */
export function rssTable(results: readonly RssResult[]): string[] {
  const lines = [
    '| Target | Conversations done | Reached outcome | Turns | Errors | Time | RSS at start | RSS after | Peak RSS | RSS / heap after a full GC, by conversations done | RSS / heap left per conversation after the warm-up |',
    '|---|---:|---:|---:|---:|---:|---:|---:|---:|---|---|',
  ];
  for (const r of results) {
    const afterGc = r.checkpoints.map((c) => `${c.conversations}: ${fixed(c.rssMiB, 1)} / ${fixed(c.heapUsedMiB, 1)} MiB`).join('; ');
    const perConversation = r.checkpoints
      .slice(1)
      .map(
        (c) =>
          `${c.conversations}: ${fixed(kibPerConversation(r.checkpoints, c.conversations), 2)} / ${fixed(kibPerConversation(r.checkpoints, c.conversations, 'heapUsedMiB'), 2)} KiB`,
      )
      .join('; ');
    lines.push(
      `| ${r.label} | ${r.completed} | ${r.reachedOutcome} | ${r.turns} | ${r.errors} | ${fixed(r.elapsedMs / 1000, 0)} s | ` +
        `${fixed(r.rssAtReadyMiB, 0)} MiB | ${fixed(r.rssAfterMiB, 0)} MiB | ${fixed(r.peakRssMiB, 0)} MiB | ${afterGc || 'n/a'} | ${perConversation || 'n/a'} |`,
    );
  }
  return lines;
}

/** Handoff queue costs with many waiting cases, per backend. */
export function queueTable(results: readonly QueueResult[]): string[] {
  const lines = [
    '| Backend | Waiting cases | Claims timed | Claim p50 ms | Claim p99 ms | Claim errors | Staff list ms | Snapshot ms | Positions for all ms | Insert all s |',
    '|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
  ];
  for (const r of results) {
    lines.push(
      `| ${r.backend === 'sqlite' ? 'SQLite' : 'PostgreSQL'} | ${r.cases} | ${r.claims.count} | ${fixed(r.claims.p50, 2)} | ${fixed(r.claims.p99, 2)} | ${r.claimErrors} | ` +
        `${fixed(r.staffListMs, 0)} | ${fixed(r.snapshotMs, 0)} | ${fixed(r.positionsMs, 0)} | ${fixed(r.insertMs / 1000, 1)} |`,
    );
  }
  return lines;
}
