// Posting an activity is idempotent by the client's own activity id (Web Chat's
// channelData.clientActivityID): a resend after a lost answer returns the first answer and runs
// no second turn; an activity whose turn never committed is answered once, logged once.
import { normalizeClientActivity } from '../../channels/incomingActivity';
import { createI18n } from '../../i18n/i18n';
import { discardTestData, startTestServer, type TestServer } from '../support/testServer';

const fi = createI18n().getFixedT('fi');

describe('idempotent activity posting', () => {
  let server: TestServer;

  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(async () => {
    await server.stop();
    await discardTestData(server);
  });

  async function start(): Promise<{ conversationId: string; token: string }> {
    const dl = `${server.url}/v3/directline`;
    const { token } = (await (await fetch(`${dl}/tokens/generate`, { method: 'POST' })).json()) as { token: string };
    const res = await fetch(`${dl}/conversations`, { method: 'POST', headers: { Authorization: `Bearer ${token}` } });
    const { conversationId } = (await res.json()) as { conversationId: string };
    // The welcome turn has run when the language question is in the log.
    for (let i = 0; i < 100 && !(await texts(conversationId)).includes(fi('entry:language.question')); i++) await new Promise((r) => setTimeout(r, 20));
    return { conversationId, token };
  }

  async function texts(conversationId: string): Promise<string[]> {
    const logged = await server.service.database.activityLog.listAfter(conversationId, 0, 1000);
    return logged.map((l) => l.activity.text ?? `(${l.activity.type})`);
  }

  const post = (c: { conversationId: string; token: string }, text: string, clientActivityID: string) =>
    fetch(`${server.url}/v3/directline/conversations/${c.conversationId}/activities`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${c.token}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ type: 'message', text, from: { id: 'x' }, channelData: { clientActivityID } }),
    });

  it('a resend of an answered activity gets the first id and changes nothing', async () => {
    const c = await start();
    const first = await post(c, 'suomi', 'client-1');
    expect(first.status).toBe(200);
    const { id } = (await first.json()) as { id: string };
    const after = await texts(c.conversationId);
    expect(after).toContain(fi('entry:privacy.question'));

    const again = await post(c, 'suomi', 'client-1');
    expect(again.status).toBe(200);
    expect(((await again.json()) as { id: string }).id).toBe(id);
    // No second client message, no second answer: the conversation is where the client was told.
    expect(await texts(c.conversationId)).toEqual(after);
  });

  it('an activity logged by a turn that never committed is answered once when resent, and logged once', async () => {
    const c = await start();
    // What a turn that died after logging the client's message leaves behind.
    const db = server.service.database;
    const conversation = await db.activityLog.getConversation(c.conversationId);
    const activity = normalizeClientActivity(
      { type: 'message', text: 'suomi', channelData: { clientActivityID: 'client-2' } },
      c.conversationId,
      conversation!.userId,
    );
    const earlier = await db.activityLog.append(c.conversationId, activity, new Date('2026-12-02T10:00:00Z'), 'client-2');
    const res = await post(c, 'suomi', 'client-2');
    expect(res.status).toBe(200);
    expect(((await res.json()) as { id: string }).id).toBe(earlier.activity.id);
    const logged = await texts(c.conversationId);
    expect(logged.filter((t) => t === 'suomi')).toHaveLength(1);
    expect(logged.filter((t) => t === fi('entry:privacy.question'))).toHaveLength(1);
    expect(await db.activityLog.findClientActivity(c.conversationId, 'client-2')).toMatchObject({ answered: true });
  });

  it('activities without a client id are each their own turn', async () => {
    const c = await start();
    const send = () =>
      fetch(`${server.url}/v3/directline/conversations/${c.conversationId}/activities`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${c.token}`, 'Content-Type': 'application/json' },
        body: JSON.stringify({ type: 'message', text: 'mitä?', from: { id: 'x' } }),
      });
    expect((await send()).status).toBe(200);
    expect((await send()).status).toBe(200);
    expect((await texts(c.conversationId)).filter((t) => t === 'mitä?')).toHaveLength(2);
  });
});
