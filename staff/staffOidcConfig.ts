// Staff sign-in settings from the environment (read by config.ts): the county's OpenID Connect
// provider, the claims that name the account and hold its groups, and what each group grants.
// Unset STAFF_OIDC_ISSUER means local password accounts only (the embedded default).
import { ConfigError } from '../errors';
import { urlSetting } from '../identity/identityConfig';
import { isStaffRole, STAFF_ROLES } from './roles';
import type { GroupGrant, StaffClaimMapping } from './staffOidcAccess';

type Env = Record<string, string | undefined>;

/** A configured staff provider. */
export interface StaffOidcSettings {
  issuer: string;
  clientId: string;
  clientSecret: string;
  scopes: string;
  /** Base the provider redirects back to (…/staff/oidc/callback): STAFF_OIDC_REDIRECT_BASE_URL or PUBLIC_URL. */
  redirectBaseUrl: string;
  mapping: StaffClaimMapping;
  allowHttp: boolean;
}

/** Environment variables of staff sign-in, for the configuration table of the README. */
export const STAFF_OIDC_VARIABLES = [
  {
    name: 'STAFF_OIDC_ISSUER',
    default: '(unset: password accounts only)',
    description: "issuer URL of the county's provider for staff (e.g. https://login.microsoftonline.com/<tenant>/v2.0)",
  },
  { name: 'STAFF_OIDC_CLIENT_ID', default: '(unset)', description: 'client id registered at the staff provider' },
  { name: 'STAFF_OIDC_CLIENT_SECRET', default: '(unset)', description: 'client secret (client_secret_basic)' },
  { name: 'STAFF_OIDC_SCOPES', default: 'openid profile email', description: 'scopes asked; must include openid' },
  {
    name: 'STAFF_OIDC_ACCOUNT_CLAIM',
    default: 'preferred_username',
    description: 'claim that names the staff account (e.g. preferred_username, email, oid); the account is oidc:<value>',
  },
  { name: 'STAFF_OIDC_NAME_CLAIM', default: 'name', description: 'claim shown as the display name' },
  { name: 'STAFF_OIDC_GROUPS_CLAIM', default: 'groups', description: 'claim holding the groups' },
  {
    name: 'STAFF_OIDC_GROUP_ROLES',
    default: '(required)',
    description:
      'JSON object: group value → {"role": …, "queues": […]}; the first matching group gives the role, all matching groups the queues; nobody else gets in',
  },
  {
    name: 'STAFF_OIDC_REDIRECT_BASE_URL',
    default: 'PUBLIC_URL',
    description: 'base URL the provider redirects back to; register <base>/staff/oidc/callback at the provider',
  },
  { name: 'STAFF_OIDC_ALLOW_HTTP', default: 'false', description: 'allow a plain-http issuer on loopback (tests); refused in production' },
] as const;

function optional(env: Env, name: string): string | undefined {
  const raw = env[name];
  return raw === undefined || raw.trim() === '' ? undefined : raw.trim();
}

function groupGrants(raw: string | undefined): Array<[string, GroupGrant]> {
  const name = 'STAFF_OIDC_GROUP_ROLES';
  if (raw === undefined) throw new ConfigError(name, 'is required with STAFF_OIDC_ISSUER: which groups may sign in, with what role and queues');
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch (cause) {
    throw new ConfigError(name, 'is not JSON', { cause });
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed))
    throw new ConfigError(name, 'must be a JSON object of group → {"role", "queues"}');
  const grants = Object.entries(parsed as Record<string, unknown>).map(([group, value]): [string, GroupGrant] => {
    const grant = value as { role?: unknown; queues?: unknown };
    if (typeof value !== 'object' || value === null || typeof grant.role !== 'string' || !isStaffRole(grant.role)) {
      throw new ConfigError(name, `group "${group}": role must be one of ${STAFF_ROLES.join(', ')}`);
    }
    if (!Array.isArray(grant.queues) || grant.queues.length === 0 || !grant.queues.every((q) => typeof q === 'string' && q !== '')) {
      throw new ConfigError(name, `group "${group}": queues must be a non-empty array of queue ids`);
    }
    return [group, { role: grant.role, queues: grant.queues as string[] }];
  });
  if (grants.length === 0) throw new ConfigError(name, 'names no group');
  return grants;
}

/** Reads the staff sign-in settings; undefined when STAFF_OIDC_ISSUER is unset. */
export function loadStaffOidcSettings(env: Env, mode: 'development' | 'production' | 'test', publicUrl: string | undefined): StaffOidcSettings | undefined {
  const allowHttp = ['true', '1', 'yes'].includes((optional(env, 'STAFF_OIDC_ALLOW_HTTP') ?? 'false').toLowerCase());
  if (allowHttp && mode === 'production') throw new ConfigError('STAFF_OIDC_ALLOW_HTTP', 'cannot be used in production');
  const issuer = urlSetting(env, 'STAFF_OIDC_ISSUER', allowHttp);
  if (issuer === undefined) return undefined;
  const clientId = optional(env, 'STAFF_OIDC_CLIENT_ID');
  if (clientId === undefined) throw new ConfigError('STAFF_OIDC_CLIENT_ID', 'is required with STAFF_OIDC_ISSUER');
  const clientSecret = optional(env, 'STAFF_OIDC_CLIENT_SECRET');
  if (clientSecret === undefined) throw new ConfigError('STAFF_OIDC_CLIENT_SECRET', 'is required with STAFF_OIDC_ISSUER');
  const scopes = optional(env, 'STAFF_OIDC_SCOPES') ?? 'openid profile email';
  if (!scopes.split(/\s+/).includes('openid')) throw new ConfigError('STAFF_OIDC_SCOPES', 'must include openid');
  const redirectBaseUrl = urlSetting(env, 'STAFF_OIDC_REDIRECT_BASE_URL', true) ?? publicUrl?.replace(/\/+$/, '');
  if (redirectBaseUrl === undefined)
    throw new ConfigError('STAFF_OIDC_REDIRECT_BASE_URL', 'or PUBLIC_URL is required with STAFF_OIDC_ISSUER (the provider needs a fixed callback URL)');
  return {
    issuer,
    clientId,
    clientSecret,
    scopes,
    redirectBaseUrl,
    allowHttp,
    mapping: {
      accountClaim: optional(env, 'STAFF_OIDC_ACCOUNT_CLAIM') ?? 'preferred_username',
      nameClaim: optional(env, 'STAFF_OIDC_NAME_CLAIM') ?? 'name',
      groupsClaim: optional(env, 'STAFF_OIDC_GROUPS_CLAIM') ?? 'groups',
      groups: groupGrants(optional(env, 'STAFF_OIDC_GROUP_ROLES')),
    },
  };
}
