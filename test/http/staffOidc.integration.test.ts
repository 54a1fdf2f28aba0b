// Staff sign-in with the county's provider, end to end over HTTP: the real service, a real
// oidc-provider on loopback, the real database of this run's backend. The provider redirects to a
// fixed base (nothing listens there); the test carries the callback's query to the service, as
// the browser would, with the cookie the service set at the start.
import { browseToCallback, MAIJA, startLoopbackProvider, type LoopbackProvider, type TestPerson } from '../support/oidcProvider';
import { discardTestData, startTestServer, type TestServer } from '../support/testServer';

const REDIRECT_BASE = 'http://127.0.0.1:9';
const CALLBACK = `${REDIRECT_BASE}/staff/oidc/callback`;

const NURSE: TestPerson = {
  ...MAIJA,
  accountId: 'nurse-1',
  givenName: 'Nea',
  familyName: 'Hoitaja',
  staffClaims: { preferred_username: 'Nea.Hoitaja@county.example', groups: ['g-nurses', 'g-other'] },
};
const OUTSIDER: TestPerson = {
  ...MAIJA,
  accountId: 'outsider',
  givenName: 'Otto',
  familyName: 'Ulkopuolinen',
  staffClaims: { preferred_username: 'otto@county.example', groups: ['g-other'] },
};
const ADMIN: TestPerson = {
  ...MAIJA,
  accountId: 'admin-1',
  givenName: 'Aino',
  familyName: 'Ylläpitäjä',
  staffClaims: { preferred_username: 'aino@county.example', groups: ['g-nurses', 'g-admins'] },
};

let provider: LoopbackProvider;
let server: TestServer;

beforeAll(async () => {
  provider = await startLoopbackProvider({ redirectUris: [CALLBACK], persons: [NURSE, OUTSIDER, ADMIN] });
  server = await startTestServer({
    STAFF_OIDC_ISSUER: provider.issuer,
    STAFF_OIDC_CLIENT_ID: provider.clientId,
    STAFF_OIDC_CLIENT_SECRET: provider.clientSecret,
    STAFF_OIDC_SCOPES: 'openid profile groups',
    STAFF_OIDC_ALLOW_HTTP: 'true',
    STAFF_LOGIN_RATE_LIMIT_PER_MINUTE: '1000',
    STAFF_OIDC_REDIRECT_BASE_URL: REDIRECT_BASE,
    // Order is precedence: an admin who is also a nurse gets the admin role.
    STAFF_OIDC_GROUP_ROLES: JSON.stringify({
      'g-admins': { role: 'admin', queues: ['general_customer_service'] },
      'g-nurses': { role: 'nurse', queues: ['digital_clinic', 'mental_health'] },
    }),
  });
});

afterAll(async () => {
  await server?.stop();
  if (server) await discardTestData(server);
  await provider?.close();
});

interface Started {
  stateCookie: string;
  providerUrl: URL;
}

async function start(lang = 'fi'): Promise<Started> {
  const res = await fetch(`${server.url}/staff/oidc/start?lang=${lang}`, { redirect: 'manual' });
  expect(res.status).toBe(302);
  const setCookie = res.headers.getSetCookie().find((c) => c.startsWith('luotsi_staff_oidc='));
  expect(setCookie).toMatch(/HttpOnly/);
  expect(setCookie).toMatch(/Path=\/staff\/oidc/);
  return { stateCookie: setCookie!.split(';')[0]!, providerUrl: new URL(res.headers.get('location')!) };
}

interface CallbackAnswer {
  status: number;
  html: string;
  sessionCookie: string | undefined;
}

async function callback(at: URL, stateCookie: string | undefined): Promise<CallbackAnswer> {
  const res = await fetch(`${server.url}/staff/oidc/callback${at.search}`, { redirect: 'manual', headers: stateCookie ? { cookie: stateCookie } : {} });
  const session = res.headers.getSetCookie().find((c) => /^luotsi_staff=[^;]+/.test(c));
  return { status: res.status, html: await res.text(), sessionCookie: session?.split(';')[0] };
}

async function signIn(person: TestPerson | 'cancel', lang = 'fi'): Promise<CallbackAnswer> {
  const started = await start(lang);
  provider.answerNext(person === 'cancel' ? 'cancel' : { login: person });
  return callback(await browseToCallback(started.providerUrl, CALLBACK), started.stateCookie);
}

async function me(sessionCookie: string): Promise<{ status: number; body: { identity?: { displayName: string; role: string; queues: string[] } } }> {
  const res = await fetch(`${server.url}/staff/api/me`, { headers: { cookie: sessionCookie } });
  return { status: res.status, body: (await res.json()) as { identity?: { displayName: string; role: string; queues: string[] } } };
}

test('the login page offers the organisation sign-in in each language', async () => {
  const expected = { fi: 'Kirjaudu organisaation tunnuksella', sv: 'Logga in med organisationens konto', en: 'Sign in with your organisation account' };
  for (const [lang, label] of Object.entries(expected)) {
    const html = await (await fetch(`${server.url}/staff?lang=${lang}`)).text();
    expect(html).toContain(`href="/staff/oidc/start?lang=${lang}">${label}</a>`);
  }
});

