// The admin routes against the real server on this run's backend: only the admin role gets in,
// accounts are created, changed and disabled with the rules of `npm run staff:add`, and each
// change is in the admin audit log (ids and codes only).
import { DEFAULT_CATALOG } from '../../routing';
import { createStaffAccount } from '../../staff/accounts';
import { discardTestData, startTestServer, type TestServer } from '../support/testServer';

const PASSWORD = 'correct horse battery staple';
const NEW_PASSWORD = 'an entirely new passphrase';

interface Session {
  cookie: string;
  csrf: string;
}

describe('staff admin API', () => {
  let server: TestServer;
  let admin: Session;
  let nurse: Session;
  let adminId: string;

  const login = async (username: string, password = PASSWORD): Promise<{ status: number; session?: Session }> => {
    const res = await fetch(`${server.url}/staff/api/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username, password }),
    });
    if (res.status !== 200) return { status: res.status };
    const body = (await res.json()) as { csrfToken: string };
    return { status: 200, session: { cookie: (res.headers.get('set-cookie') ?? '').split(';')[0]!, csrf: body.csrfToken } };
  };
  const call = async (session: Session | undefined, method: string, path: string, payload?: unknown) => {
    const headers: Record<string, string> = {};
    if (session) {
      headers.cookie = session.cookie;
      headers['x-csrf-token'] = session.csrf;
    }
    if (payload !== undefined) headers['content-type'] = 'application/json';
    const res = await fetch(`${server.url}${path}`, { method, headers, body: payload === undefined ? undefined : JSON.stringify(payload) });
    return { status: res.status, body: (await res.json()) as Record<string, any> };
  };

  beforeAll(async () => {
    server = await startTestServer({ STAFF_LOGIN_RATE_LIMIT_PER_MINUTE: '1000' });
    const queues = DEFAULT_CATALOG.queues.map((q) => q.id);
    const created = await createStaffAccount(
      server.service.database.staff,
      { username: 'admin.one', displayName: 'Pääkäyttäjä', role: 'admin', queues: ['general_customer_service'] },
      PASSWORD,
      queues,
      new Date(),
      { logN: 10, r: 8, p: 1 },
    );
    adminId = created.id;
    await createStaffAccount(
      server.service.database.staff,
      { username: 'nurse.plain', displayName: 'Hoitaja', role: 'nurse', queues: ['digital_clinic'] },
      PASSWORD,
      queues,
      new Date(),
      { logN: 10, r: 8, p: 1 },
    );
    admin = (await login('admin.one')).session!;
    nurse = (await login('nurse.plain')).session!;
  });
  afterAll(async () => {
    await server.stop();
    await discardTestData(server);
  });

  it('refuses every admin route to a non-admin (403 AdminOnly) and to no session (401)', async () => {
    for (const [method, path, payload] of [
      ['GET', '/staff/api/admin/accounts', undefined],
      ['GET', '/staff/api/admin/audit', undefined],
      ['POST', '/staff/api/admin/accounts', { username: 'sneaky', displayName: 'X', role: 'admin', queues: ['digital_clinic'], password: PASSWORD }],
      ['POST', `/staff/api/admin/accounts/${adminId}/disabled`, { disabled: true }],
      ['POST', `/staff/api/admin/accounts/${adminId}/password`, { password: NEW_PASSWORD }],
      ['POST', `/staff/api/admin/accounts/${adminId}/queues`, { queues: ['digital_clinic'] }],
    ] as const) {
      const refused = await call(nurse, method, path, payload);
      expect(refused.status).toBe(403);
      expect(refused.body.error.code).toBe('AdminOnly');
      expect((await call(undefined, method, path, payload)).status).toBe(401);
    }
    expect((await login('sneaky')).status).toBe(401);
    expect((await login('admin.one')).status).toBe(200);
  });

  it('creates an account that can log in; the rules of staff:add apply', async () => {
    const created = await call(admin, 'POST', '/staff/api/admin/accounts', {
      username: 'Uusi.Hoitaja',
      displayName: '  Uusi   Hoitaja ',
      role: 'nurse',
      queues: ['dental_care'],
      password: PASSWORD,
    });
    expect(created.status).toBe(201);
    expect(created.body.account).toMatchObject({
      username: 'uusi.hoitaja',
      displayName: 'Uusi Hoitaja',
      role: 'nurse',
      queues: ['dental_care'],
      disabled: false,
    });
    expect(created.body.account.passwordHash).toBeUndefined();
    const first = await login('uusi.hoitaja');
    expect(first.status).toBe(200);
    const me = await call(first.session, 'GET', '/staff/api/me');
    expect(me.body.identity).toMatchObject({ displayName: 'Uusi Hoitaja', queues: ['dental_care'] });

    const duplicate = await call(admin, 'POST', '/staff/api/admin/accounts', {
      username: 'uusi.hoitaja',
      displayName: 'Toinen',
      role: 'nurse',
      queues: ['dental_care'],
      password: PASSWORD,
    });
    expect([duplicate.status, duplicate.body.error.code]).toEqual([400, 'DuplicateUsername']);
    const weak = await call(admin, 'POST', '/staff/api/admin/accounts', {
      username: 'heikko',
      displayName: 'Heikko',
      role: 'nurse',
      queues: ['dental_care'],
      password: 'short',
    });
    expect(weak.body.error.code).toBe('WeakPassword');
    const unknownQueue = await call(admin, 'POST', '/staff/api/admin/accounts', {
      username: 'jonoton',
      displayName: 'Jonoton',
      role: 'nurse',
      queues: ['no_such_queue'],
      password: PASSWORD,
    });
    expect(unknownQueue.body.error.code).toBe('InvalidStaffAccount');
    const badRole = await call(admin, 'POST', '/staff/api/admin/accounts', {
      username: 'rooliton',
      displayName: 'Rooliton',
      role: 'boss',
      queues: ['dental_care'],
      password: PASSWORD,
    });
    expect(badRole.body.error.code).toBe('InvalidStaffAccount');
    const extra = await call(admin, 'POST', '/staff/api/admin/accounts', {
      username: 'x1',
      displayName: 'X',
      role: 'nurse',
      queues: ['dental_care'],
      password: PASSWORD,
      isAdmin: true,
    });
    expect(extra.body.error.code).toBe('UnknownField');
    const listed = await call(admin, 'GET', '/staff/api/admin/accounts');
    expect(listed.body.accounts.map((a: { username: string }) => a.username)).toEqual(['admin.one', 'nurse.plain', 'uusi.hoitaja']);
  });

  it('changes queues, resets the password (ending sessions) and disables; never the admin themself', async () => {
    const accounts = (await call(admin, 'GET', '/staff/api/admin/accounts')).body.accounts as { id: string; username: string }[];
    const id = accounts.find((a) => a.username === 'uusi.hoitaja')!.id;
    const before = (await login('uusi.hoitaja')).session!;

    const moved = await call(admin, 'POST', `/staff/api/admin/accounts/${id}/queues`, { queues: ['dental_care', 'digital_clinic'] });
    expect(moved.body.account.queues).toEqual(['dental_care', 'digital_clinic']);
    expect((await call(before, 'GET', '/staff/api/me')).body.identity.queues).toEqual(['dental_care', 'digital_clinic']);
    expect((await call(admin, 'POST', `/staff/api/admin/accounts/${id}/queues`, { queues: [] })).body.error.code).toBe('InvalidStaffAccount');

    expect((await call(admin, 'POST', `/staff/api/admin/accounts/${id}/password`, { password: 'uusi.hoitaja and more' })).body.error.code).toBe('WeakPassword');
    expect((await call(admin, 'POST', `/staff/api/admin/accounts/${id}/password`, { password: NEW_PASSWORD })).status).toBe(200);
    expect((await call(before, 'GET', '/staff/api/me')).status).toBe(401);
    expect((await login('uusi.hoitaja')).status).toBe(401);
    expect((await login('uusi.hoitaja', NEW_PASSWORD)).status).toBe(200);

    const self = await call(admin, 'POST', `/staff/api/admin/accounts/${adminId}/disabled`, { disabled: true });
    expect([self.status, self.body.error.code]).toEqual([403, 'SelfLockout']);
    expect((await call(admin, 'POST', `/staff/api/admin/accounts/${id}/disabled`, { disabled: true })).body.account.disabled).toBe(true);
    expect((await login('uusi.hoitaja', NEW_PASSWORD)).status).toBe(401);
    expect((await call(admin, 'POST', `/staff/api/admin/accounts/${id}/disabled`, { disabled: false })).body.account.disabled).toBe(false);
    expect((await login('uusi.hoitaja', NEW_PASSWORD)).status).toBe(200);
    expect((await call(admin, 'POST', '/staff/api/admin/accounts/nobody/disabled', { disabled: true })).body.error.code).toBe('UnknownStaff');
  });

  it('keeps every change in the audit log, newest first, with ids and codes only', async () => {
    const accounts = (await call(admin, 'GET', '/staff/api/admin/accounts')).body.accounts as { id: string; username: string }[];
    const id = accounts.find((a) => a.username === 'uusi.hoitaja')!.id;
    const log = await call(admin, 'GET', '/staff/api/admin/audit');
    expect(log.status).toBe(200);
    const mine = (log.body.entries as { action: string; targetId: string; actorId: string }[]).filter((e) => e.targetId === id);
    expect(mine.map((e) => e.action)).toEqual(['account_enable', 'account_disable', 'password_reset', 'queues_set', 'account_create']);
    expect(mine.map((e) => e.actorId)).toEqual([adminId, adminId, adminId, adminId, adminId]);
    expect(log.body.entries.find((e: { action: string }) => e.action === 'account_create')).toMatchObject({ role: 'nurse', queues: ['dental_care'] });
    const raw = JSON.stringify(log.body);
    for (const secret of ['uusi.hoitaja', 'Uusi Hoitaja', PASSWORD, NEW_PASSWORD]) expect(raw).not.toContain(secret);
  });
});
