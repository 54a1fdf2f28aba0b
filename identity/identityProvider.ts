// The two ways a citizen identifies: a real OpenID Connect provider (Suomi.fi e-Identification
// or a broker) and the built-in test provider of development, which is refused in production.
import { OidcRelyingParty, type PendingSignIn } from './oidc/relyingParty';
import { OidcSignInError } from './oidc/oidcErrors';
import type { ClaimMapping, OidcIdentification } from './identityConfig';
import type { VerifiedIdentity } from './verifiedIdentity';

/** What the provider verified (the service adds the time and whose matter it is). */
export type ProvidedIdentity = Omit<VerifiedIdentity, 'identifiedAt' | 'matterOf'>;

/** One identity provider as citizen identification uses it. */
export interface IdentityProvider {
  readonly kind: 'oidc' | 'test';
  /** Where to send the browser, and the secrets to keep until the callback. */
  start(): Promise<{ url: string; pending: PendingSignIn }>;
  /** Verifies the callback; throws OidcSignInError. */
  finish(callbackUrl: URL, pending: PendingSignIn): Promise<ProvidedIdentity>;
}

/** Path of the callback, under the redirect base URL. */
export const CALLBACK_PATH = '/identify/callback';
/** Path of the built-in test provider's page. */
export const TEST_PROVIDER_PATH = '/identify/test';

function claimText(claims: Record<string, unknown>, name: string): string | undefined {
  const value = claims[name];
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
}

/** Suomi.fi e-Identification or a broker over OpenID Connect. */
export class OidcIdentityProvider implements IdentityProvider {
  readonly kind = 'oidc' as const;
  private readonly rp: OidcRelyingParty;
  private readonly claims: ClaimMapping;

  constructor(settings: OidcIdentification, redirectBaseUrl: string) {
    this.claims = settings.claims;
    this.rp = new OidcRelyingParty({
      issuer: settings.issuer,
      clientId: settings.clientId,
      authentication: settings.authentication,
      redirectUri: `${redirectBaseUrl}${CALLBACK_PATH}`,
      scopes: settings.scopes,
      ...(settings.acrValues !== undefined && { acrValues: settings.acrValues }),
      allowHttp: settings.allowHttp,
    });
  }

  async start(): Promise<{ url: string; pending: PendingSignIn }> {
    const { url, pending } = await this.rp.start();
    return { url: url.href, pending };
  }

  async finish(callbackUrl: URL, pending: PendingSignIn): Promise<ProvidedIdentity> {
    const signedIn = await this.rp.finish(callbackUrl, pending);
    let claims = signedIn.claims;
    // Some providers (Suomi.fi among them, depending on the claims request) keep the identity
    // code and the name out of the id_token and give them at UserInfo, for the same subject.
    if (!this.hasIdentity(claims)) claims = { ...(await this.rp.userInfo(signedIn.accessToken, signedIn.subject)), acr: claims.acr };
    const identityCode = claimText(claims, this.claims.identityCode);
    const givenName = claimText(claims, this.claims.givenName);
    const familyName = claimText(claims, this.claims.familyName);
    if (!identityCode || !givenName || !familyName) throw new OidcSignInError('claims', 'neither the id_token nor UserInfo has the identity code and the name');
    return { identityCode, givenName, familyName, assurance: claimText(claims, 'acr') ?? 'unspecified', provider: 'oidc' };
  }

  private hasIdentity(claims: Record<string, unknown>): boolean {
    return [this.claims.identityCode, this.claims.givenName, this.claims.familyName].every((name) => claimText(claims, name) !== undefined);
  }
}

/** The made-up people of the test provider (identity codes of the 9xx test range). */
export const TEST_PERSONS: Readonly<Record<string, { givenName: string; familyName: string; identityCode: string }>> = {
  maija: { givenName: 'Maija', familyName: 'Meikäläinen', identityCode: '010190-900P' },
  matti: { givenName: 'Matti', familyName: 'Meikäläinen', identityCode: '010170-9011' },
};

/**
 * The built-in test provider: its page (marked as a test) lets a person pick a made-up identity
 * or cancel; the callback carries the choice. Never in production (config.ts refuses it).
 */
export class TestIdentityProvider implements IdentityProvider {
  readonly kind = 'test' as const;

  constructor(private readonly newState: () => string) {}

  async start(): Promise<{ url: string; pending: PendingSignIn }> {
    const state = this.newState();
    return { url: `${TEST_PROVIDER_PATH}?state=${encodeURIComponent(state)}`, pending: { state, nonce: '', codeVerifier: '' } };
  }

  async finish(callbackUrl: URL, pending: PendingSignIn): Promise<ProvidedIdentity> {
    if (callbackUrl.searchParams.get('state') !== pending.state) throw new OidcSignInError('state', 'the callback state is not the one this sign-in sent');
    if (callbackUrl.searchParams.get('error') === 'access_denied') throw new OidcSignInError('cancelled', 'cancelled at the test provider');
    const person = TEST_PERSONS[callbackUrl.searchParams.get('test_person') ?? ''];
    if (!person) throw new OidcSignInError('rejected', 'no such test person');
    return { ...person, assurance: 'test', provider: 'test' };
  }
}
