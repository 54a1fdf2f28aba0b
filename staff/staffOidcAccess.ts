// Which staff account and rights an OpenID Connect sign-in gives: pure, from the verified claims
// and the county's group mapping (STAFF_OIDC_GROUP_ROLES). The provider decides who belongs to
// which group; this only reads the answer.
import type { StaffRole } from './roles';

/** What one provider group grants. */
export interface GroupGrant {
  role: StaffRole;
  queues: readonly string[];
}

/** How claims map to a staff account. */
export interface StaffClaimMapping {
  /** Claim naming the account (e.g. preferred_username, email, oid). */
  accountClaim: string;
  /** Claim holding the groups (an array of strings, or one string). */
  groupsClaim: string;
  /** Claim holding the display name; the account claim's value when absent. */
  nameClaim: string;
  /** Group value → grant; the order is the precedence of the role when several match. */
  groups: ReadonlyArray<readonly [string, GroupGrant]>;
}

/** Prefix of accounts created by OpenID Connect sign-in; local usernames cannot hold ':'. */
export const OIDC_USERNAME_PREFIX = 'oidc:';

/** The account an allowed sign-in maps to. */
export interface StaffAccess {
  username: string;
  displayName: string;
  role: StaffRole;
  queues: string[];
}

/** Why claims give no access: no account claim, or no allowed group. */
export type AccessRefusal = 'no_account_claim' | 'no_group';

const MAX_CLAIM = 256;

function claimString(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  const trimmed = value.trim();
  // Control characters and markup never belong in a name shown in the console.
  return trimmed === '' || trimmed.length > MAX_CLAIM || /[\p{Cc}<>]/u.test(trimmed) ? undefined : trimmed;
}

/**
 * The access the claims give: the account `oidc:<claim value>` (lower case), the first matching
 * group's role and the union of the matching groups' queues; or why none.
 */
export function accessFromClaims(claims: Record<string, unknown>, mapping: StaffClaimMapping): StaffAccess | AccessRefusal {
  const account = claimString(claims[mapping.accountClaim]);
  if (account === undefined) return 'no_account_claim';
  const raw = claims[mapping.groupsClaim];
  const held = new Set((Array.isArray(raw) ? raw : [raw]).filter((g): g is string => typeof g === 'string'));
  const matching = mapping.groups.filter(([group]) => held.has(group)).map(([, grant]) => grant);
  const first = matching[0];
  if (first === undefined) return 'no_group';
  return {
    username: `${OIDC_USERNAME_PREFIX}${account.toLowerCase()}`,
    displayName: (claimString(claims[mapping.nameClaim]) ?? account).replace(/\s+/g, ' ').slice(0, 100),
    role: first.role,
    queues: [...new Set(matching.flatMap((g) => g.queues))],
  };
}
