// Which catalog entries the county should re-check: facts older than a year, or marked by their
// source as old or indirect. Contacts and hours change; a stale number is a wrong number.

import type { ServiceCatalog } from './catalog/types';

/** Facts checked longer ago than this are listed for re-checking. */
export const FRESHNESS_MONTHS = 12;

/** Why an entry is to be checked. */
export type CheckReason = 'stale' | 'needsVerification';

/** A catalog entry to re-check, by id (no personal data in a catalog, but ids are what the log gets). */
export interface EntryToCheck {
  id: string;
  verified: string;
  reasons: CheckReason[];
}

/** The date FRESHNESS_MONTHS before `now` (YYYY-MM-DD, UTC). */
function freshnessCutoff(now: Date): string {
  const cutoff = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - FRESHNESS_MONTHS, now.getUTCDate()));
  return cutoff.toISOString().slice(0, 10);
}

/** The resources whose facts are older than FRESHNESS_MONTHS at `now` or marked needsVerification. */
export function entriesToCheck(catalog: ServiceCatalog, now: Date): EntryToCheck[] {
  const cutoff = freshnessCutoff(now);
  return catalog.resources.flatMap((resource) => {
    const reasons: CheckReason[] = [];
    if (resource.verified < cutoff) reasons.push('stale');
    if (resource.needsVerification) reasons.push('needsVerification');
    return reasons.length > 0 ? [{ id: resource.id, verified: resource.verified, reasons }] : [];
  });
}
