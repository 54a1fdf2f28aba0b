// What the client and the staff overview are told about a queue: position, estimated wait,
// counts. Pure: cases, staff counts and the time are passed in.
//
// Estimated wait (ETA)
//   position  = 1-based place of the case among the queue's entries in queue order
//               (urgency, then arrival; the same order as the staff list).
//   handling  = mean of the queue's handling times (claim → close) of cases closed in the last
//               48 hours (HANDLING_HISTORY_MS; Dynamics 365 likewise uses the last 48 h as its
//               reference), or `defaultHandlingMs` when there is no such case.
//   ETA       = ceil(position / max(1, staffOnline)) × handling, rounded up to whole minutes.
//   With no staff online the ETA is `unknown`: a number there would be made up.
// Each staff member online is assumed to take one case at a time, so the cases ahead are
// served in rounds of `staffOnline`; the client's own round counts, hence position, not
// position − 1 (someone is still busy with the case before them).

import type { QueueEntry, QueuedUrgency } from './caseTypes';
import { compareQueued } from './caseOrder';

/** How far back handling times count for the estimate. */
export const HANDLING_HISTORY_MS = 48 * 60 * 60 * 1000;

/** An estimated wait: minutes, or unknown with the reason. */
export type WaitEstimate = { kind: 'minutes'; minutes: number; basis: 'history' | 'default' } | { kind: 'unknown'; reason: 'no_staff_online' | 'not_queued' };

/** The client's place in the queue and the estimated wait. */
export interface QueuePosition {
  /** 1 = next to be served; undefined when the case is not in the entries. */
  position: number | undefined;
  /** Cases in the same queue, this one included. */
  queueLength: number;
  estimate: WaitEstimate;
}

/** The inputs of the estimate besides the queue itself. */
export interface EstimateInputs {
  staffOnline: number;
  /** Handling times (ms) of the last 48 hours, as HandoffStore.handlingTimes returns them. */
  recentHandlingMs: readonly number[];
  /** Used when there is no handling history. */
  defaultHandlingMs: number;
}

/** Where a case stands in its queue, ordered like the staff list. */
export function positionOf(caseId: string, entries: readonly QueueEntry[]): { position: number | undefined; queueLength: number } {
  return placesIn(entries).get(caseId) ?? { position: undefined, queueLength: 0 };
}

// Every place of one snapshot, computed once: the queue watch asks for the place of each of
// thousands of waiting clients from the same entries, and sorting per client was quadratic.
const placesCache = new WeakMap<readonly QueueEntry[], Map<string, { position: number; queueLength: number }>>();

function placesIn(entries: readonly QueueEntry[]): Map<string, { position: number; queueLength: number }> {
  const cached = placesCache.get(entries);
  if (cached) return cached;
  const byQueue = new Map<string, QueueEntry[]>();
  for (const entry of entries) {
    const queue = byQueue.get(entry.queueId);
    if (queue) queue.push(entry);
    else byQueue.set(entry.queueId, [entry]);
  }
  const places = new Map<string, { position: number; queueLength: number }>();
  for (const queue of byQueue.values()) {
    queue.sort(compareQueued);
    queue.forEach((entry, index) => places.set(entry.id, { position: index + 1, queueLength: queue.length }));
  }
  placesCache.set(entries, places);
  return places;
}

/** The ETA of a position by the formula at the top of this file. */
export function estimateWait(position: number | undefined, inputs: EstimateInputs): WaitEstimate {
  if (position === undefined || position < 1) return { kind: 'unknown', reason: 'not_queued' };
  if (inputs.staffOnline <= 0) return { kind: 'unknown', reason: 'no_staff_online' };
  const history = inputs.recentHandlingMs.filter((ms) => Number.isFinite(ms) && ms >= 0);
  const basis = history.length > 0 ? 'history' : 'default';
  const handlingMs = basis === 'history' ? history.reduce((sum, ms) => sum + ms, 0) / history.length : inputs.defaultHandlingMs;
  const rounds = Math.ceil(position / Math.max(1, inputs.staffOnline));
  return { kind: 'minutes', minutes: Math.ceil((rounds * handlingMs) / 60000), basis };
}

/** Position and ETA together: what the client is told while waiting. */
export function queuePosition(caseId: string, entries: readonly QueueEntry[], inputs: EstimateInputs): QueuePosition {
  const { position, queueLength } = positionOf(caseId, entries);
  return { position, queueLength, estimate: estimateWait(position, inputs) };
}

/** One queue in the staff overview. */
export interface QueueOverviewRow {
  queueId: string;
  waiting: number;
  /** Time since the arrival of the longest-waiting case, ms; 0 when none wait. */
  longestWaitMs: number;
  byUrgency: Record<QueuedUrgency, number>;
  staffOnline: number;
}

/**
 * Waiting count, longest wait and counts by urgency per queue. Queues appear when they have
 * entries or staff online; rows are ordered by queue id.
 */
export function queueOverview(entries: readonly QueueEntry[], staffOnline: Readonly<Record<string, number>>, now: Date): QueueOverviewRow[] {
  const rows = new Map<string, QueueOverviewRow>();
  const row = (queueId: string): QueueOverviewRow => {
    let r = rows.get(queueId);
    if (!r) {
      r = { queueId, waiting: 0, longestWaitMs: 0, byUrgency: { urgent: 0, non_urgent: 0, self_care: 0 }, staffOnline: staffOnline[queueId] ?? 0 };
      rows.set(queueId, r);
    }
    return r;
  };
  for (const queueId of Object.keys(staffOnline)) row(queueId);
  for (const entry of entries) {
    const r = row(entry.queueId);
    r.waiting += 1;
    r.byUrgency[entry.urgency] += 1;
    r.longestWaitMs = Math.max(r.longestWaitMs, now.getTime() - entry.createdAt.getTime());
  }
  return [...rows.values()].sort((a, b) => (a.queueId < b.queueId ? -1 : a.queueId > b.queueId ? 1 : 0));
}
