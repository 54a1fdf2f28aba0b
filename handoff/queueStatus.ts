// Whether a queue takes clients now, and if not when it next opens (Europe/Helsinki hours).

import { NotFoundError } from '../errors';
import { isOpen, nextOpening } from '../routing/openingHours';
import type { ServiceCatalog } from '../routing/catalog/types';

/** Open now, or closed with the next opening (undefined when none within the search window). */
export type QueueStatus = { queueId: string; open: true } | { queueId: string; open: false; nextOpening: Date | undefined };

/** The queue's status at `now`; NotFoundError for a queue the catalog does not have. */
export function queueStatus(queueId: string, catalog: ServiceCatalog, now: Date): QueueStatus {
  const queue = catalog.queues.find((q) => q.id === queueId);
  if (!queue) throw new NotFoundError('no such queue');
  if (isOpen(queue, catalog, now)) return { queueId, open: true };
  return { queueId, open: false, nextOpening: nextOpening(queue, catalog, now) };
}

/** True when the queue is open at `now`; false for a queue the catalog does not have. */
export function queueOpenAt(queueId: string, catalog: ServiceCatalog, now: Date): boolean {
  const queue = catalog.queues.find((q) => q.id === queueId);
  return queue !== undefined && isOpen(queue, catalog, now);
}
