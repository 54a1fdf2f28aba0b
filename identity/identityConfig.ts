// Identification settings from the environment (read by config.ts). Suomi.fi e-Identification and
// the identification brokers speak OpenID Connect; the embedded default is a marked test provider.
import { ConfigError } from '../errors';
import type { ClientAuthentication } from './oidc/relyingParty';

type Env = Record<string, string | undefined>;

/** Which claims hold what the case keeps. */
export interface ClaimMapping {
  identityCode: string;
  givenName: string;
  familyName: string;
}

/** A configured OpenID Connect identity provider. */
export interface OidcIdentification {
  provider: 'oidc';
  issuer: string;
  clientId: string;
  authentication: ClientAuthentication;
  scopes: string;
  acrValues: string | undefined;
  claims: ClaimMapping;
  /** Base URL the provider redirects back to (…/identify/callback); PUBLIC_URL or the request's when unset. */
  redirectBaseUrl: string | undefined;
  /** Plain http to the issuer: only for a provider on loopback (tests, a local broker). */
  allowHttp: boolean;
}

/** How citizens identify: a real provider, the built-in test provider, or not at all. */
export type IdentificationConfig = OidcIdentification | { provider: 'test' } | { provider: 'none' };

/** Identification and the key that seals identities at rest. */
export interface IdentitySettings {
  identification: IdentificationConfig;
  /** 32 bytes; generated into DATA_DIR outside production when unset. */
  encryptionKey: Buffer | undefined;
}

/** Environment variables of identification, for the configuration table of the README. */
export const IDENTITY_VARIABLES = [
  {
    name: 'IDENTIFICATION_PROVIDER',
    default: 'oidc when OIDC_ISSUER is set; else test (none in production)',
    description: 'oidc, test or none; test is the built-in marked test provider and is refused in production',
  },
  {
    name: 'OIDC_ISSUER',
    default: '(unset)',
    description: 'issuer URL of Suomi.fi e-Identification or the identification broker (its /.well-known/openid-configuration is read)',
  },
  { name: 'OIDC_CLIENT_ID', default: '(unset)', description: 'client id registered at the provider' },
  { name: 'OIDC_CLIENT_SECRET', default: '(unset)', description: 'client secret (client_secret_basic); or use OIDC_PRIVATE_KEY_JWK' },
  {
    name: 'OIDC_PRIVATE_KEY_JWK',
    default: '(unset)',
    description: 'private key as a JSON Web Key (private_key_jwt client authentication, RS256 or ES256); the provider gets the public part',
  },
  { name: 'OIDC_SCOPES', default: 'openid profile personal_identity_code', description: 'scopes asked' },
  { name: 'OIDC_ACR_VALUES', default: '(unset)', description: 'acr_values asked, e.g. http://ftn.ficora.fi/2017/loa3 for Suomi.fi "high"' },
  { name: 'OIDC_CLAIM_IDENTITY_CODE', default: 'urn:oid:1.2.246.21', description: 'claim holding the personal identity code' },
  { name: 'OIDC_CLAIM_GIVEN_NAME', default: 'given_name', description: 'claim holding the given name' },
  { name: 'OIDC_CLAIM_FAMILY_NAME', default: 'family_name', description: 'claim holding the family name' },
  {
    name: 'OIDC_REDIRECT_BASE_URL',
    default: 'PUBLIC_URL',
    description: 'base URL the provider redirects back to; register <base>/identify/callback at the provider',
  },
  { name: 'OIDC_ALLOW_HTTP', default: 'false', description: 'allow a plain-http issuer on loopback (tests, a local broker); refused in production' },
  {
    name: 'IDENTITY_ENCRYPTION_KEY',
    default: '(generated in development)',
    description: '32 random bytes, base64 (openssl rand -base64 32): seals verified names and identity codes at rest (AES-256-GCM); required in production',
  },
] as const;

function optional(env: Env, name: string): string | undefined {
  const raw = env[name];
  return raw === undefined || raw.trim() === '' ? undefined : raw.trim();
}

/** An https URL setting (plain http only on loopback with `allowHttp`), without a trailing slash. */
export function urlSetting(env: Env, name: string, allowHttp: boolean): string | undefined {
  const raw = optional(env, name);
  if (raw === undefined) return undefined;
  let url: URL;
  try {
    url = new URL(raw);
  } catch (cause) {
    throw new ConfigError(name, `is not a URL: "${raw}"`, { cause });
  }
  const loopback = url.hostname === '127.0.0.1' || url.hostname === 'localhost' || url.hostname === '[::1]';
  if (url.protocol !== 'https:' && !(allowHttp && url.protocol === 'http:' && loopback)) throw new ConfigError(name, 'must be an https URL');
  return raw.replace(/\/+$/, '');
}

