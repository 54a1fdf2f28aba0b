// route(): from a triage result, the catalog and the clock to ordered recommendations,
// lightest service first, always ending with a safety-net line.

import type { TriageResult, Urgency } from '../flows';
import { GENERAL_QUEUE_ID } from './catalog/queues';
import type { Resource, ServiceCatalog, WorkQueue } from './catalog/types';
import { isOpen, nextOpening } from './openingHours';

/** Kinds of recommendation the outcome event carries. */
export type RecommendationKind = 'queue' | 'selfcare' | 'resource' | 'emergency';

/** One recommendation; queues say whether they are open now and, if not, when they next open (ISO instant). */
export interface Recommendation {
  kind: RecommendationKind;
  id: string;
  open?: boolean;
  nextOpening?: string;
}

/** Ids the routing rules name. */
export const ROUTING_IDS = {
  call112: 'call_112',
  safetyNet: 'safety_net',
  crisisLine: 'mieli_crisis_line',
  socialCrisis: 'social_crisis_on_call',
  customerService: 'county_customer_service',
  socialContact: 'social_welfare_contact',
} as const;

// Social matters whose urgent out-of-hours help is the social and crisis on-call service.
const SOCIAL_TOPICS: readonly string[] = ['money', 'homecare', 'family'];

class Recommendations {
  readonly list: Recommendation[] = [];
  add(recommendation: Recommendation): void {
    if (!this.list.some((r) => r.kind === recommendation.kind && r.id === recommendation.id)) this.list.push(recommendation);
  }
}

function queueRecommendation(queue: WorkQueue, catalog: ServiceCatalog, now: Date): Recommendation {
  if (isOpen(queue, catalog, now)) return { kind: 'queue', id: queue.id, open: true };
  const next = nextOpening(queue, catalog, now);
  return next ? { kind: 'queue', id: queue.id, open: false, nextOpening: next.toISOString() } : { kind: 'queue', id: queue.id, open: false };
}

function resourceApplies(resource: Resource, result: TriageResult, urgency: Urgency): boolean {
  if (!result.topic || !resource.topics.includes(result.topic)) return false;
  if (resource.whenFlags) return resource.whenFlags.some((flag) => result.flags.includes(flag));
  // Generic resources do not meet an urgent need; flagged ones (crisis lines) do.
  return urgency !== 'urgent';
}

function routeEmergency(result: TriageResult, out: Recommendations): void {
  out.add({ kind: 'emergency', id: ROUTING_IDS.call112 });
  if (result.emergencySign === 'suicide' || result.emergencySign === 'danger' || result.flags.includes('crisis')) {
    out.add({ kind: 'resource', id: ROUTING_IDS.crisisLine });
    out.add({ kind: 'resource', id: ROUTING_IDS.socialCrisis });
  }
}

function routeAssessed(result: TriageResult, urgency: Urgency, catalog: ServiceCatalog, now: Date, out: Recommendations): void {
  const topic = result.topic;
  if (!topic) return;
  for (const article of catalog.selfCare) {
    if (article.topics.includes(topic) && article.urgencies.includes(urgency)) out.add({ kind: 'selfcare', id: article.id });
  }
  for (const resource of catalog.resources) {
    if (resourceApplies(resource, result, urgency)) out.add({ kind: 'resource', id: resource.id });
  }
  let queues = catalog.queues.filter((q) => q.topics.includes(topic) && q.urgencies.includes(urgency));
  if (queues.length === 0) queues = catalog.queues.filter((q) => q.id === GENERAL_QUEUE_ID);
  const offered = queues.map((q) => queueRecommendation(q, catalog, now));
  offered.forEach((r) => out.add(r));
  if (urgency === 'urgent' && !offered.some((r) => r.open) && SOCIAL_TOPICS.includes(topic)) {
    out.add({ kind: 'resource', id: ROUTING_IDS.socialCrisis });
  }
}

/**
 * Ordered recommendations for a triage result at `now`: self-care, then third-sector
 * and national resources, then work queues (open now, or with their next opening),
 * and the safety net (116117 / 112) last. An emergency gets 112 first.
 */
export function route(result: TriageResult, catalog: ServiceCatalog, now: Date): Recommendation[] {
  const out = new Recommendations();
  switch (result.outcome) {
    case 'emergency':
      routeEmergency(result, out);
      return out.list;
    case 'declined':
      out.add({ kind: 'resource', id: ROUTING_IDS.customerService });
      break;
    case 'human': {
      const general = catalog.queues.find((q) => q.id === GENERAL_QUEUE_ID);
      if (general) out.add(queueRecommendation(general, catalog, now));
      break;
    }
    case 'ended':
      break;
    case 'completed':
      if (result.flags.includes('adult_no_consent')) {
        const advice = catalog.selfCare.find((a) => result.topic !== undefined && a.topics.includes(result.topic));
        if (advice) out.add({ kind: 'selfcare', id: advice.id });
        out.add({ kind: 'resource', id: ROUTING_IDS.socialContact });
        out.add({ kind: 'resource', id: ROUTING_IDS.customerService });
      } else if (result.urgency) {
        routeAssessed(result, result.urgency, catalog, now, out);
      }
      break;
  }
  out.add({ kind: 'emergency', id: ROUTING_IDS.safetyNet });
  return out.list;
}
