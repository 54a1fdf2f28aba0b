// Two Luotsi instances on one PostgreSQL schema, as behind a load balancer without sticky
// sessions: a citizen on instance A and a nurse on instance B chat live (staff writes on B,
// the citizen's WebSocket on A hears it through LISTEN/NOTIFY); a client waiting on B is told
// its new place by the queue watch running on A; the citizen's page reconnects to B and
// continues with the whole history.

import { createI18n } from '../../i18n/i18n';
import { DEFAULT_CATALOG } from '../../routing';
import { createStaffAccount } from '../../staff/accounts';
import { directLineClient, say, Transcript } from '../support/directLineClient';
import { sharedTestDatabase } from '../support/testDatabase';
import { discardTestData, startTestServer, tempDataDir, type TestServer } from '../support/testServer';

const fi = createI18n().getFixedT('fi');
const PASSWORD = 'pitkä-ja-hyvä-salasana-2026';
const QUEUE = 'general_customer_service';
const START = new Date('2026-11-23T08:00:00Z').getTime(); // Monday 10.00 in Helsinki: customer service open

interface Citizen {
  client: ReturnType<typeof directLineClient>;
  transcript: Transcript;
  token: string;
  conversationId: string;
}

async function joinQueue(server: TestServer): Promise<Citizen> {
  const res = await fetch(`${server.url}/v3/directline/tokens/generate`, { method: 'POST' });
  const { token, conversationId } = (await res.json()) as { token: string; conversationId: string };
  const client = directLineClient({ url: server.url, token, webSocket: true });
  const transcript = new Transcript(client);
  await transcript.waitForBot((m) => m.text === fi('entry:language.question'));
  await say(client, 'ihminen');
  const offer = await transcript.waitForBot((m) =>
    (m.suggestedActions?.actions ?? []).some((a) => (a.value as { joinQueue?: string } | undefined)?.joinQueue === QUEUE),
  );
  const join = offer.suggestedActions!.actions.find((a) => (a.value as { joinQueue?: string } | undefined)?.joinQueue === QUEUE)!;
  await say(client, join.title ?? '', (join as { value?: unknown }).value);
  return { client, transcript, token, conversationId };
}

