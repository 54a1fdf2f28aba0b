// The loopback OpenID Connect provider of test/support/oidcProvider.ts (see there). Plain ESM so
// Node's own module system loads it and every object oidc-provider sees is of Node's realm.
import http from 'node:http';
import Provider from 'oidc-provider';
import * as jose from 'jose';

/** Starts oidc-provider on an ephemeral loopback port; returns its controls. */
export async function startProvider({ redirectUris, persons, clientId, clientSecret, identityCodeClaim, loaHigh, claimsAtUserInfoOnly }) {
  const own = await jose.generateKeyPair('RS256', { extractable: true });
  const foreign = await jose.generateKeyPair('RS256', { extractable: true });
  const signingJwk = { ...(await jose.exportJWK(own.privateKey)), kid: 'loopback-1', alg: 'RS256', use: 'sig' };
  const server = http.createServer();
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const issuer = `http://127.0.0.1:${server.address().port}`;
  const firstPerson = () => ({ login: persons[0] });
  let next = firstPerson();
  let tamper;
  let tokenCount = 0;
  let tamperedCount = 0;
  const ttl = (seconds) => () => seconds;

  const provider = new Provider(issuer, {
    clients: [{ client_id: clientId, client_secret: clientSecret, redirect_uris: redirectUris, grant_types: ['authorization_code'], response_types: ['code'] }],
    jwks: { keys: [signingJwk] },
    cookies: { keys: ['loopback-cookie-key-0123456789abcdef'] },
    // preferred_username and groups are what a staff provider (Entra ID) gives.
    claims: {
      openid: ['sub'],
      acr: ['acr'],
      profile: ['name', 'given_name', 'family_name', 'preferred_username'],
      personal_identity_code: [identityCodeClaim],
      groups: ['groups'],
    },
    scopes: ['openid', 'profile', 'personal_identity_code', 'groups'],
    acrValues: ['http://ftn.ficora.fi/2017/loa2', loaHigh],
    // Conforming: the scopes' claims only at UserInfo when an access token is issued (as some providers do).
    conformIdTokenClaims: claimsAtUserInfoOnly === true,
    pkce: { required: () => true },
    features: { devInteractions: { enabled: false } },
    ttl: { Interaction: ttl(600), Grant: ttl(600), Session: ttl(600), AccessToken: ttl(600), IdToken: ttl(600), AuthorizationCode: ttl(60) },
    interactions: { url: (_ctx, interaction) => `/interaction/${interaction.uid}` },
    findAccount: (_ctx, sub) => {
      const person = persons.find((p) => p.accountId === sub);
      if (!person) return undefined;
      return {
        accountId: sub,
        claims: () => ({
          sub,
          name: `${person.givenName} ${person.familyName}`,
          given_name: person.givenName,
          family_name: person.familyName,
          [identityCodeClaim]: person.identityCode,
          ...(person.staffClaims ?? {}),
        }),
      };
    },
  });
  // The sign-in page of a real provider, without the page: login and consent as the test said.
  provider.use(async (ctx, nextMiddleware) => {
    if (ctx.method === 'GET' && ctx.path.startsWith('/interaction/')) {
      const details = await provider.interactionDetails(ctx.req, ctx.res);
      const answer = next;
      next = firstPerson();
      if (answer === 'cancel') {
        ctx.redirect(
          await provider.interactionResult(
            ctx.req,
            ctx.res,
            { error: 'access_denied', error_description: 'the person cancelled' },
            { mergeWithLastSubmission: false },
          ),
        );
        return;
      }
      const grant = new provider.Grant({ accountId: answer.login.accountId, clientId: details.params.client_id });
      grant.addOIDCScope(details.params.scope ?? 'openid');
      const grantId = await grant.save();
      const result = { login: { accountId: answer.login.accountId, acr: loaHigh }, consent: { grantId } };
      ctx.redirect(await provider.interactionResult(ctx.req, ctx.res, result, { mergeWithLastSubmission: false }));
      return;
    }
    await nextMiddleware();
    if (ctx.path === '/token') {
      tokenCount += 1;
      const body = ctx.body;
      if (ctx.status === 200 && tamper && body?.id_token) {
        const change = tamper(jose.decodeJwt(body.id_token));
        tamper = undefined;
        tamperedCount += 1;
        const key = change.key === 'provider' ? own.privateKey : foreign.privateKey;
        const kid = change.key === 'provider' ? 'loopback-1' : 'foreign-1';
        ctx.body = { ...body, id_token: await new jose.SignJWT({ ...change.claims }).setProtectedHeader({ alg: 'RS256', kid }).sign(key) };
      }
    }
  });
  server.on('request', provider.callback());
  return {
    issuer,
    answerNext: (answer) => {
      next = answer === 'cancel' ? 'cancel' : { login: { ...answer.login } };
    },
    tamperNextIdToken: (change) => {
      tamper = change;
    },
    tokenRequests: () => tokenCount,
    tampered: () => tamperedCount,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
