// Public API of routing: the catalog, its validator, route() and the outcome payload.

export { DEFAULT_CATALOG, GENERAL_QUEUE_ID } from './catalog';
export type * from './catalog/types';
export { resourceWeb } from './catalog/resourceWeb';
export { validateCatalog, CatalogError } from './validateCatalog';
export { route, answersNow, conditionHolds, roundTheClockRule, ROUTING_IDS, type Recommendation, type RecommendationKind } from './route';
export { isOpen, nextOpening } from './openingHours';
export { helsinkiTime, helsinkiDateTime, helsinkiStamp } from './helsinkiTime';
export { buildOutcomePayload, type TriageOutcomePayload } from './outcomePayload';
export { entriesToCheck, FRESHNESS_MONTHS, type EntryToCheck, type CheckReason } from './catalogFreshness';
export { needsWaitFallback, waitFallbackServices, type WaitFallbackService } from './waitFallback';
