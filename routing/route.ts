// route(): from a triage result, the catalog and the clock to ordered recommendations.
// Non-urgent and self-care: lightest service first, safety net last. Urgent: the deadline is
// "within hours today", so the first line is a service that answers now — an open work queue,
// or else the topic's 24/7 service with what to say when calling — and the closed queues'
// contact requests come after it. Emergencies: 112 first (a poisoning without severe signs:
// the Poison Information Centre first, 112 if signs appear).

import type { TriageResult, Urgency } from '../flows';
import { holds } from '../flows/conditions';
import type { Condition } from '../flows/questionSet';
import { GENERAL_QUEUE_ID } from './catalog/queues';
import type { Resource, RoundTheClockRule, ServiceCatalog, WorkQueue } from './catalog/types';
import { isOpen, nextOpening } from './openingHours';

/** Kinds of recommendation the outcome event carries. */
export type RecommendationKind = 'queue' | 'selfcare' | 'resource' | 'emergency';

/** One recommendation; queues say whether they are open now and, if not, when they next open (ISO instant). */
export interface Recommendation {
  kind: RecommendationKind;
  id: string;
  open?: boolean;
  nextOpening?: string;
  /** The 24/7 service put first for an urgent need: what to say when calling (routing key). */
  callScriptKey?: string;
}

/** Ids the routing rules name. */
export const ROUTING_IDS = {
  call112: 'call_112',
  call116117: 'call_116117',
  safetyNet: 'safety_net',
  poisonInfo: 'poison_info',
  crisisLine: 'mieli_crisis_line',
  socialCrisis: 'social_crisis_on_call',
  customerService: 'county_customer_service',
  socialContact: 'social_welfare_contact',
} as const;

const MINUTE = 60_000;

class Recommendations {
  readonly list: Recommendation[] = [];
  add(recommendation: Recommendation): void {
    if (!this.list.some((r) => r.kind === recommendation.kind && r.id === recommendation.id)) this.list.push(recommendation);
  }
}

/** True when a catalog condition holds for the result (no condition: always). */
export function conditionHolds(when: Condition | undefined, result: TriageResult): boolean {
  return when === undefined || holds(when, { setId: '', answers: result.answers, subject: result.subject });
}

function queueRecommendation(queue: WorkQueue, catalog: ServiceCatalog, now: Date): Recommendation {
  if (isOpen(queue, catalog, now)) return { kind: 'queue', id: queue.id, open: true };
  const next = nextOpening(queue, catalog, now);
  return next ? { kind: 'queue', id: queue.id, open: false, nextOpening: next.toISOString() } : { kind: 'queue', id: queue.id, open: false };
}

function resourceApplies(resource: Resource, result: TriageResult, urgency: Urgency): boolean {
  if (!result.topic || !resource.topics.includes(result.topic)) return false;
  if (!conditionHolds(resource.when, result)) return false;
  if (resource.whenFlags) return resource.whenFlags.some((flag) => result.flags.includes(flag));
  // Generic resources do not meet an urgent need; flagged ones (crisis lines) do.
  return urgency !== 'urgent';
}

/** The 24/7 rule that applies to an urgent result of this topic. */
export function roundTheClockRule(result: TriageResult, catalog: ServiceCatalog): RoundTheClockRule | undefined {
  const topic = result.topic;
  if (!topic) return undefined;
  return catalog.roundTheClock.find((rule) => rule.topics.includes(topic) && conditionHolds(rule.when, result));
}

function routeEmergency(result: TriageResult, catalog: ServiceCatalog, out: Recommendations): void {
  if (result.emergencySign === 'poisoning') {
    // No breathing difficulty, drowsiness or convulsions: the Poison Information Centre now.
    out.add({ kind: 'emergency', id: ROUTING_IDS.poisonInfo });
    out.add({ kind: 'emergency', id: ROUTING_IDS.call112 });
    return;
  }
  out.add({ kind: 'emergency', id: ROUTING_IDS.call112 });
  if (result.emergencySign === 'poisoning_severe') out.add({ kind: 'emergency', id: ROUTING_IDS.poisonInfo });
  const sign = result.emergencySign;
  const crisis = result.flags.includes('crisis');
  for (const resource of catalog.resources) {
    const bySign = sign !== undefined && (resource.emergencySigns ?? []).some((s) => s === sign);
    const byFlag = crisis && (resource.emergencySigns ?? []).includes('suicide');
    if (bySign || byFlag) out.add({ kind: 'resource', id: resource.id });
  }
}

