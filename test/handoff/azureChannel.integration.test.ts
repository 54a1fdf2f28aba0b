// A client on an Azure Bot Service channel (here the Emulator's channel through /api/messages in
// local development mode, replies going to a Bot Connector on loopback) is served through the whole
// handoff as on the web channel: joins the queue, hears who joined, chats with the nurse, is told
// the chat ended and gives feedback. Every proactive message goes through the one sender, with
// retries on a connector's server errors; a connector that refuses is reported to staff.

import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { createI18n } from '../../i18n/i18n';
import { DEFAULT_CATALOG } from '../../routing';
import { createStaffAccount } from '../../staff/accounts';
import { startTestServer, tempDataDir, discardTestData, type TestServer } from '../support/testServer';

const fi = createI18n().getFixedT('fi');
const PASSWORD = 'pitkä-ja-hyvä-salasana-2026';
const MONDAY_MORNING = new Date('2026-11-23T08:00:00Z');
const CONVERSATION = 'azure-conv-1';

type Posted = { type?: string; text?: string; from?: { id?: string; name?: string }; suggestedActions?: { actions: { title?: string; value?: unknown }[] } };

/** A Bot Connector on loopback: records what the bot posts; can answer the next posts with given statuses. */
async function loopbackConnector() {
  const posted: Posted[] = [];
  const failNext: number[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const status = failNext.shift();
      if (status !== undefined) {
        res.writeHead(status, { 'Content-Type': 'application/json' });
        res.end(JSON.stringify({ error: { code: 'Refused', message: 'test connector refused' } }));
        return;
      }
      if (req.method === 'POST' && (req.url ?? '').startsWith(`/v3/conversations/${CONVERSATION}/activities`))
        posted.push(JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}') as Posted);
      res.writeHead(200, { 'Content-Type': 'application/json' });
      res.end(JSON.stringify({ id: `reply-${posted.length}` }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    posted,
    failNext,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

async function staffLogin(server: TestServer): Promise<Record<string, string>> {
  await createStaffAccount(
    server.service.database.staff,
    { username: 'maija', displayName: 'Maija', role: 'nurse', queues: ['general_customer_service'] },
    PASSWORD,
    DEFAULT_CATALOG.queues.map((q) => q.id),
    MONDAY_MORNING,
    { logN: 10, r: 8, p: 1 },
  );
  const res = await fetch(`${server.url}/staff/api/login`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ username: 'maija', password: PASSWORD }),
  });
  expect(res.status).toBe(200);
  const { csrfToken } = (await res.json()) as { csrfToken: string };
  return { cookie: (res.headers.get('set-cookie') ?? '').split(';')[0]!, 'x-csrf-token': csrfToken, 'content-type': 'application/json', origin: server.url };
}

describe('the whole handoff on an Azure Bot Service channel', () => {
  it('queues, hears the nurse join and write, chats, is told the chat closed and gives feedback', async () => {
    const connector = await loopbackConnector();
    const server = await startTestServer({ ALLOW_UNAUTHENTICATED_BOT_ENDPOINT: 'true' }, tempDataDir(), { clock: () => MONDAY_MORNING });
    let sequence = 0;
    const client = async (text: string, value?: unknown): Promise<Posted[]> => {
      const before = connector.posted.length;
      sequence += 1;
      const activity = {
        type: 'message',
        id: `client-${sequence}`,
        channelId: 'emulator',
        serviceUrl: connector.url,
        from: { id: 'user-1', role: 'user' },
        recipient: { id: 'bot-1', role: 'bot' },
        conversation: { id: CONVERSATION },
        locale: 'fi-FI',
        text,
        ...(value !== undefined && { value }),
      };
      const res = await fetch(`${server.url}/api/messages`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify(activity),
      });
      expect(res.status).toBeLessThan(300);
      return connector.posted.slice(before);
    };
    const said = (text: string) => connector.posted.some((p) => p.text === text);
    try {
      // The first message starts the conversation (welcome, language); then straight to a person:
      // the general customer service queue is offered and joined.
      expect((await client('hei')).map((p) => p.text)).toContain(fi('entry:language.question'));
      const offer = (await client('ihminen')).find((p) =>
        (p.suggestedActions?.actions ?? []).some((a) => (a.value as { joinQueue?: string } | undefined)?.joinQueue),
      );
      expect(offer).toBeDefined();
      const join = offer!.suggestedActions!.actions.find((a) => (a.value as { joinQueue?: string } | undefined)?.joinQueue)!;
      const joined = await client(join.title ?? '', join.value);
      expect(joined.map((p) => p.text)).toContain(fi('common:handoff.positionUnknown', { position: 1 }));

      const staff = await staffLogin(server);
      const list = (await (await fetch(`${server.url}/staff/api/cases?queue=general_customer_service`, { headers: staff })).json()) as {
        cases: { id: string; channel: string }[];
      };
      expect(list.cases).toHaveLength(1);
      const caseId = list.cases[0]!.id;

      // The nurse claims: the client hears it on their channel, after the connector's server error once.
      connector.failNext.push(503);
      const claim = await fetch(`${server.url}/staff/api/cases/${caseId}/claim`, { method: 'POST', headers: staff, body: '{}' });
      expect(await claim.json()).toMatchObject({ announced: true });
      expect(said(fi('common:handoff.staffJoined', { name: 'Maija', role: fi('common:handoff.roles.nurse') }))).toBe(true);

      // Staff messages arrive under the nurse's name.
      const sent = await fetch(`${server.url}/staff/api/cases/${caseId}/messages`, {
        method: 'POST',
        headers: staff,
        body: JSON.stringify({ text: 'Hei, miten voin auttaa?' }),
      });
      expect(await sent.json()).toMatchObject({ relayed: true });
      const fromNurse = connector.posted.find((p) => p.text === 'Hei, miten voin auttaa?');
      expect(fromNurse?.from?.name).toBe('Maija');

      // The client answers; the bot stays silent while the nurse holds the case.
      expect(await client('Laskussani on virhe')).toEqual([]);
      const view = (await (await fetch(`${server.url}/staff/api/cases/${caseId}`, { headers: staff })).json()) as { messages: { text: string }[] };
      expect(view.messages.map((m) => m.text)).toContain('Laskussani on virhe');

      // A connector that refuses (the client removed the bot): the message is kept and staff are told it did not go through.
      connector.failNext.push(403);
      const refused = await fetch(`${server.url}/staff/api/cases/${caseId}/messages`, {
        method: 'POST',
        headers: staff,
        body: JSON.stringify({ text: 'Oletko vielä siellä?' }),
      });
      expect(refused.status).toBe(201);
      expect(await refused.json()).toMatchObject({ relayed: false });
      expect(said('Oletko vielä siellä?')).toBe(false);
      // ...and the client is not told "something went wrong" by the bot either.
      expect(said(fi('common:errors.generic'))).toBe(false);

      // The nurse closes: what happens next, and "Did you get help?" on the client's channel.
      const close = await fetch(`${server.url}/staff/api/cases/${caseId}/close`, {
        method: 'POST',
        headers: staff,
        body: JSON.stringify({ outcome: 'advice_given', staffUrgency: 'non_urgent' }),
      });
      expect(await close.json()).toMatchObject({ told: true });
      expect(said(fi('common:handoff.next.advice_given'))).toBe(true);
      const question = connector.posted.find((p) => p.text === fi('feedback:helped.question'));
      const partly = question!.suggestedActions!.actions.find((a) => a.title === fi('feedback:helped.options.partly'))!;
      const scores = (await client(partly.title ?? '', partly.value)).find((p) => p.text === fi('feedback:score.question'));
      const four = scores!.suggestedActions!.actions.find((a) => a.title === '4')!;
      expect((await client('4', four.value)).map((p) => p.text)).toContain(fi('common:feedback.thanks'));
      const summary = await server.service.database.handoff.feedbackSummary({ staffId: 'x', queues: ['general_customer_service'] });
      expect(summary[0]).toMatchObject({ queueId: 'general_customer_service', count: 1, helped: { yes: 0, partly: 1, no: 0 }, averageScore: 4 });
    } finally {
      await server.stop();
      await discardTestData(server);
      await connector.close();
    }
  });
});
