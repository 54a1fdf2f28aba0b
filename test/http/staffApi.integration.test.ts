// The staff API against the real server: sessions, CSRF, queue access, ordering, the atomic
// claim, transfer, close and the accuracy report, notes, photos, the summary and the audit log.
import type { AddressInfo } from 'node:net';
import restify from 'restify';
import { ForbiddenError } from '../../errors';
import type { NewCase } from '../../handoff';
import { RateLimiter } from '../../http/rateLimit';
import { registerStaffApi } from '../../http/staffApi';
import { loadConfig } from '../../config';
import { createI18n } from '../../i18n/i18n';
import { createLogger } from '../../logger';
import { DEFAULT_CATALOG } from '../../routing';
import { StaffAuthenticator } from '../../staff/authentication';
import { createStaffAccount } from '../../staff/accounts';
import { startTestServer, type TestServer } from '../support/testServer';

const PASSWORD = 'correct horse battery staple';
const FAST_SCRYPT = { logN: 10, r: 8, p: 1 };
const DAY_MS = 86_400_000;

interface Session {
  cookie: string;
  csrf: string;
}

interface Answer {
  status: number;
  headers: Headers;
  body: any;
}

async function call(
  server: TestServer,
  method: string,
  path: string,
  options: { session?: Session; body?: unknown; csrf?: string | null; headers?: Record<string, string> } = {},
): Promise<Answer> {
  const headers: Record<string, string> = { ...(options.headers ?? {}) };
  if (options.session) headers.cookie = options.session.cookie;
  const csrf = options.csrf === undefined ? options.session?.csrf : options.csrf;
  if (csrf !== null && csrf !== undefined) headers['x-csrf-token'] = csrf;
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  const res = await fetch(`${server.url}${path}`, {
    method,
    headers,
    body: options.body === undefined ? undefined : JSON.stringify(options.body),
  });
  const type = res.headers.get('content-type') ?? '';
  const body = type.startsWith('application/json') ? await res.json() : Buffer.from(await res.arrayBuffer());
  return { status: res.status, headers: res.headers, body };
}

async function login(server: TestServer, username: string, password = PASSWORD): Promise<Session> {
  const res = await call(server, 'POST', '/staff/api/login', { body: { username, password } });
  expect(res.status).toBe(200);
  const cookie = (res.headers.get('set-cookie') ?? '').split(';')[0]!;
  expect(cookie).toMatch(/^luotsi_staff=.+/);
  return { cookie, csrf: res.body.csrfToken as string };
}

async function addStaff(server: TestServer, username: string, queues: string[]): Promise<void> {
  await createStaffAccount(
    server.service.database.staff,
    { username, displayName: `Nurse ${username}`, role: 'nurse', queues },
    PASSWORD,
    DEFAULT_CATALOG.queues.map((q) => q.id),
    new Date(),
    FAST_SCRYPT,
  );
}

let counter = 0;
function newCase(overrides: Partial<NewCase> = {}): NewCase {
  counter += 1;
  return {
    conversationId: `conv-${counter}`,
    conversationReference: {},
    channel: 'directline',
    queueId: 'digital_clinic',
    urgency: 'non_urgent',
    segment: 2,
    topic: 'skin',
    subject: { kind: 'adult', relationship: 'adult_child', consent: 'agrees' },
    locale: 'fi',
    answers: { 'entry.subject': 'subject.adult', 'skin.duration': 'duration.days', 'skin.describe': 'Punoittava\nläiskä <b>käsivarressa</b>' },
    photoIds: [],
    ...overrides,
  };
}

