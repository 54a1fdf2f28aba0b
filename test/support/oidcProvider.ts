// A real OpenID Connect provider (oidc-provider) on a loopback port, for tests of anything that
// signs people in with OpenID Connect: citizen identification and staff sign-in. Sign-ins
// complete without a form: the test says beforehand who logs in (or that the person cancels).
// The provider's signing key is the fixture's own, so a test can also hand the relying party an
// id_token that is expired, for another audience, or signed by a key the provider does not own.
import { requireEsm } from '../../identity/oidc/esmRequire';

/** A person the provider knows, with the claims Suomi.fi e-Identification gives. */
export interface TestPerson {
  accountId: string;
  givenName: string;
  familyName: string;
  /** Finnish personal identity code (henkilötunnus), as the claim `urn:oid:1.2.246.21`. */
  identityCode: string;
  /** Claims of a staff provider (preferred_username, groups), for staff sign-in tests. */
  staffClaims?: { preferred_username?: string; groups?: string[] };
}

/** The Suomi.fi claim name of the personal identity code. */
export const IDENTITY_CODE_CLAIM = 'urn:oid:1.2.246.21';
/** Suomi.fi's assurance level "high" (as acr). */
export const LOA_HIGH = 'http://ftn.ficora.fi/2017/loa3';

/** What the next sign-in does at the provider. */
export type NextAnswer = { login: TestPerson } | 'cancel';

/** Rewrites the id_token of a token response (claims already decoded); `key` picks the signer. */
export type IdTokenTamper = (claims: Record<string, unknown>) => { claims: Record<string, unknown>; key: 'provider' | 'foreign' };

/** A running loopback provider. */
export interface LoopbackProvider {
  issuer: string;
  clientId: string;
  clientSecret: string;
  /** Sets who logs in at the next authorization request (default: the first person). */
  answerNext(answer: NextAnswer): void;
  /** Rewrites the id_token of the next successful token response only. */
  tamperNextIdToken(tamper: IdTokenTamper): void;
  /** Token requests the provider has answered, successful or not. */
  tokenRequests(): number;
  /** Successful token responses whose id_token was rewritten. */
  tampered(): number;
  close(): Promise<void>;
}

/** The default test person (a made-up identity code of the test range). */
export const MAIJA: TestPerson = { accountId: 'maija', givenName: 'Maija', familyName: 'Meikäläinen', identityCode: '010190-900P' };

interface ProviderHandle {
  issuer: string;
  answerNext(answer: NextAnswer): void;
  tamperNextIdToken(tamper: IdTokenTamper): void;
  tokenRequests(): number;
  tampered(): number;
  close(): Promise<void>;
}

type StartProvider = (options: {
  redirectUris: string[];
  persons: TestPerson[];
  clientId: string;
  clientSecret: string;
  identityCodeClaim: string;
  loaHigh: string;
  claimsAtUserInfoOnly: boolean;
}) => Promise<ProviderHandle>;

/**
 * Starts a provider with one confidential client (client_secret_basic) for `redirectUris`. The
 * provider itself is built in loopbackOidcProvider.mjs, loaded by Node's own module system: its
 * configuration must be objects of Node's realm (oidc-provider checks for plain objects, and
 * jest's sandbox objects are not), so the test never hands it one.
 */
export async function startLoopbackProvider(options: {
  redirectUris: string[];
  persons?: TestPerson[];
  clientId?: string;
  /** Keep the profile and identity-code claims out of the id_token: UserInfo gives them. */
  claimsAtUserInfoOnly?: boolean;
}): Promise<LoopbackProvider> {
  const { startProvider } = requireEsm<{ startProvider: StartProvider }>('./loopbackOidcProvider.mjs', __filename);
  const clientId = options.clientId ?? 'luotsi-test';
  const clientSecret = 'loopback-test-client-secret-0123456789';
  const handle = await startProvider({
    redirectUris: [...options.redirectUris],
    persons: (options.persons ?? [MAIJA]).map((p) => ({ ...p })),
    clientId,
    clientSecret,
    identityCodeClaim: IDENTITY_CODE_CLAIM,
    loaHigh: LOA_HIGH,
    claimsAtUserInfoOnly: options.claimsAtUserInfoOnly ?? false,
  });
  return {
    issuer: handle.issuer,
    clientId,
    clientSecret,
    answerNext: (answer) => handle.answerNext(answer),
    tamperNextIdToken: (tamper) => handle.tamperNextIdToken(tamper),
    tokenRequests: () => handle.tokenRequests(),
    tampered: () => handle.tampered(),
    close: () => handle.close(),
  };
}

/**
 * Follows the provider's redirects the way a browser would (cookies kept) until the browser is
 * sent to a URL starting with `callbackPrefix`; returns that URL without requesting it.
 */
export async function browseToCallback(start: URL | string, callbackPrefix: string): Promise<URL> {
  const cookies = new Map<string, string>();
  let url = new URL(start);
  for (let hop = 0; hop < 20; hop += 1) {
    if (url.href.startsWith(callbackPrefix)) return url;
    const response = await fetch(url, { redirect: 'manual', headers: { cookie: [...cookies].map(([k, v]) => `${k}=${v}`).join('; ') } });
    for (const line of response.headers.getSetCookie()) {
      const [pair] = line.split(';');
      const at = pair?.indexOf('=') ?? -1;
      if (pair && at > 0) cookies.set(pair.slice(0, at), pair.slice(at + 1));
    }
    const location = response.headers.get('location');
    await response.arrayBuffer();
    if (!location) throw new Error(`the provider stopped at ${url.pathname} with ${response.status}`);
    url = new URL(location, url);
  }
  throw new Error('too many redirects');
}
