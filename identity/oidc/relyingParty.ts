// A small OpenID Connect relying party over openid-client: authorization code flow with PKCE,
// state and nonce. It knows nothing of chats or staff: a caller starts a sign-in (and keeps the
// returned secrets server-side), then finishes it with the callback URL. Citizen identification
// (identity/citizen*) uses it; staff sign-in with the county's provider can use it the same way.
import type * as OpenIdClient from 'openid-client' with { 'resolution-mode': 'import' };
import { requireEsm } from './esmRequire';
import { OidcSignInError } from './oidcErrors';

type OpenId = typeof OpenIdClient;

/** How the relying party authenticates to the token endpoint. */
export type ClientAuthentication =
  { kind: 'client_secret'; secret: string } | { kind: 'private_key_jwt'; privateKeyJwk: JsonWebKey & { kid?: string; alg?: string } };

/** Everything a relying party needs to know about its provider and itself. */
export interface RelyingPartySettings {
  /** The provider's issuer URL; its /.well-known/openid-configuration is read once. */
  issuer: string;
  clientId: string;
  authentication: ClientAuthentication;
  /** Where the provider sends the browser back (registered at the provider). */
  redirectUri: string;
  /** Scopes asked, `openid` included. */
  scopes: string;
  /** acr_values to ask for (e.g. Suomi.fi's loa3), if any. */
  acrValues?: string;
  /** Plain http to the provider: loopback test providers only. */
  allowHttp?: boolean;
}

/** What a started sign-in must keep (server-side) until its callback arrives. */
export interface PendingSignIn {
  state: string;
  nonce: string;
  codeVerifier: string;
}

/** The verified outcome: the id_token's claims (and the UserInfo ones when the id_token lacked some). */
export interface SignInResult {
  subject: string;
  claims: Record<string, unknown>;
  /** The access token, for a UserInfo request when the id_token lacks a claim. */
  accessToken: string;
}

let openIdModule: OpenId | undefined;
function openId(): OpenId {
  openIdModule ??= requireEsm<OpenId>('openid-client');
  return openIdModule;
}

/** One provider, discovered lazily; safe to share between requests. */
export class OidcRelyingParty {
  private configuration: Promise<OpenIdClient.Configuration> | undefined;

  constructor(private readonly settings: RelyingPartySettings) {}

  /** The provider's configuration (discovery); a failed discovery is retried on the next call. */
  private async config(): Promise<OpenIdClient.Configuration> {
    if (!this.configuration) {
      this.configuration = this.discover();
      this.configuration.catch(() => {
        this.configuration = undefined;
      });
    }
    return this.configuration;
  }

  private async discover(): Promise<OpenIdClient.Configuration> {
    const oc = openId();
    const { settings } = this;
    const auth =
      settings.authentication.kind === 'client_secret'
        ? oc.ClientSecretBasic(settings.authentication.secret)
        : oc.PrivateKeyJwt({ key: await importPrivateKey(settings.authentication.privateKeyJwk), kid: settings.authentication.privateKeyJwk.kid });
    try {
      const configuration = await oc.discovery(new URL(settings.issuer), settings.clientId, { id_token_signed_response_alg: 'RS256' }, auth, {
        ...(settings.allowHttp ? { execute: [oc.allowInsecureRequests] } : {}),
      });
      // The id_token's iat and exp are judged by the machine's clock, as the provider sets them by
      // its own: an injected test clock set to another day must not make every token expired.
      configuration.timeout = 10;
      // openid-client trusts an id_token from the token endpoint by TLS alone (the spec allows
      // it); the signature is checked too, so a token the provider's keys did not sign is refused.
      oc.enableNonRepudiationChecks(configuration);
      return configuration;
    } catch (cause) {
      throw new OidcSignInError('unavailable', 'the identity provider could not be discovered', { cause });
    }
  }

  /** Starts a sign-in: the URL to send the browser to, and the secrets to keep until the callback. */
  async start(): Promise<{ url: URL; pending: PendingSignIn }> {
    const oc = openId();
    const config = await this.config();
    const pending: PendingSignIn = { state: oc.randomState(), nonce: oc.randomNonce(), codeVerifier: oc.randomPKCECodeVerifier() };
    const url = oc.buildAuthorizationUrl(config, {
      redirect_uri: this.settings.redirectUri,
      scope: this.settings.scopes,
      code_challenge: await oc.calculatePKCECodeChallenge(pending.codeVerifier),
      code_challenge_method: 'S256',
      state: pending.state,
      nonce: pending.nonce,
      ...(this.settings.acrValues ? { acr_values: this.settings.acrValues } : {}),
    });
    return { url, pending };
  }

  /**
   * Finishes a sign-in from the callback URL the browser arrived at: checks state, exchanges the
   * code (with the PKCE verifier), verifies the id_token (signature, issuer, audience, nonce,
   * expiry) and returns its claims. Throws OidcSignInError.
   */
  async finish(callbackUrl: URL, pending: PendingSignIn): Promise<SignInResult> {
    const oc = openId();
    const error = callbackUrl.searchParams.get('error');
    if (callbackUrl.searchParams.get('state') !== pending.state) throw new OidcSignInError('state', 'the callback state is not the one this sign-in sent');
    if (error !== null) {
      throw new OidcSignInError(error === 'access_denied' ? 'cancelled' : 'rejected', `the provider answered ${error.slice(0, 64)}`);
    }
    const config = await this.config();
    // The token request names the registered redirect URI: the callback's own URL as the server
    // saw it (behind a proxy, on another host name) must not stand in for it.
    const returned = new URL(this.settings.redirectUri);
    returned.search = callbackUrl.search;
    let tokens: Awaited<ReturnType<OpenId['authorizationCodeGrant']>>;
    try {
      tokens = await oc.authorizationCodeGrant(config, returned, {
        pkceCodeVerifier: pending.codeVerifier,
        expectedState: pending.state,
        expectedNonce: pending.nonce,
        idTokenExpected: true,
      });
    } catch (cause) {
      const unreachable = cause instanceof TypeError || (cause as { code?: unknown }).code === 'OAUTH_TIMEOUT';
      throw new OidcSignInError(unreachable ? 'unavailable' : 'rejected', 'the provider answer did not pass the checks', { cause });
    }
    const idClaims = tokens.claims();
    if (!idClaims) throw new OidcSignInError('rejected', 'the token response has no id_token');
    return { subject: idClaims.sub, claims: { ...idClaims }, accessToken: tokens.access_token };
  }

  /** The UserInfo claims for an access token (for providers that keep claims out of the id_token). */
  async userInfo(accessToken: string, subject: string): Promise<Record<string, unknown>> {
    try {
      return { ...(await openId().fetchUserInfo(await this.config(), accessToken, subject)) };
    } catch (cause) {
      throw new OidcSignInError('rejected', 'the UserInfo answer did not pass the checks', { cause });
    }
  }
}

async function importPrivateKey(jwk: JsonWebKey & { alg?: string }): Promise<CryptoKey> {
  const alg = jwk.alg ?? 'RS256';
  const algorithm = alg.startsWith('ES') ? { name: 'ECDSA', namedCurve: jwk.crv ?? 'P-256' } : { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' };
  return crypto.subtle.importKey('jwk', jwk, algorithm, false, ['sign']);
}