describe('two instances on one PostgreSQL', () => {
  let now = START;
  const clock = () => new Date(now);
  let a: TestServer;
  let b: TestServer;
  const citizens: Citizen[] = [];

  beforeAll(async () => {
    const dataDir = tempDataDir();
    // Every instance gets the same token key from the environment, as in a real deployment.
    const env = { ...sharedTestDatabase(dataDir).env, DIRECTLINE_TOKEN_SECRET: 'k'.repeat(48), HANDOFF_UPDATE_SECONDS: '5' };
    a = await startTestServer(env, tempDataDir(), { clock });
    b = await startTestServer(env, tempDataDir(), { clock });
  });
  afterAll(async () => {
    for (const c of citizens) c.client.end();
    await a.stop();
    await b.stop();
    await discardTestData(a);
  });

  it('serve a citizen on A and a nurse on B live, update a client waiting on B from A, and let the citizen continue on B', async () => {
    expect(a.service.database.kind).toBe('postgres');
    const first = await joinQueue(a);
    citizens.push(first);
    await first.transcript.waitForBot((m) => m.text === fi('common:handoff.positionUnknown', { position: 1 }));
    // A second later: cases that arrive in the same millisecond are ordered by their random ids.
    now += 1000;
    const second = await joinQueue(b);
    citizens.push(second);
    await second.transcript.waitForBot((m) => m.text === fi('common:handoff.positionUnknown', { position: 2 }));

    // The nurse logs in on B.
    await createStaffAccount(
      b.service.database.staff,
      { username: 'maija', displayName: 'Maija', role: 'nurse', queues: [QUEUE] },
      PASSWORD,
      DEFAULT_CATALOG.queues.map((q) => q.id),
      clock(),
      { logN: 10, r: 8, p: 1 },
    );
    const login = await fetch(`${b.url}/staff/api/login`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ username: 'maija', password: PASSWORD }),
    });
    expect(login.status).toBe(200);
    const { csrfToken } = (await login.json()) as { csrfToken: string };
    const headers = {
      cookie: (login.headers.get('set-cookie') ?? '').split(';')[0]!,
      'x-csrf-token': csrfToken,
      'content-type': 'application/json',
      origin: b.url,
    };

    // The watch on A learns what the waiting clients were told when they joined.
    expect(await a.service.runQueueWatch()).toBe(true);

    const list = (await (await fetch(`${b.url}/staff/api/cases?queue=${QUEUE}`, { headers })).json()) as { cases: { id: string; conversationId?: string }[] };
    expect(list.cases).toHaveLength(2);
    const firstCase = list.cases[0]!.id;
    const claim = await fetch(`${b.url}/staff/api/cases/${firstCase}/claim`, { method: 'POST', headers, body: '{}' });
    expect(await claim.json()).toMatchObject({ announced: true });
    // Written on B, heard on A's WebSocket.
    await first.transcript.waitForBot((m) => m.text === fi('common:handoff.staffJoined', { name: 'Maija', role: fi('common:handoff.roles.nurse') }));

    const sent = await fetch(`${b.url}/staff/api/cases/${firstCase}/messages`, {
      method: 'POST',
      headers,
      body: JSON.stringify({ text: 'Hei, miten voin auttaa?' }),
    });
    expect(await sent.json()).toMatchObject({ relayed: true });
    const fromNurse = await first.transcript.waitForBot((m) => m.text === 'Hei, miten voin auttaa?');
    expect(fromNurse.from.name).toBe('Maija');

    // The citizen answers on A; the nurse reads it on B.
    await say(first.client, 'Laskussani on virhe');
    const view = (await (await fetch(`${b.url}/staff/api/cases/${firstCase}`, { headers })).json()) as { messages: { text: string }[] };
    expect(view.messages.map((m) => m.text)).toContain('Laskussani on virhe');

    // The queue moved: A's watch tells the client whose stream is on B.
    now += 10_000;
    expect(await a.service.runQueueWatch()).toBe(true);
    await second.transcript.waitForBot(
      (m) => m.text === fi('common:handoff.position', { position: 1, minutes: 10 }) || m.text === fi('common:handoff.positionUnknown', { position: 1 }),
    );

    // The citizen's page reconnects and the load balancer sends it to B: history and the live chat go on.
    first.client.end();
    const again = directLineClient({ url: b.url, token: first.token, conversationId: first.conversationId, webSocket: true });
    const transcript = new Transcript(again);
    citizens.push({ ...first, client: again, transcript });
    await transcript.waitForBot((m) => m.text === 'Hei, miten voin auttaa?');
    await say(again, 'Lasku on marraskuulta');
    const after = (await (await fetch(`${a.url}/staff/api/cases/${firstCase}`, { headers: { ...headers, origin: a.url } })).json()) as {
      messages: { text: string }[];
    };
    expect(after.messages.map((m) => m.text)).toEqual(expect.arrayContaining(['Laskussani on virhe', 'Lasku on marraskuulta']));
    const reply = await fetch(`${a.url}/staff/api/cases/${firstCase}/messages`, {
      method: 'POST',
      headers: { ...headers, origin: a.url },
      body: JSON.stringify({ text: 'Katsotaan se yhdessä.' }),
    });
    expect(await reply.json()).toMatchObject({ relayed: true });
    await transcript.waitForBot((m) => m.text === 'Katsotaan se yhdessä.');
  });

  it('runs the queue watch on one instance at a time', async () => {
    let release!: () => void;
    let holding!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    const started = new Promise<void>((resolve) => (holding = resolve));
    const running = a.service.database.coordination.runExclusive('queue-watch', async () => {
      holding();
      await held;
    });
    await started;
    expect(await b.service.runQueueWatch()).toBe(false);
    release();
    expect(await running).toBe(true);
    expect(await b.service.runQueueWatch()).toBe(true);
  });
});