describe('staff API', () => {
  let server: TestServer;
  let nurseA: Session;
  let nurseB: Session;
  let social: Session;
  let lead: Session;

  beforeAll(async () => {
    server = await startTestServer({ STAFF_LOGIN_RATE_LIMIT_PER_MINUTE: '1000' });
    await addStaff(server, 'nurse.a', ['digital_clinic']);
    await addStaff(server, 'nurse.b', ['digital_clinic']);
    await addStaff(server, 'social.c', ['social_guidance']);
    await addStaff(server, 'lead.d', ['digital_clinic', 'general_customer_service']);
    await addStaff(server, 'locked.e', ['digital_clinic']);
    nurseA = await login(server, 'nurse.a');
    nurseB = await login(server, 'nurse.b');
    social = await login(server, 'social.c');
    lead = await login(server, 'lead.d');
  });

  afterAll(async () => {
    await server.stop();
  });

  const store = () => server.service.database.handoff;

  it('answers 401 without a session, JSON with nosniff', async () => {
    for (const [method, path] of [
      ['GET', '/staff/api/me'],
      ['GET', '/staff/api/queues'],
      ['GET', '/staff/api/cases'],
      ['POST', '/staff/api/cases/abc/claim'],
    ] as const) {
      const res = await call(server, method, path);
      expect(res.status).toBe(401);
      expect(res.headers.get('content-type')).toMatch(/^application\/json/);
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
      expect(res.headers.get('cache-control')).toBe('no-store');
      expect(res.body.error.code).toBe('Unauthorized');
    }
    const forged = await call(server, 'GET', '/staff/api/me', { headers: { cookie: 'luotsi_staff=not-a-session' } });
    expect(forged.status).toBe(401);
  });

  it('logs in, tells who is logged in and logs out', async () => {
    const session = await login(server, 'nurse.a');
    const me = await call(server, 'GET', '/staff/api/me', { session });
    expect(me.status).toBe(200);
    expect(me.body.identity).toMatchObject({ displayName: 'Nurse nurse.a', role: 'nurse', queues: ['digital_clinic'] });
    expect(me.body.csrfToken).toBe(session.csrf);
    expect(me.headers.get('content-type')).toBe('application/json; charset=utf-8');
    expect(me.headers.get('x-content-type-options')).toBe('nosniff');
    expect(me.headers.get('cache-control')).toBe('no-store');
    const out = await call(server, 'POST', '/staff/api/logout', { session, body: {} });
    expect(out.status).toBe(200);
    expect(out.headers.get('set-cookie')).toContain('Max-Age=0');
    expect((await call(server, 'GET', '/staff/api/me', { session })).status).toBe(401);
  });

  it('refuses a wrong password with the same answer as an unknown user, and bad bodies with 400', async () => {
    const wrong = await call(server, 'POST', '/staff/api/login', { body: { username: 'nurse.b', password: 'not the password at all' } });
    const unknown = await call(server, 'POST', '/staff/api/login', { body: { username: 'nobody', password: 'not the password at all' } });
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    expect(wrong.body).toEqual(unknown.body);
    expect((await call(server, 'POST', '/staff/api/login', { body: { username: 'nurse.b' } })).body.error.code).toBe('MissingField');
    expect((await call(server, 'POST', '/staff/api/login', { body: { username: 5, password: 'x' } })).status).toBe(400);
    expect((await call(server, 'POST', '/staff/api/login', { body: { username: 'a', password: 'b', extra: 1 } })).body.error.code).toBe('UnknownField');
  });

  it('refuses a login from another origin', async () => {
    const res = await call(server, 'POST', '/staff/api/login', {
      body: { username: 'nurse.a', password: PASSWORD },
      headers: { origin: 'https://evil.example' },
    });
    expect(res.status).toBe(403);
    expect(res.body.error.code).toBe('CsrfRejected');
  });

  it('locks an account after repeated failed logins', async () => {
    for (let i = 0; i < 5; i += 1) {
      expect((await call(server, 'POST', '/staff/api/login', { body: { username: 'locked.e', password: 'wrong password number x' } })).status).toBe(401);
    }
    const right = await call(server, 'POST', '/staff/api/login', { body: { username: 'locked.e', password: PASSWORD } });
    expect(right.status).toBe(401);
    expect(right.headers.get('set-cookie')).toBeNull();
  });

  it('refuses state changes without the right CSRF token', async () => {
    const created = await store().create(newCase(), new Date());
    const missing = await call(server, 'POST', `/staff/api/cases/${created.id}/claim`, { session: nurseA, csrf: null, body: {} });
    expect(missing.status).toBe(403);
    expect(missing.body.error.code).toBe('CsrfRejected');
    const wrong = await call(server, 'POST', `/staff/api/cases/${created.id}/claim`, { session: nurseA, csrf: nurseB.csrf, body: {} });
    expect(wrong.status).toBe(403);
    const otherOrigin = await call(server, 'POST', `/staff/api/cases/${created.id}/claim`, {
      session: nurseA,
      body: {},
      headers: { origin: 'https://evil.example' },
    });
    expect(otherOrigin.status).toBe(403);
    // Nothing happened: the case still waits.
    const view = await call(server, 'GET', `/staff/api/cases/${created.id}`, { session: nurseA });
    expect(view.body.case.status).toBe('waiting');
  });

  it('shows staff only their own queues (403 otherwise)', async () => {
    const mine = await store().create(newCase(), new Date());
    expect((await call(server, 'GET', '/staff/api/cases?queue=digital_clinic', { session: social })).status).toBe(403);
    expect((await call(server, 'GET', `/staff/api/cases/${mine.id}`, { session: social })).status).toBe(403);
    expect((await call(server, 'GET', `/staff/api/cases/${mine.id}/audit`, { session: social })).status).toBe(403);
    expect((await call(server, 'POST', `/staff/api/cases/${mine.id}/claim`, { session: social, body: {} })).status).toBe(403);
    expect((await call(server, 'GET', '/staff/api/reports/accuracy?queue=digital_clinic', { session: social })).status).toBe(403);
    expect((await call(server, 'GET', '/staff/api/cases/no-such-case', { session: nurseA })).status).toBe(404);
    expect((await call(server, 'GET', '/staff/api/cases?queue=../../etc', { session: nurseA })).body.error.code).toBe('InvalidParameter');
    const own = await call(server, 'GET', '/staff/api/cases', { session: social });
    expect(own.status).toBe(200);
    expect(own.body.cases.every((c: { queueId: string }) => c.queueId === 'social_guidance')).toBe(true);
    const overview = await call(server, 'GET', '/staff/api/queues', { session: social });
    expect(overview.body.queues.map((q: { queueId: string }) => q.queueId)).toEqual(['social_guidance']);
  });

  it('lists a queue by urgency, then arrival, and gives the overview', async () => {
    const base = Date.now() - 3 * DAY_MS;
    const q = 'mental_health';
    await addStaff(server, 'mental.f', [q]);
    const session = await login(server, 'mental.f');
    const late = await store().create(newCase({ queueId: q, urgency: 'non_urgent', topic: 'mental' }), new Date(base + 1000));
    const urgentLate = await store().create(newCase({ queueId: q, urgency: 'urgent', topic: 'mental' }), new Date(base + 3000));
    const early = await store().create(newCase({ queueId: q, urgency: 'non_urgent', topic: 'mental' }), new Date(base));
    const urgentEarly = await store().create(newCase({ queueId: q, urgency: 'urgent', topic: 'mental' }), new Date(base + 2000));
    const list = await call(server, 'GET', `/staff/api/cases?queue=${q}`, { session });
    expect(list.status).toBe(200);
    expect(list.body.cases.map((c: { id: string }) => c.id)).toEqual([urgentEarly.id, urgentLate.id, early.id, late.id]);
    expect(list.body.cases[0]).not.toHaveProperty('answers');

    const overview = await call(server, 'GET', '/staff/api/queues', { session });
    expect(overview.status).toBe(200);
    const row = overview.body.queues[0];
    expect(row).toMatchObject({ queueId: q, waiting: 4, byUrgency: { urgent: 2, non_urgent: 2, self_care: 0 }, staffOnline: 1 });
    expect(row.longestWaitMs).toBeGreaterThanOrEqual(3 * DAY_MS - 1000);
    expect(typeof row.open).toBe('boolean');
    if (!row.open) expect(typeof row.nextOpening).toBe('string');
    expect(row.name.fi).toBeTruthy();
    // The catalog's facts to re-check are listed for staff with their names (the marked ones at least).
    const marked = DEFAULT_CATALOG.resources.filter((r) => r.needsVerification);
    const toCheck = overview.body.catalogToCheck as { id: string; reasons: string[]; name: { fi: string } }[];
    for (const resource of marked)
      expect(toCheck.find((e) => e.id === resource.id)).toMatchObject({ reasons: expect.arrayContaining(['needsVerification']), name: resource.name });
  });

  it('lets exactly one of two staff claim a case at once', async () => {
    const created = await store().create(newCase(), new Date());
    const [a, b] = await Promise.all([
      call(server, 'POST', `/staff/api/cases/${created.id}/claim`, { session: nurseA, body: {} }),
      call(server, 'POST', `/staff/api/cases/${created.id}/claim`, { session: nurseB, body: {} }),
    ]);
    expect([a.status, b.status].sort()).toEqual([200, 409]);
    const winner = a.status === 200 ? a : b;
    expect(winner.body.case.status).toBe('claimed');
    const loser = a.status === 200 ? b : a;
    expect(loser.body.error.code).toBe('Conflict');
  });

  it('keeps internal notes from the client and sends staff messages through the store', async () => {
    const created = await store().create(newCase(), new Date());
    const note = await call(server, 'POST', `/staff/api/cases/${created.id}/notes`, { session: nurseA, body: { text: 'Soita iltapäivällä' } });
    expect(note.status).toBe(201);
    expect(note.body.message.internal).toBe(true);
    // A message to the client needs the claim first.
    const early = await call(server, 'POST', `/staff/api/cases/${created.id}/messages`, { session: nurseA, body: { text: 'Hei!' } });
    expect(early.status).toBe(409);
    expect((await call(server, 'POST', `/staff/api/cases/${created.id}/claim`, { session: nurseA, body: {} })).status).toBe(200);
    const sent = await call(server, 'POST', `/staff/api/cases/${created.id}/messages`, { session: nurseA, body: { text: 'Hei, olen hoitaja.' } });
    expect(sent.status).toBe(201);
    expect(sent.body.message).toMatchObject({ internal: false, from: 'staff' });
    expect(sent.body.relayed).toBe(false);

    const clientView = await store().listMessages({ conversationId: created.conversationId }, created.id);
    expect(clientView.map((m) => m.text)).toEqual(['Hei, olen hoitaja.']);
    const staffView = await call(server, 'GET', `/staff/api/cases/${created.id}`, { session: nurseA });
    expect(staffView.body.messages.map((m: { text: string; internal: boolean }) => [m.text, m.internal])).toEqual([
      ['Soita iltapäivällä', true],
      ['Hei, olen hoitaja.', false],
    ]);
  });

  it('validates bodies with clear 400 codes', async () => {
    const created = await store().create(newCase(), new Date());
    const post = (path: string, body: unknown) => call(server, 'POST', `/staff/api/cases/${created.id}/${path}`, { session: nurseA, body });
    expect((await post('notes', {})).body.error.code).toBe('MissingField');
    expect((await post('notes', { text: '   ' })).body.error.code).toBe('MissingField');
    expect((await post('notes', { text: 42 })).body.error.code).toBe('InvalidField');
    expect((await post('notes', { text: 'x'.repeat(2001) })).body.error.code).toBe('TooLong');
    expect((await post('notes', { text: 'a\u0000b' })).body.error.code).toBe('InvalidField');
    expect((await post('transfer', { queueId: 'no_such_queue', note: 'x' })).body.error.code).toBe('UnknownQueue');
    expect((await post('transfer', { queueId: 'general_customer_service' })).body.error.code).toBe('MissingField');
    expect((await post('close', { outcome: 'fixed', staffUrgency: 'urgent' })).status).toBe(400);
    expect((await post('close', { outcome: 'advice_given', staffUrgency: 'urgent', staffSegment: 7 })).status).toBe(400);
    expect((await post('close', { outcome: 'advice_given', staffUrgency: 'urgent', note: 'x' })).body.error.code).toBe('UnknownField');
    const malformed = await fetch(`${server.url}/staff/api/cases/${created.id}/notes`, {
      method: 'POST',
      headers: { cookie: nurseA.cookie, 'x-csrf-token': nurseA.csrf, 'content-type': 'application/json' },
      body: '{"text":',
    });
    expect(malformed.status).toBe(400);
    expect((await call(server, 'GET', `/staff/api/cases/${created.id}/summary?lang=de`, { session: nurseA })).body.error.code).toBe('InvalidParameter');
    expect((await call(server, 'GET', `/staff/api/cases/bad%20id`, { session: nurseA })).body.error.code).toBe('InvalidParameter');
  });

  it('transfers keeping the arrival time, closes with a re-rating that reaches the accuracy report, and audits it all', async () => {
    const arrival = new Date(Date.now() - 60 * 60 * 1000);
    const created = await store().create(newCase({ urgency: 'non_urgent' }), arrival);
    expect((await call(server, 'GET', `/staff/api/cases/${created.id}`, { session: nurseA })).status).toBe(200);
    expect((await call(server, 'POST', `/staff/api/cases/${created.id}/claim`, { session: nurseA, body: {} })).status).toBe(200);
    const moved = await call(server, 'POST', `/staff/api/cases/${created.id}/transfer`, {
      session: nurseA,
      body: { queueId: 'general_customer_service', note: 'Kuuluu asiakaspalveluun' },
    });
    expect(moved.status).toBe(200);
    expect(moved.body.case).toMatchObject({ queueId: 'general_customer_service', status: 'waiting', createdAt: arrival.toISOString() });
    // nurse A has no access to the new queue any more.
    expect((await call(server, 'GET', `/staff/api/cases/${created.id}`, { session: nurseA })).status).toBe(403);

    const before = await call(server, 'GET', '/staff/api/reports/accuracy?queue=general_customer_service', { session: lead });
    expect(before.status).toBe(200);
    expect((await call(server, 'POST', `/staff/api/cases/${created.id}/claim`, { session: lead, body: {} })).status).toBe(200);
    const closed = await call(server, 'POST', `/staff/api/cases/${created.id}/close`, {
      session: lead,
      body: { outcome: 'appointment_booked', staffUrgency: 'urgent', staffSegment: 3 },
    });
    expect(closed.status).toBe(200);
    expect(closed.body.case).toMatchObject({ status: 'closed', outcome: 'appointment_booked', staffUrgency: 'urgent', staffSegment: 3 });
    expect(
      (await call(server, 'POST', `/staff/api/cases/${created.id}/close`, { session: lead, body: { outcome: 'advice_given', staffUrgency: 'urgent' } })).status,
    ).toBe(409);

    const after = await call(server, 'GET', '/staff/api/reports/accuracy?queue=general_customer_service', { session: lead });
    expect(after.body.report.total).toBe(before.body.report.total + 1);
    expect(after.body.report.underTriaged).toBe(before.body.report.underTriaged + 1);
    expect(after.body.report.matrix.non_urgent.urgent).toBe(before.body.report.matrix.non_urgent.urgent + 1);
    const all = await call(server, 'GET', '/staff/api/reports/accuracy', { session: lead });
    expect(all.body.queues).toEqual(['digital_clinic', 'general_customer_service']);

    const audit = await call(server, 'GET', `/staff/api/cases/${created.id}/audit`, { session: lead });
    expect(audit.status).toBe(200);
    const actions = audit.body.entries.map((e: { action: string }) => e.action);
    expect(actions).toEqual(['view', 'claim', 'transfer', 'claim', 'close']);
    expect(audit.body.entries[0]).toMatchObject({ caseId: created.id, action: 'view' });
    expect(audit.body.entries.every((e: { staffId: string; at: string }) => e.staffId.length > 0 && !Number.isNaN(Date.parse(e.at)))).toBe(true);
  });

  it("reports feedback for the caller's queues", async () => {
    await store().recordFeedback({ queueId: 'social_guidance', topic: 'money', botUrgency: 'non_urgent', helped: 'yes', score: 5 }, new Date());
    await store().recordFeedback({ queueId: 'digital_clinic', topic: 'skin', botUrgency: 'non_urgent', helped: 'partly', score: 3 }, new Date());
    const res = await call(server, 'GET', '/staff/api/reports/feedback', { session: social });
    expect(res.status).toBe(200);
    expect(res.body.feedback).toEqual([expect.objectContaining({ queueId: 'social_guidance', topic: 'money', count: 1, averageScore: 5 })]);
  });

  it("serves a case's photos to staff of its queue only", async () => {
    const blobs = server.service.database.blobStore;
    const conversationId = 'conv-photo';
    const image = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 1, 2, 3, 0xff, 0xd9]);
    const thumbnail = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 9, 0xff, 0xd9]);
    const [ref] = await blobs.put([{ conversationId, questionId: 'skin.photo', contentType: 'image/jpeg', image, thumbnail, width: 10, height: 10 }]);
    const created = await store().create(newCase({ conversationId, photoIds: [ref!.id] }), new Date());
    // The case creator links the photos to the case and its queue (see http/staffApi.ts).
    await blobs.linkToCase(conversationId, created.id, created.queueId);
    const other = await store().create(newCase(), new Date());

    const view = await call(server, 'GET', `/staff/api/cases/${created.id}`, { session: nurseA });
    expect(view.body.photos).toEqual([expect.objectContaining({ id: ref!.id, imageUrl: `/staff/api/cases/${created.id}/photos/${ref!.id}/image` })]);
    expect(view.body.photosUnavailable).toBe(0);

    const got = await call(server, 'GET', `/staff/api/cases/${created.id}/photos/${ref!.id}/image`, { session: nurseA });
    expect(got.status).toBe(200);
    expect(got.headers.get('content-type')).toBe('image/jpeg');
    expect(got.headers.get('cache-control')).toBe('no-store');
    expect(got.headers.get('content-security-policy')).toContain("default-src 'none'");
    expect(Buffer.compare(got.body as Buffer, image)).toBe(0);
    const thumb = await call(server, 'GET', `/staff/api/cases/${created.id}/photos/${ref!.id}/thumbnail`, { session: nurseA });
    expect(Buffer.compare(thumb.body as Buffer, thumbnail)).toBe(0);

    expect((await call(server, 'GET', `/staff/api/cases/${created.id}/photos/${ref!.id}/image`, { session: social })).status).toBe(403);
    expect((await call(server, 'GET', `/staff/api/cases/${created.id}/photos/${ref!.id}/image`)).status).toBe(401);
    // Under another case the same photo is not found.
    expect((await call(server, 'GET', `/staff/api/cases/${other.id}/photos/${ref!.id}/image`, { session: nurseA })).status).toBe(404);
    expect((await call(server, 'GET', `/staff/api/cases/${created.id}/photos/${ref!.id}/original`, { session: nurseA })).status).toBe(400);

    // A photo the client took back (stored for the conversation, not in the case's list) stays unlinked.
    const [withdrawn] = await blobs.put([{ conversationId, questionId: 'skin.photo', contentType: 'image/jpeg', image, thumbnail, width: 10, height: 10 }]);

    // After a transfer the photos follow the case to the new queue; the withdrawn one does not (L7).
    await call(server, 'POST', `/staff/api/cases/${created.id}/transfer`, {
      session: nurseA,
      body: { queueId: 'social_guidance', note: 'Sosiaaliohjaukseen' },
    });
    expect((await call(server, 'GET', `/staff/api/cases/${created.id}/photos/${ref!.id}/image`, { session: social })).status).toBe(200);
    expect((await call(server, 'GET', `/staff/api/cases/${created.id}/photos/${withdrawn!.id}/image`, { session: social })).status).toBe(404);
    const exported = await call(server, 'GET', `/staff/api/cases/${created.id}/export`, { session: social });
    expect((exported.body.photos as { id: string }[]).map((p) => p.id)).toEqual([ref!.id]);
    expect((await call(server, 'GET', `/staff/api/cases/${created.id}/photos/${ref!.id}/image`, { session: nurseA })).status).toBe(403);
  });

  it('gives a copyable summary in Finnish and Swedish', async () => {
    const created = await store().create(
      newCase({ answers: { 'entry.subject': 'subject.adult', 'skin.itch': true, 'skin.describe': 'Punoittava\nläiskä <b>käsivarressa</b>' } }),
      new Date(Date.UTC(2026, 0, 15, 10, 30)),
    );
    const fi = await call(server, 'GET', `/staff/api/cases/${created.id}/summary?lang=fi`, { session: nurseA });
    expect(fi.status).toBe(200);
    expect(fi.body.lang).toBe('fi');
    const fiText = fi.body.text as string;
    expect(fiText).toContain('Jono: ');
    expect(fiText).toContain('Saapunut: 2026-01-15 12:30 (Europe/Helsinki)');
    expect(fiText).toContain('Kiireellisyys (botti): kiireetön');
    expect(fiText).toContain('Kiireellisyys (ammattilaisen arvio): ei arvioitu');
    expect(fiText).toContain('Kenen asia: toisen aikuisen asia');
    expect(fiText).toContain('Suhde asianosaiseen: aikuinen lapsi');
    expect(fiText).toContain('Asiointikieli: suomi');
    expect(fiText).toContain('  skin.itch = kyllä');
    // Client text stays on one line.
    expect(fiText).toContain('  skin.describe = Punoittava läiskä <b>käsivarressa</b>');
    expect(fiText).toContain('Valokuvia: 0');

    const sv = await call(server, 'GET', `/staff/api/cases/${created.id}/summary?lang=sv`, { session: nurseA });
    const svText = sv.body.text as string;
    expect(svText).toContain('Kö: ');
    expect(svText).toContain('Brådskandegrad (Lotsen): icke brådskande');
    expect(svText).toContain('Relation till personen: vuxet barn');
    expect(svText).toContain('Kontaktspråk: finska');
    expect(svText).toContain('  skin.itch = ja');
    expect(svText).not.toContain('Jono');
  });

  it('refuses a staff message longer than the chat limit', async () => {
    const created = await store().create(newCase(), new Date());
    await call(server, 'POST', `/staff/api/cases/${created.id}/claim`, { session: nurseB, body: {} });
    const sent = await call(server, 'POST', `/staff/api/cases/${created.id}/messages`, {
      session: nurseB,
      body: { text: 'x'.repeat(server.service.config.maxMessageLength + 1) },
    });
    expect(sent.body.error.code).toBe('TooLong');
  });

  it('calls onStaffMessage after storing a staff message', async () => {
    // The same routes on a second restify server over the same database, registered with a hook.
    const relayed: Array<[string, string]> = [];
    const database = server.service.database;
    const api = restify.createServer({ handleUncaughtExceptions: false });
    registerStaffApi(api, {
      authenticator: new StaffAuthenticator(database.staff),
      handoff: database.handoff,
      blobStore: database.blobStore,
      catalog: DEFAULT_CATALOG,
      i18n: createI18n(),
      http: { publicUrl: undefined, trustProxy: false, secureCookies: false },
      loginLimiter: new RateLimiter(100),
      maxMessageLength: 2000,
      defaultHandlingMinutes: 10,
      logger: createLogger('silent'),
      onStaffMessage: async (handoffCase, staff, text) => {
        relayed.push([handoffCase.id, text]);
        expect(staff.queues.length).toBeGreaterThan(0);
      },
      onClaim: async (handoffCase) => {
        relayed.push([handoffCase.id, 'claimed']);
      },
    });
    await new Promise<void>((resolve) => api.listen(0, '127.0.0.1', () => resolve()));
    try {
      const hooked = { ...server, url: `http://127.0.0.1:${(api.address() as AddressInfo).port}` } as TestServer;
      const created = await store().create(newCase(), new Date());
      expect((await call(hooked, 'POST', `/staff/api/cases/${created.id}/claim`, { session: nurseB, body: {} })).status).toBe(200);
      const sent = await call(hooked, 'POST', `/staff/api/cases/${created.id}/messages`, { session: nurseB, body: { text: '  Tervetuloa  ' } });
      expect(sent.status).toBe(201);
      expect(sent.body.relayed).toBe(true);
      expect(relayed).toEqual([
        [created.id, 'claimed'],
        [created.id, 'Tervetuloa'],
      ]);
    } finally {
      await new Promise<void>((resolve) => api.close(() => resolve()));
    }
  });

  it("lists a queue's abandoned cases of the last 24 hours, not in the waiting list; 403 for another queue", async () => {
    // markAbandoned works across the whole database: this is the describe's last test.
    const silentSince = new Date(Date.now() - 30 * DAY_MS);
    const silent = await store().create(newCase({ topic: 'skin' }), silentSince);
    const waiting = await store().create(newCase(), new Date());
    const marked = await store().markAbandoned(new Date(silentSince.getTime() + 1000), new Date());
    expect(marked).toContain(silent.id);
    expect(marked).not.toContain(waiting.id);

    const abandoned = await call(server, 'GET', '/staff/api/cases?queue=digital_clinic&status=abandoned', { session: nurseA });
    expect(abandoned.status).toBe(200);
    expect(abandoned.headers.get('cache-control')).toBe('no-store');
    const ids = abandoned.body.cases.map((c: { id: string }) => c.id);
    expect(ids).toContain(silent.id);
    expect(ids).not.toContain(waiting.id);
    expect(abandoned.body.cases.every((c: { status: string; queueId: string }) => c.status === 'abandoned' && c.queueId === 'digital_clinic')).toBe(true);
    expect(abandoned.body.cases.find((c: { id: string }) => c.id === silent.id)).not.toHaveProperty('answers');

    const queued = await call(server, 'GET', '/staff/api/cases?queue=digital_clinic', { session: nurseA });
    expect(queued.body.cases.map((c: { id: string }) => c.id)).not.toContain(silent.id);
    expect(queued.body.cases.map((c: { id: string }) => c.id)).toContain(waiting.id);
    const explicitQueued = await call(server, 'GET', '/staff/api/cases?queue=digital_clinic&status=queued', { session: nurseA });
    expect(explicitQueued.body.cases.map((c: { id: string }) => c.id)).not.toContain(silent.id);

    const forbidden = await call(server, 'GET', '/staff/api/cases?queue=digital_clinic&status=abandoned', { session: social });
    expect(forbidden.status).toBe(403);
    expect((await call(server, 'GET', '/staff/api/cases?queue=digital_clinic&status=closed', { session: nurseA })).body.error.code).toBe('InvalidParameter');
    expect((await call(server, 'GET', '/staff/api/cases?status=abandoned', { session: social })).body.cases.map((c: { id: string }) => c.id)).not.toContain(
      silent.id,
    );
    await expect(store().listAbandoned({ staffId: 'x', queues: ['social_guidance'] }, 'digital_clinic', new Date(0))).rejects.toBeInstanceOf(ForbiddenError);
  });
});