function keySetting(env: Env): Buffer | undefined {
  const raw = optional(env, 'IDENTITY_ENCRYPTION_KEY');
  if (raw === undefined) return undefined;
  const key = /^[0-9a-f]{64}$/i.test(raw) ? Buffer.from(raw, 'hex') : Buffer.from(raw, 'base64');
  if (key.length !== 32) throw new ConfigError('IDENTITY_ENCRYPTION_KEY', 'must be 32 bytes, base64 or hex (openssl rand -base64 32)');
  return key;
}

function authenticationSetting(env: Env): ClientAuthentication {
  const secret = optional(env, 'OIDC_CLIENT_SECRET');
  const jwk = optional(env, 'OIDC_PRIVATE_KEY_JWK');
  if (secret !== undefined && jwk !== undefined) throw new ConfigError('OIDC_PRIVATE_KEY_JWK', 'set either it or OIDC_CLIENT_SECRET, not both');
  if (secret !== undefined) return { kind: 'client_secret', secret };
  if (jwk === undefined) throw new ConfigError('OIDC_CLIENT_SECRET', 'or OIDC_PRIVATE_KEY_JWK is required with OIDC_ISSUER');
  let parsed: unknown;
  try {
    parsed = JSON.parse(jwk);
  } catch (cause) {
    // The value is a private key: never echo it.
    throw new ConfigError('OIDC_PRIVATE_KEY_JWK', 'is not JSON', { cause });
  }
  const key = parsed as JsonWebKey & { kid?: string; alg?: string };
  if (typeof parsed !== 'object' || parsed === null || typeof key.kty !== 'string' || typeof key.d !== 'string') {
    throw new ConfigError('OIDC_PRIVATE_KEY_JWK', 'must be a private JSON Web Key (with "kty" and "d")');
  }
  return { kind: 'private_key_jwt', privateKeyJwk: key };
}

/** Reads the identification settings; production refuses the test provider and a missing key. */
export function loadIdentitySettings(env: Env, mode: 'development' | 'production' | 'test'): IdentitySettings {
  const issuerSet = optional(env, 'OIDC_ISSUER') !== undefined;
  const fallback = issuerSet ? 'oidc' : mode === 'production' ? 'none' : 'test';
  const raw = optional(env, 'IDENTIFICATION_PROVIDER') ?? fallback;
  if (raw !== 'oidc' && raw !== 'test' && raw !== 'none') throw new ConfigError('IDENTIFICATION_PROVIDER', `must be one of oidc, test, none, got "${raw}"`);
  if (raw === 'test' && mode === 'production') throw new ConfigError('IDENTIFICATION_PROVIDER', 'the test provider cannot be used in production');
  const allowHttp = ['true', '1', 'yes'].includes((optional(env, 'OIDC_ALLOW_HTTP') ?? 'false').toLowerCase());
  if (allowHttp && mode === 'production') throw new ConfigError('OIDC_ALLOW_HTTP', 'cannot be used in production');
  const encryptionKey = keySetting(env);
  if (mode === 'production' && raw !== 'none' && encryptionKey === undefined) {
    throw new ConfigError('IDENTITY_ENCRYPTION_KEY', 'is required in production (openssl rand -base64 32)');
  }
  if (raw !== 'oidc') return { identification: { provider: raw }, encryptionKey };
  const issuer = urlSetting(env, 'OIDC_ISSUER', allowHttp);
  if (issuer === undefined) throw new ConfigError('OIDC_ISSUER', 'is required with IDENTIFICATION_PROVIDER=oidc');
  const clientId = optional(env, 'OIDC_CLIENT_ID');
  if (clientId === undefined) throw new ConfigError('OIDC_CLIENT_ID', 'is required with OIDC_ISSUER');
  const scopes = optional(env, 'OIDC_SCOPES') ?? 'openid profile personal_identity_code';
  if (!scopes.split(/\s+/).includes('openid')) throw new ConfigError('OIDC_SCOPES', 'must include openid');
  return {
    identification: {
      provider: 'oidc',
      issuer,
      clientId,
      authentication: authenticationSetting(env),
      scopes,
      acrValues: optional(env, 'OIDC_ACR_VALUES'),
      claims: {
        identityCode: optional(env, 'OIDC_CLAIM_IDENTITY_CODE') ?? 'urn:oid:1.2.246.21',
        givenName: optional(env, 'OIDC_CLAIM_GIVEN_NAME') ?? 'given_name',
        familyName: optional(env, 'OIDC_CLAIM_FAMILY_NAME') ?? 'family_name',
      },
      redirectBaseUrl: urlSetting(env, 'OIDC_REDIRECT_BASE_URL', true),
      allowHttp,
    },
    encryptionKey,
  };
}