test('a nurse signs in, gets an account from the groups and reaches the console API with its queues', async () => {
  const answer = await signIn(NURSE);
  expect(answer.status).toBe(200);
  expect(answer.html).toContain('data-staff-sign-in="ok"');
  expect(answer.html).toContain('url=/staff?lang=fi');
  expect(answer.sessionCookie).toBeDefined();
  const who = await me(answer.sessionCookie!);
  expect(who.status).toBe(200);
  expect(who.body.identity).toEqual(expect.objectContaining({ displayName: 'Nea Hoitaja', role: 'nurse', queues: ['digital_clinic', 'mental_health'] }));
  const queues = await fetch(`${server.url}/staff/api/queues`, { headers: { cookie: answer.sessionCookie! } });
  expect(queues.status).toBe(200);
  const account = await server.service.database.staff.findCredentials('oidc:nea.hoitaja@county.example');
  expect(account?.role).toBe('nurse');

  // A second sign-in finds the same account rather than making another.
  const again = await signIn(NURSE);
  expect(again.status).toBe(200);
  const second = await me(again.sessionCookie!);
  expect(second.body.identity).toEqual(who.body.identity);
});

test('the first matching group gives the role; all matching groups give the queues', async () => {
  const answer = await signIn(ADMIN);
  expect(answer.status).toBe(200);
  const who = await me(answer.sessionCookie!);
  expect(who.body.identity?.role).toBe('admin');
  expect([...(who.body.identity?.queues ?? [])].sort()).toEqual(['digital_clinic', 'general_customer_service', 'mental_health']);
});

test('a person without an allowed group gets a localized refusal, no session and no account', async () => {
  const answer = await signIn(OUTSIDER, 'sv');
  expect(answer.status).toBe(403);
  expect(answer.sessionCookie).toBeUndefined();
  expect(answer.html).toContain('data-staff-sign-in="no_group"');
  expect(answer.html).toContain('Ditt konto har inte behörighet till Lotsens arbetsvy.');
  expect(answer.html).toContain('lang="sv"');
  expect(await server.service.database.staff.findCredentials('oidc:otto@county.example')).toBeUndefined();
});

test('cancelling at the provider gives the cancelled page and no session', async () => {
  const answer = await signIn('cancel', 'en');
  expect(answer.status).toBe(403);
  expect(answer.sessionCookie).toBeUndefined();
  expect(answer.html).toContain('data-staff-sign-in="cancelled"');
  expect(answer.html).toContain('The sign-in was cancelled.');
});

test("a callback without the start cookie, or with another sign-in's cookie, is refused before the code is used", async () => {
  const first = await start();
  provider.answerNext({ login: NURSE });
  const arrived = await browseToCallback(first.providerUrl, CALLBACK);
  const other = await start();
  const before = provider.tokenRequests();
  for (const cookie of [undefined, other.stateCookie]) {
    const answer = await callback(arrived, cookie);
    expect(answer.status).toBe(403);
    expect(answer.sessionCookie).toBeUndefined();
    expect(answer.html).toContain('data-staff-sign-in="state"');
  }
  expect(provider.tokenRequests()).toBe(before);
});

test.each([
  ['for another audience', (c: Record<string, unknown>) => ({ claims: { ...c, aud: 'another-client' }, key: 'provider' as const })],
  ['expired', (c: Record<string, unknown>) => ({ claims: { ...c, iat: Number(c.iat) - 7200, exp: Number(c.iat) - 3600 }, key: 'provider' as const })],
])('an id_token %s gives no session', async (_name, tamper) => {
  const started = await start('en');
  provider.answerNext({ login: NURSE });
  const arrived = await browseToCallback(started.providerUrl, CALLBACK);
  const tamperedBefore = provider.tampered();
  provider.tamperNextIdToken(tamper);
  const answer = await callback(arrived, started.stateCookie);
  expect(provider.tampered()).toBe(tamperedBefore + 1);
  expect(answer.status).toBe(403);
  expect(answer.sessionCookie).toBeUndefined();
  expect(answer.html).toContain('data-staff-sign-in="rejected"');
  expect(answer.html).toContain('The sign-in did not succeed.');
});

test('a disabled account gets no session even with the right group', async () => {
  const account = await server.service.database.staff.findCredentials('oidc:nea.hoitaja@county.example');
  expect(account).toBeDefined();
  await server.service.database.staff.setDisabled(account!.id, true, new Date(0));
  try {
    const answer = await signIn(NURSE);
    expect(answer.status).toBe(403);
    expect(answer.sessionCookie).toBeUndefined();
    expect(answer.html).toContain('data-staff-sign-in="disabled"');
  } finally {
    await server.service.database.staff.setDisabled(account!.id, false, new Date(0));
  }
});

test('each sign-in sets the role and queues from the groups again, whatever the account held', async () => {
  const staff = server.service.database.staff;
  const account = await staff.findCredentials('oidc:aino@county.example');
  expect(account).toBeDefined();
  await staff.setRole(account!.id, 'customer_service', new Date(0));
  await staff.setQueues(account!.id, ['dental_care'], new Date(0));
  const answer = await signIn(ADMIN);
  expect(answer.status).toBe(200);
  const after = await staff.getAccount(account!.id);
  expect(after?.role).toBe('admin');
  expect([...(after?.queues ?? [])].sort()).toEqual(['digital_clinic', 'general_customer_service', 'mental_health']);
});
