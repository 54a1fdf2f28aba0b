// The HTTP guards on a real restify server: routes shaped like the staff API will be.
import type { IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import restify, { type Server } from 'restify';
import { asyncRoute, sendJson } from '../../http/asyncRoute';
import { asObject, readJsonBody } from '../../http/jsonBody';
import { RateLimiter } from '../../http/rateLimit';
import {
  assertQueueAccess,
  assertSameOrigin,
  clearSessionCookie,
  isHttpsRequest,
  readSessionCookie,
  requireStaff,
  sessionCookie,
  setSessionCookie,
  takeLoginAttempt,
  type StaffHttpOptions,
} from '../../http/staffAuth';
import { createStaffAccount } from '../../staff/accounts';
import { StaffAuthenticator } from '../../staff/authentication';
import { openSqlite, type SqliteHandle } from '../../storage/sqlite/openSqlite';
import { SqliteGate } from '../../storage/query/sqliteGate';
import { sqliteKysely } from '../../storage/query/sqliteKysely';
import { StaffRepository } from '../../storage/stores/staffRepository';

const FAST = { logN: 10, r: 8, p: 1 };
const PASSWORD = 'oikea salasana 2026';

describe('staff HTTP authentication', () => {
  let db: SqliteHandle;
  let server: Server;
  let base: string;
  // The login rate limiter's clock: each helper login moves it a minute on, refilling the budget.
  let limiterClock = 0;
  const options: StaffHttpOptions = { publicUrl: undefined, trustProxy: false, secureCookies: false };

  beforeAll(async () => {
    db = openSqlite(':memory:');
    const store = new StaffRepository({ kind: 'sqlite', kysely: sqliteKysely(db, new SqliteGate()) });
    const auth = new StaffAuthenticator(store, undefined, FAST);
    await createStaffAccount(
      store,
      { username: 'maija', displayName: 'Maija Meikäläinen', role: 'nurse', queues: ['digital_clinic'] },
      PASSWORD,
      ['digital_clinic', 'social_guidance'],
      new Date(),
      FAST,
    );
    const limiter = new RateLimiter(3, () => limiterClock);
    server = restify.createServer({ handleUncaughtExceptions: false });
    server.post(
      '/staff/api/login',
      asyncRoute(async (req, res) => {
        takeLoginAttempt(limiter, req, options);
        assertSameOrigin(req, options);
        const body = asObject(await readJsonBody(req, 4096), 'login');
        const now = new Date();
        const login = await auth.login(String(body.username ?? ''), String(body.password ?? ''), now);
        setSessionCookie(res, req, options, login, now);
        sendJson(res, 200, { csrfToken: login.csrfToken, identity: login.identity });
      }),
    );
    server.get(
      '/staff/api/me',
      asyncRoute(async (req, res) => {
        const staff = await requireStaff(req, auth, options, new Date());
        sendJson(res, 200, staff.identity);
      }),
    );
    server.post(
      '/staff/api/queues/:queueId/claim',
      asyncRoute(async (req, res) => {
        const staff = await requireStaff(req, auth, options, new Date());
        assertQueueAccess(staff.identity, String(req.params.queueId));
        sendJson(res, 200, { ok: true });
      }),
    );
    server.post(
      '/staff/api/logout',
      asyncRoute(async (req, res) => {
        await requireStaff(req, auth, options, new Date());
        await auth.logout(readSessionCookie(req));
        clearSessionCookie(res, req, options);
        sendJson(res, 200, { ok: true });
      }),
    );
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  afterAll(async () => {
    await new Promise<void>((resolve) => server.close(() => resolve()));
    db.close();
  });

  async function login(): Promise<{ cookie: string; csrfToken: string; setCookie: string }> {
    limiterClock += 60_000;
    const res = await fetch(`${base}/staff/api/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: base },
      body: JSON.stringify({ username: 'maija', password: PASSWORD }),
    });
    expect(res.status).toBe(200);
    const setCookie = res.headers.get('set-cookie') ?? '';
    const body = (await res.json()) as { csrfToken: string };
    return { cookie: setCookie.split(';')[0] ?? '', csrfToken: body.csrfToken, setCookie };
  }

  it('sets an HttpOnly, SameSite=Strict session cookie for /staff (not Secure over plain http)', async () => {
    const { setCookie } = await login();
    const attributes = setCookie.split(';').map((a) => a.trim());
    expect(attributes[0]).toMatch(/^luotsi_staff=[A-Za-z0-9_-]{43}$/);
    expect(attributes).toEqual(expect.arrayContaining(['HttpOnly', 'SameSite=Strict', 'Path=/staff', 'Max-Age=43200']));
    expect(attributes).not.toContain('Secure');
  });

  it('marks the cookie Secure on https or when secureCookies is set', () => {
    const expires = new Date(Date.UTC(2026, 0, 1, 12));
    const now = new Date(Date.UTC(2026, 0, 1, 0));
    expect(sessionCookie('abc', expires, now, true)).toBe('luotsi_staff=abc; HttpOnly; SameSite=Strict; Path=/staff; Max-Age=43200; Secure');
    expect(sessionCookie('abc', expires, now, false)).not.toContain('Secure');
  });

  it('answers 401 without a session and 200 with one', async () => {
    expect((await fetch(`${base}/staff/api/me`)).status).toBe(401);
    expect((await fetch(`${base}/staff/api/me`, { headers: { cookie: 'luotsi_staff=forged' } })).status).toBe(401);
    const { cookie } = await login();
    const res = await fetch(`${base}/staff/api/me`, { headers: { cookie: `other=1; ${cookie}` } });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ displayName: 'Maija Meikäläinen', role: 'nurse', queues: ['digital_clinic'] });
  });

  it('refuses a state-changing request without the CSRF token, with a wrong one, or from another origin', async () => {
    const { cookie, csrfToken } = await login();
    const claim = (headers: Record<string, string>) =>
      fetch(`${base}/staff/api/queues/digital_clinic/claim`, { method: 'POST', headers: { cookie, ...headers } });
    const missing = await claim({});
    expect(missing.status).toBe(403);
    expect(await missing.json()).toEqual({ error: { code: 'CsrfRejected', message: 'missing or invalid CSRF token' } });
    expect((await claim({ 'x-csrf-token': csrfToken.slice(0, -1) + (csrfToken.endsWith('A') ? 'B' : 'A') })).status).toBe(403);
    expect((await claim({ 'x-csrf-token': csrfToken, origin: 'https://evil.example' })).status).toBe(403);
    expect((await claim({ 'x-csrf-token': csrfToken, referer: 'https://evil.example/page' })).status).toBe(403);
    expect((await claim({ 'x-csrf-token': csrfToken })).status).toBe(200);
    expect((await claim({ 'x-csrf-token': csrfToken, origin: base })).status).toBe(200);
  });

  it('refuses a login posted from another origin', async () => {
    const res = await fetch(`${base}/staff/api/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: 'https://evil.example' },
      body: JSON.stringify({ username: 'maija', password: PASSWORD }),
    });
    expect(res.status).toBe(403);
  });

  it('answers 403 for a queue the staff member does not belong to', async () => {
    const { cookie, csrfToken } = await login();
    const res = await fetch(`${base}/staff/api/queues/social_guidance/claim`, { method: 'POST', headers: { cookie, 'x-csrf-token': csrfToken } });
    expect(res.status).toBe(403);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('QueueAccessDenied');
  });

  it('logs out: the cookie is cleared and the session no longer works', async () => {
    const { cookie, csrfToken } = await login();
    const res = await fetch(`${base}/staff/api/logout`, { method: 'POST', headers: { cookie, 'x-csrf-token': csrfToken } });
    expect(res.status).toBe(200);
    expect(res.headers.get('set-cookie')).toBe('luotsi_staff=; HttpOnly; SameSite=Strict; Path=/staff; Max-Age=0');
    expect((await fetch(`${base}/staff/api/me`, { headers: { cookie } })).status).toBe(401);
  });

  it('rate-limits login attempts per client IP', async () => {
    limiterClock += 60_000;
    const attempt = () =>
      fetch(`${base}/staff/api/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username: 'nobody', password: 'wrong password 1' }),
      });
    for (let i = 0; i < 3; i++) expect((await attempt()).status).toBe(401);
    const refused = await attempt();
    expect(refused.status).toBe(429);
    expect(refused.headers.get('retry-after')).toMatch(/^\d+$/);
  });
});

describe('Secure cookies', () => {
  // Only headers and socket are read; a plain object stands in for the request.
  const request = (headers: Record<string, string>, encrypted: boolean): IncomingMessage => ({ headers, socket: { encrypted } }) as unknown as IncomingMessage;
  const cookieFor = (req: IncomingMessage, options: StaffHttpOptions): string => {
    let value = '';
    setSessionCookie({ header: (_name: string, v: string) => (value = v) }, req, options, { sessionId: 'abc', expiresAt: new Date(60_000) }, new Date(0));
    return value;
  };
  const plain: StaffHttpOptions = { publicUrl: undefined, trustProxy: false, secureCookies: false };

  it('is Secure on a TLS socket, behind a trusted proxy saying https, or when secureCookies is set', () => {
    expect(cookieFor(request({}, true), plain)).toMatch(/; Secure$/);
    expect(cookieFor(request({ 'x-forwarded-proto': 'https' }, false), { ...plain, trustProxy: true })).toMatch(/; Secure$/);
    expect(cookieFor(request({}, false), { ...plain, secureCookies: true })).toMatch(/; Secure$/);
  });

  it('is not Secure on plain http, and an untrusted X-Forwarded-Proto is ignored', () => {
    expect(cookieFor(request({}, false), plain)).not.toContain('Secure');
    expect(isHttpsRequest(request({ 'x-forwarded-proto': 'https' }, false), false)).toBe(false);
  });
});

describe('assertQueueAccess', () => {
  it('passes for a member of the queue', () => {
    expect(() => assertQueueAccess({ staffId: 's', displayName: 'n', role: 'nurse', queues: ['a', 'b'] }, 'b')).not.toThrow();
  });
});
