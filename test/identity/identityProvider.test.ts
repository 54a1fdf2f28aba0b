// The OpenID Connect identity provider against oidc-provider on loopback, for a provider that gives
// the identity code and the name only at UserInfo (the id_token carries sub and acr alone).
import { OidcIdentityProvider } from '../../identity/identityProvider';
import { OidcRelyingParty } from '../../identity/oidc/relyingParty';
import { OidcSignInError } from '../../identity/oidc/oidcErrors';
import type { OidcIdentification } from '../../identity/identityConfig';
import { browseToCallback, IDENTITY_CODE_CLAIM, LOA_HIGH, MAIJA, startLoopbackProvider, type LoopbackProvider } from '../support/oidcProvider';

const BASE = 'http://127.0.0.1:9';
const CALLBACK = `${BASE}/identify/callback`;

let provider: LoopbackProvider;

beforeAll(async () => {
  provider = await startLoopbackProvider({ redirectUris: [CALLBACK], claimsAtUserInfoOnly: true });
});

afterAll(async () => {
  await provider.close();
});

function settings(claims: OidcIdentification['claims']): OidcIdentification {
  return {
    provider: 'oidc',
    issuer: provider.issuer,
    clientId: provider.clientId,
    authentication: { kind: 'client_secret', secret: provider.clientSecret },
    scopes: 'openid profile personal_identity_code',
    acrValues: LOA_HIGH,
    claims,
    redirectBaseUrl: BASE,
    allowHttp: true,
  };
}

const SUOMI_FI_CLAIMS = { identityCode: IDENTITY_CODE_CLAIM, givenName: 'given_name', familyName: 'family_name' };

test('the id_token of this provider has no identity code (so the UserInfo path is what is tested)', async () => {
  const rp = new OidcRelyingParty({ ...settings(SUOMI_FI_CLAIMS), redirectUri: CALLBACK });
  const { url, pending } = await rp.start();
  const result = await rp.finish(await browseToCallback(url, CALLBACK), pending);
  expect(result.claims).not.toHaveProperty(IDENTITY_CODE_CLAIM);
  expect(result.claims.acr).toBe(LOA_HIGH);
});

test('the identity comes from UserInfo when the id_token lacks it, with the assurance of the id_token', async () => {
  const identity = new OidcIdentityProvider(settings(SUOMI_FI_CLAIMS), BASE);
  const { url, pending } = await identity.start();
  const provided = await identity.finish(await browseToCallback(url, CALLBACK), pending);
  expect(provided).toEqual({ identityCode: MAIJA.identityCode, givenName: 'Maija', familyName: 'Meikäläinen', assurance: LOA_HIGH, provider: 'oidc' });
});

test('a claim that neither the id_token nor UserInfo has is a claims failure, not an identity', async () => {
  const identity = new OidcIdentityProvider(settings({ ...SUOMI_FI_CLAIMS, identityCode: 'urn:oid:1.2.246.517.3002.110.3' }), BASE);
  const { url, pending } = await identity.start();
  const callback = await browseToCallback(url, CALLBACK);
  const failure = await identity.finish(callback, pending).then(
    () => 'none',
    (error: unknown) => (error instanceof OidcSignInError ? error.reason : 'other'),
  );
  expect(failure).toBe('claims');
});
