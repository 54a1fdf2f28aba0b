// What an urgent client waiting in a queue is told to call when the wait cannot be trusted to end
// within the urgent deadline (no one answering now, or an estimate past the urgent window): the
// 24/7 services of the queue's topics, from the same round-the-clock rules the outcome uses.

import type { Locale } from '../flows/contract';
import type { TopicId, Urgency } from '../flows';
import type { ServiceCatalog, ServiceRef } from './catalog/types';

/** A 24/7 service to name, with its number. */
export interface WaitFallbackService {
  ref: ServiceRef;
  /** The resource's name in the client's language; undefined for an emergency line (named by a locale key). */
  name?: string;
  phone: string;
}

/** True when an urgent client should be told a service that answers now while they wait. */
export function needsWaitFallback(urgency: Urgency, estimateMinutes: number | undefined, catalog: ServiceCatalog): boolean {
  if (urgency !== 'urgent') return false;
  return estimateMinutes === undefined || estimateMinutes > catalog.settings.urgentWindowMinutes;
}

/**
 * The 24/7 service of the case's topic (its unconditional round-the-clock rule: the catalog
 * validation makes sure every topic has one); without a topic, those of every topic the queue
 * serves, in rule order, each service once.
 */
export function waitFallbackServices(queueId: string, topic: TopicId | undefined, catalog: ServiceCatalog, locale: Locale): WaitFallbackService[] {
  const queue = catalog.queues.find((q) => q.id === queueId);
  if (!queue) return [];
  const topics = topic !== undefined ? [topic] : queue.topics;
  const out: WaitFallbackService[] = [];
  for (const rule of catalog.roundTheClock) {
    if (rule.when !== undefined || !rule.topics.some((t) => topics.includes(t))) continue;
    if (out.some((s) => s.ref.kind === rule.service.kind && s.ref.id === rule.service.id)) continue;
    const service = describe(rule.service, catalog, locale);
    if (service) out.push(service);
  }
  return out;
}

function describe(ref: ServiceRef, catalog: ServiceCatalog, locale: Locale): WaitFallbackService | undefined {
  if (ref.kind === 'emergency') {
    const line = catalog.emergency.find((l) => l.id === ref.id);
    return line ? { ref, phone: line.phone } : undefined;
  }
  const resource = catalog.resources.find((r) => r.id === ref.id);
  const phone = resource?.phones[0]?.number;
  return resource && phone ? { ref, name: resource.name[locale], phone } : undefined;
}