function matchingQueues(result: TriageResult, urgency: Urgency, catalog: ServiceCatalog): WorkQueue[] {
  const topic = result.topic!;
  const queues = catalog.queues.filter((q) => q.topics.includes(topic) && q.urgencies.includes(urgency) && conditionHolds(q.when, result));
  return queues.length > 0 ? queues : catalog.queues.filter((q) => q.id === GENERAL_QUEUE_ID);
}

function addSelfCareAndResources(result: TriageResult, urgency: Urgency, catalog: ServiceCatalog, out: Recommendations): void {
  const topic = result.topic!;
  for (const article of catalog.selfCare) {
    if (article.topics.includes(topic) && article.urgencies.includes(urgency) && conditionHolds(article.when, result)) {
      out.add({ kind: 'selfcare', id: article.id });
    }
  }
  for (const resource of catalog.resources) {
    if (resourceApplies(resource, result, urgency)) out.add({ kind: 'resource', id: resource.id });
  }
}

function serviceRecommendation(rule: RoundTheClockRule): Recommendation {
  return { kind: rule.service.kind, id: rule.service.id, callScriptKey: rule.callScriptKey };
}

function routeUrgent(result: TriageResult, catalog: ServiceCatalog, now: Date, out: Recommendations): void {
  const offered = matchingQueues(result, 'urgent', catalog).map((q) => queueRecommendation(q, catalog, now));
  const windowEnd = now.getTime() + catalog.settings.urgentWindowMinutes * MINUTE;
  const openNow = offered.filter((r) => r.open);
  const soon = offered.filter((r) => !r.open && r.nextOpening !== undefined && Date.parse(r.nextOpening) <= windowEnd);
  const later = offered.filter((r) => !openNow.includes(r) && !soon.includes(r));
  const rule = roundTheClockRule(result, catalog);
  // A queue open now answers within the deadline; otherwise the 24/7 service is read first.
  if (rule && (rule.alwaysFirst || openNow.length === 0)) out.add(serviceRecommendation(rule));
  openNow.forEach((r) => out.add(r));
  soon.forEach((r) => out.add(r));
  addSelfCareAndResources(result, 'urgent', catalog, out);
  // With a queue open now, the 24/7 service follows it for when the queue cannot be reached today.
  if (rule) out.add(serviceRecommendation(rule));
  later.forEach((r) => out.add(r));
}

function routeAssessed(result: TriageResult, urgency: Urgency, catalog: ServiceCatalog, now: Date, out: Recommendations): void {
  if (!result.topic) return;
  if (urgency === 'urgent') {
    routeUrgent(result, catalog, now, out);
    return;
  }
  addSelfCareAndResources(result, urgency, catalog, out);
  matchingQueues(result, urgency, catalog).forEach((q) => out.add(queueRecommendation(q, catalog, now)));
}

/**
 * Ordered recommendations for a triage result at `now`. Non-urgent and self-care: self-care,
 * then third-sector and national resources, then work queues (open now, or with their next
 * opening). Urgent: a service that answers now first. The safety net (116117 / 112) last;
 * an emergency gets 112 first and nothing after the emergency services.
 */
export function route(result: TriageResult, catalog: ServiceCatalog, now: Date): Recommendation[] {
  const out = new Recommendations();
  switch (result.outcome) {
    case 'emergency':
      routeEmergency(result, catalog, out);
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
        const advice = catalog.selfCare.find((a) => result.topic !== undefined && a.topics.includes(result.topic) && conditionHolds(a.when, result));
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

/** True when the recommendation is a service that answers at this instant (an open queue or a 24/7 line). */
export function answersNow(rec: Recommendation, catalog: ServiceCatalog): boolean {
  if (rec.kind === 'emergency') return true;
  if (rec.kind === 'queue') return rec.open === true;
  if (rec.kind === 'resource') return catalog.resources.find((r) => r.id === rec.id)?.alwaysOpen === true;
  return false;
}
