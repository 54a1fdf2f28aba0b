// Catalog freshness: entries checked more than a year ago, or marked by their source, are listed.
import { DEFAULT_CATALOG, entriesToCheck } from '../../routing';
import type { Resource, ServiceCatalog } from '../../routing';

const base = DEFAULT_CATALOG.resources[0]!;
function resource(id: string, verified: string, needsVerification = false): Resource {
  return { ...base, id, verified, needsVerification };
}
const catalog: ServiceCatalog = {
  ...DEFAULT_CATALOG,
  resources: [resource('fresh', '2027-03-01'), resource('old', '2026-01-31'), resource('marked', '2027-03-01', true), resource('both', '2025-06-01', true)],
};

describe('catalog entries to check', () => {
  it('lists facts older than twelve months and those marked needsVerification, with the reasons', () => {
    expect(entriesToCheck(catalog, new Date('2027-03-15T12:00:00Z'))).toEqual([
      { id: 'old', verified: '2026-01-31', reasons: ['stale'] },
      { id: 'marked', verified: '2027-03-01', reasons: ['needsVerification'] },
      { id: 'both', verified: '2025-06-01', reasons: ['stale', 'needsVerification'] },
    ]);
  });

  it('counts twelve months to the day', () => {
    expect(entriesToCheck(catalog, new Date('2027-01-31T12:00:00Z')).map((e) => e.id)).not.toContain('old');
    expect(entriesToCheck(catalog, new Date('2027-02-01T12:00:00Z')).map((e) => e.id)).toContain('old');
  });

  it("lists the model county's marked items now and every item two years on", () => {
    const verifiedOn = new Date(`${DEFAULT_CATALOG.resources[0]!.verified}T12:00:00Z`);
    const marked = DEFAULT_CATALOG.resources.filter((r) => r.needsVerification).map((r) => r.id);
    expect(entriesToCheck(DEFAULT_CATALOG, verifiedOn).map((e) => e.id)).toEqual(marked);
    const later = new Date(verifiedOn.getTime() + 730 * 86_400_000);
    expect(entriesToCheck(DEFAULT_CATALOG, later)).toHaveLength(DEFAULT_CATALOG.resources.length);
  });
});
