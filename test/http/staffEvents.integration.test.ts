// The console's live stream (GET /staff/api/events) against the real server on this run's
// backend: it needs a session, carries only the caller's queues, and reports a citizen's new
// case, the claim, the client's typing and message; the nurse's typing reaches the citizen's
// Direct Line stream as a `typing` activity with the nurse's name; a stream whose session ends
// (logout) is told `expired` at its next heartbeat and closed.
import type { AddressInfo } from 'node:net';
import type { Activity } from 'botframework-directlinejs';
import restify from 'restify';
import { registerStaffEvents } from '../../http/staffEvents';
import { createLogger } from '../../logger';
import { StaffAuthenticator } from '../../staff/authentication';
import { StaffSignals } from '../../handoff/staffSignals';
import { LocalCoordination } from '../../storage/coordination';
import { createI18n } from '../../i18n/i18n';
import type { NewCase } from '../../handoff';
import type { StaffSignal } from '../../handoff/staffSignals';
import { DEFAULT_CATALOG } from '../../routing';
import { createStaffAccount } from '../../staff/accounts';
import { directLineClient, say, Transcript } from '../support/directLineClient';
import { openStaffEvents, type SseFrame, type StaffEventStream } from '../support/staffEventStream';
import { discardTestData, startTestServer, type TestServer } from '../support/testServer';

jest.setTimeout(60_000);

const fi = createI18n().getFixedT('fi');
const PASSWORD = 'correct horse battery staple';
const QUEUE = 'general_customer_service';
const START = new Date('2026-11-23T08:00:00Z'); // Monday 10.00 in Helsinki: customer service open

interface Session {
  cookie: string;
  csrf: string;
}