describe('staff login rate limit', () => {
  let server: TestServer;

  beforeAll(async () => {
    server = await startTestServer({ STAFF_LOGIN_RATE_LIMIT_PER_MINUTE: '3' });
  });

  afterAll(async () => {
    await server.stop();
  });

  it('answers 429 with Retry-After when an IP tries too often', async () => {
    const statuses: number[] = [];
    let last: Answer | undefined;
    for (let i = 0; i < 4; i += 1) {
      last = await call(server, 'POST', '/staff/api/login', { body: { username: 'someone', password: 'wrong password here' } });
      statuses.push(last.status);
    }
    expect(statuses).toEqual([401, 401, 401, 429]);
    expect(Number(last!.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(last!.body.error.code).toBe('TooManyRequests');
  });
});

describe('staff settings', () => {
  it('defaults: Secure cookies in production only, lockout 5 / 15 min, sessions 30 min / 12 h', () => {
    const dev = loadConfig({ NODE_ENV: 'development' }, '/');
    expect(dev.staff).toEqual({
      secureCookies: false,
      maxFailedLogins: 5,
      lockoutMinutes: 15,
      accountLockFailures: 30,
      sessionIdleMinutes: 30,
      sessionMaxHours: 12,
      presenceMinutes: 5,
      loginRateLimitPerMinute: 10,
      usernameRateLimitPerMinute: 10,
    });
    expect(dev.handoff.defaultHandlingMinutes).toBe(10);
    const secret = 'q7Vd2LrX9kPz4TmW8nYb3JcH6sFg1QaE5uZo0RtN';
    const prod = loadConfig({ NODE_ENV: 'production', DIRECTLINE_TOKEN_SECRET: secret }, '/');
    expect(prod.staff.secureCookies).toBe(true);
    // Production never sends the staff session over plain HTTP.
    expect(() => loadConfig({ NODE_ENV: 'production', DIRECTLINE_TOKEN_SECRET: secret, STAFF_SECURE_COOKIES: 'false' }, '/')).toThrow(/STAFF_SECURE_COOKIES/);
    expect(() => loadConfig({ STAFF_MAX_FAILED_LOGINS: '0' }, '/')).toThrow(/STAFF_MAX_FAILED_LOGINS/);
  });
});
