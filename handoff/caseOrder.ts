// The one queue order, shared by the store's lists and the client's position.

import type { Urgency } from '../flows';

/** Lower is more urgent; emergency ranks first although it is never queued (staff re-rating). */
export const URGENCY_RANK: Readonly<Record<Urgency, number>> = { emergency: 0, urgent: 1, non_urgent: 2, self_care: 3 };

/** Queue order: urgency first, then arrival time, then id so the order is total. */
export function compareQueued(a: { urgency: Urgency; createdAt: Date; id: string }, b: { urgency: Urgency; createdAt: Date; id: string }): number {
  return URGENCY_RANK[a.urgency] - URGENCY_RANK[b.urgency] || a.createdAt.getTime() - b.createdAt.getTime() || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}
