// The reusable relying party against a real provider on loopback: the good path and each way a
// provider's answer can be wrong. No mocks: the tokens come from oidc-provider itself.
import { OidcRelyingParty } from '../../identity/oidc/relyingParty';
import { OidcSignInError, type OidcFailureReason } from '../../identity/oidc/oidcErrors';
import { browseToCallback, IDENTITY_CODE_CLAIM, LOA_HIGH, MAIJA, startLoopbackProvider, type LoopbackProvider } from '../support/oidcProvider';

const REDIRECT = 'http://127.0.0.1:9/identify/callback';

let provider: LoopbackProvider;
let rp: OidcRelyingParty;

beforeAll(async () => {
  provider = await startLoopbackProvider({ redirectUris: [REDIRECT] });
  rp = new OidcRelyingParty({
    issuer: provider.issuer,
    clientId: provider.clientId,
    authentication: { kind: 'client_secret', secret: provider.clientSecret },
    redirectUri: REDIRECT,
    scopes: 'openid profile personal_identity_code',
    acrValues: LOA_HIGH,
    allowHttp: true,
  });
});

afterAll(async () => {
  await provider.close();
});

async function failureOf(work: Promise<unknown>): Promise<OidcFailureReason | 'none'> {
  try {
    await work;
    return 'none';
  } catch (error) {
    if (error instanceof OidcSignInError) return error.reason;
    throw error;
  }
}

test('a sign-in with PKCE, state and nonce gives the verified claims', async () => {
  const { url, pending } = await rp.start();
  expect(url.searchParams.get('code_challenge_method')).toBe('S256');
  expect(url.searchParams.get('state')).toBe(pending.state);
  expect(url.searchParams.get('nonce')).toBe(pending.nonce);
  const callback = await browseToCallback(url, REDIRECT);
  const result = await rp.finish(callback, pending);
  expect(result.subject).toBe(MAIJA.accountId);
  expect(result.claims[IDENTITY_CODE_CLAIM]).toBe(MAIJA.identityCode);
  expect(result.claims.given_name).toBe('Maija');
  expect(result.claims.acr).toBe(LOA_HIGH);
});

test('a callback with another state is refused before the code is used', async () => {
  const { url, pending } = await rp.start();
  const callback = await browseToCallback(url, REDIRECT);
  const before = provider.tokenRequests();
  expect(await failureOf(rp.finish(callback, { ...pending, state: 'another-state' }))).toBe('state');
  expect(provider.tokenRequests()).toBe(before);
});

test('a code used twice is refused the second time', async () => {
  const { url, pending } = await rp.start();
  const callback = await browseToCallback(url, REDIRECT);
  expect(await failureOf(rp.finish(callback, pending))).toBe('none');
  expect(await failureOf(rp.finish(callback, pending))).toBe('rejected');
});

test('a wrong PKCE verifier or nonce is refused', async () => {
  const first = await rp.start();
  const callback = await browseToCallback(first.url, REDIRECT);
  expect(await failureOf(rp.finish(callback, { ...first.pending, codeVerifier: 'x'.repeat(43) }))).toBe('rejected');
  const second = await rp.start();
  const callback2 = await browseToCallback(second.url, REDIRECT);
  expect(await failureOf(rp.finish(callback2, { ...second.pending, nonce: 'another-nonce' }))).toBe('rejected');
});

test.each([
  ['expired', (c: Record<string, unknown>) => ({ claims: { ...c, iat: Number(c.iat) - 7200, exp: Number(c.iat) - 3600 }, key: 'provider' as const })],
  ['for another audience', (c: Record<string, unknown>) => ({ claims: { ...c, aud: 'another-client' }, key: 'provider' as const })],
  ['from another issuer', (c: Record<string, unknown>) => ({ claims: { ...c, iss: 'http://127.0.0.1:1' }, key: 'provider' as const })],
  ['signed by a foreign key', (c: Record<string, unknown>) => ({ claims: c, key: 'foreign' as const })],
])('an id_token %s is refused', async (_label, tamper) => {
  const { url, pending } = await rp.start();
  const callback = await browseToCallback(url, REDIRECT);
  const before = provider.tampered();
  provider.tamperNextIdToken(tamper);
  expect(await failureOf(rp.finish(callback, pending))).toBe('rejected');
  expect(provider.tampered()).toBe(before + 1);
});

test('cancelling at the provider is reported as cancelled', async () => {
  const { url, pending } = await rp.start();
  provider.answerNext('cancel');
  const callback = await browseToCallback(url, REDIRECT);
  expect(callback.searchParams.get('error')).toBe('access_denied');
  expect(await failureOf(rp.finish(callback, pending))).toBe('cancelled');
});

test('an unreachable provider is reported as unavailable', async () => {
  const offline = new OidcRelyingParty({
    issuer: 'http://127.0.0.1:1',
    clientId: 'x',
    authentication: { kind: 'client_secret', secret: 'y' },
    redirectUri: REDIRECT,
    scopes: 'openid',
    allowHttp: true,
  });
  expect(await failureOf(offline.start())).toBe('unavailable');
});