async function addStaff(server: TestServer, username: string, displayName: string, queues: string[]): Promise<Session> {
  await createStaffAccount(
    server.service.database.staff,
    { username, displayName, role: 'nurse', queues },
    PASSWORD,
    DEFAULT_CATALOG.queues.map((q) => q.id),
    START,
    { logN: 10, r: 8, p: 1 },
  );
  const res = await fetch(`${server.url}/staff/api/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: PASSWORD }),
  });
  expect(res.status).toBe(200);
  const body = (await res.json()) as { csrfToken: string };
  return { cookie: (res.headers.get('set-cookie') ?? '').split(';')[0]!, csrf: body.csrfToken };
}

async function post(server: TestServer, session: Session, path: string): Promise<{ status: number; body: Record<string, unknown> }> {
  const res = await fetch(`${server.url}${path}`, {
    method: 'POST',
    headers: { cookie: session.cookie, 'x-csrf-token': session.csrf, 'content-type': 'application/json' },
    body: '{}',
  });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

const signal = (frame: SseFrame) => (frame.event === 'signal' ? (frame.data as StaffSignal) : undefined);

function caseFor(queueId: string, n: number): NewCase {
  return {
    conversationId: `conv-events-${n}`,
    conversationReference: {},
    channel: 'directline',
    queueId,
    urgency: 'urgent',
    locale: 'fi',
    answers: {},
    photoIds: [],
  };
}

describe('staff event stream', () => {
  let server: TestServer;
  let nurse: Session;
  let social: Session;
  const streams: StaffEventStream[] = [];
  const open = async (session?: Session) => {
    const stream = await openStaffEvents(server.url, session?.cookie);
    streams.push(stream);
    return stream;
  };

  beforeAll(async () => {
    server = await startTestServer({ STAFF_LOGIN_RATE_LIMIT_PER_MINUTE: '1000' }, undefined, { clock: () => new Date(START) });
    nurse = await addStaff(server, 'nurse.live', 'Hoitaja Live', [QUEUE, 'digital_clinic']);
    social = await addStaff(server, 'social.live', 'Ohjaaja Live', ['social_guidance']);
  });
  afterAll(async () => {
    for (const s of streams) s.close();
    await server.stop();
    await discardTestData(server);
  });

  it('refuses a stream without a session', async () => {
    const stream = await open();
    expect(stream.status).toBe(401);
    expect(stream.contentType).toMatch(/^application\/json/);
  });

  it("carries only the caller's queues", async () => {
    const nurseStream = await open(nurse);
    const socialStream = await open(social);
    expect(nurseStream.status).toBe(200);
    expect(nurseStream.contentType).toMatch(/^text\/event-stream/);
    await nurseStream.next((f) => f.event === 'ready');
    await socialStream.next((f) => f.event === 'ready');
    const first = await server.service.handoff.create(caseFor('digital_clinic', 1), START);
    const other = await server.service.handoff.create(caseFor('social_guidance', 2), START);
    const last = await server.service.handoff.create(caseFor('digital_clinic', 3), START);
    const seen = await nurseStream.next((f) => signal(f)?.kind === 'case' && (signal(f) as { caseId: string }).caseId === last.id);
    expect(signal(seen)).toEqual({ kind: 'case', caseId: last.id, change: 'new', queueId: 'digital_clinic', urgency: 'urgent' });
    // Signals of one process arrive in order: by the last one, the social case's would be here.
    const nurseCases = nurseStream.frames
      .map(signal)
      .filter((s) => s?.kind === 'case')
      .map((s) => (s as { caseId: string }).caseId);
    expect(nurseCases).toContain(first.id);
    expect(nurseCases).not.toContain(other.id);
    const socialSeen = await socialStream.next((f) => signal(f)?.kind === 'case');
    expect(signal(socialSeen)).toMatchObject({ caseId: other.id, queueId: 'social_guidance' });
  });

  it("reports a citizen's case, the claim, the client's typing and message; the nurse's typing reaches the citizen", async () => {
    const stream = await open(nurse);
    await stream.next((f) => f.event === 'ready');
    const tokenRes = await fetch(`${server.url}/v3/directline/tokens/generate`, { method: 'POST' });
    const { token } = (await tokenRes.json()) as { token: string };
    const client = directLineClient({ url: server.url, token, webSocket: true });
    try {
      const transcript = new Transcript(client);
      await transcript.waitForBot((m) => m.text === fi('entry:language.question'));
      await say(client, 'ihminen');
      const offer = await transcript.waitForBot((m) =>
        (m.suggestedActions?.actions ?? []).some((a) => (a.value as { joinQueue?: string } | undefined)?.joinQueue === QUEUE),
      );
      const join = offer.suggestedActions!.actions.find((a) => (a.value as { joinQueue?: string } | undefined)?.joinQueue === QUEUE)!;
      await say(client, join.title ?? '', (join as { value?: unknown }).value);

      const arrived = signal(
        await stream.next(
          (f) => signal(f)?.kind === 'case' && (signal(f) as { change: string }).change === 'new' && (signal(f) as { queueId?: string }).queueId === QUEUE,
        ),
      );
      const caseId = (arrived as { caseId: string }).caseId;

      // Typing before the claim: nobody holds the case, so nothing is said of it.
      const early = await post(server, nurse, `/staff/api/cases/${caseId}/typing`);
      expect(early.status).toBe(409);

      expect((await post(server, nurse, `/staff/api/cases/${caseId}/claim`)).status).toBe(200);
      await stream.next(
        (f) =>
          signal(f)?.kind === 'case' &&
          (signal(f) as { caseId: string; change: string }).caseId === caseId &&
          (signal(f) as { change: string }).change === 'status',
      );

      await new Promise<void>((resolve, reject) =>
        client.postActivity({ type: 'typing', from: { id: 'x' } } as Activity).subscribe({ next: () => resolve(), error: reject }),
      );
      const typing = await stream.next((f) => signal(f)?.kind === 'typing');
      expect(signal(typing)).toEqual({ kind: 'typing', caseId, queueId: QUEUE });

      await say(client, 'Hei, olen tässä');
      await stream.next((f) => signal(f)?.kind === 'case' && (signal(f) as { change: string }).change === 'message');
      const messages = await fetch(`${server.url}/staff/api/cases/${caseId}`, { headers: { cookie: nurse.cookie } });
      expect(((await messages.json()) as { messages: { text: string }[] }).messages.map((m) => m.text)).toContain('Hei, olen tässä');

      const typed = await post(server, nurse, `/staff/api/cases/${caseId}/typing`);
      expect(typed).toEqual({ status: 202, body: { relayed: true } });
      // At most one indicator per interval: the second press right after is not relayed.
      expect((await post(server, nurse, `/staff/api/cases/${caseId}/typing`)).body).toEqual({ relayed: false });
      const shown = await new Promise<Activity>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no typing activity; got ${transcript.activities.map((a) => a.type).join(',')}`)), 10_000);
        const check = setInterval(() => {
          const found = transcript.activities.find((a) => a.type === 'typing');
          if (!found) return;
          clearInterval(check);
          clearTimeout(timer);
          resolve(found);
        }, 50);
      });
      expect(shown.from.name).toBe('Hoitaja Live');
    } finally {
      client.end();
    }
  });

  it('refuses a stream to a session that has logged out', async () => {
    const session = await addStaff(server, 'nurse.leaving', 'Hoitaja Lähtevä', [QUEUE]);
    const res = await fetch(`${server.url}/staff/api/logout`, {
      method: 'POST',
      headers: { cookie: session.cookie, 'x-csrf-token': session.csrf, 'content-type': 'application/json' },
      body: '{}',
    });
    expect(res.status).toBe(200);
    const stream = await open(session);
    expect(stream.status).toBe(401);
  });

  it('tells a stream `expired` and ends it once its session has ended', async () => {
    // A second front on the same database with a short heartbeat, so the re-check comes soon.
    const side = restify.createServer();
    const signals = new StaffSignals(new LocalCoordination(), () => undefined);
    const closeAll = registerStaffEvents(side, {
      authenticator: new StaffAuthenticator(server.service.database.staff),
      http: { publicUrl: undefined, trustProxy: false, proxyHops: 0, secureCookies: false },
      signals,
      logger: createLogger('silent'),
      clock: () => new Date(START),
      heartbeatMs: 100,
    });
    await new Promise<void>((resolve) => side.listen(0, '127.0.0.1', resolve));
    const sideUrl = `http://127.0.0.1:${(side.address() as AddressInfo).port}`;
    try {
      const session = await addStaff(server, 'nurse.expiring', 'Hoitaja Poistuva', [QUEUE]);
      const stream = await openStaffEvents(sideUrl, session.cookie);
      streams.push(stream);
      await stream.next((f) => f.event === 'ready');
      expect(signals.size).toBe(1);
      const res = await fetch(`${server.url}/staff/api/logout`, {
        method: 'POST',
        headers: { cookie: session.cookie, 'x-csrf-token': session.csrf, 'content-type': 'application/json' },
        body: '{}',
      });
      expect(res.status).toBe(200);
      await stream.next((f) => f.event === 'expired');
      await stream.ended;
      expect(signals.size).toBe(0);
    } finally {
      closeAll();
      side.close();
      side.server.closeAllConnections();
    }
  });
});
