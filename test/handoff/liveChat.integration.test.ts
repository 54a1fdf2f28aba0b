// A citizen on the web channel (official Direct Line client over WebSocket) joins the queue;
// a nurse claims the case and writes through the staff API; the citizen answers; the bot
// stays silent while the nurse holds the case.

import { createI18n } from '../../i18n/i18n';
import { DEFAULT_CATALOG } from '../../routing';
import { createStaffAccount } from '../../staff/accounts';
import { directLineClient, say, Transcript } from '../support/directLineClient';
import { startTestServer, tempDataDir, type TestServer } from '../support/testServer';

const fi = createI18n().getFixedT('fi');
const PASSWORD = 'pitkä-ja-hyvä-salasana-2026';
const MONDAY_MORNING = new Date('2026-11-23T08:00:00Z'); // 10.00 in Helsinki: customer service open

async function staffLogin(server: TestServer): Promise<{ cookie: string; csrf: string }> {
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
  const body = (await res.json()) as { csrfToken: string };
  return { cookie: (res.headers.get('set-cookie') ?? '').split(';')[0]!, csrf: body.csrfToken };
}

describe('live chat between a citizen and a nurse', () => {
  it('joins, is told who joined, talks with the nurse while the bot keeps quiet, and gives feedback once', async () => {
    const server = await startTestServer({}, tempDataDir(), { clock: () => MONDAY_MORNING });
    const dl = `${server.url}/v3/directline`;
    const { token, conversationId } = (await (await fetch(`${dl}/tokens/generate`, { method: 'POST' })).json()) as { token: string; conversationId: string };
    const client = directLineClient({ url: server.url, token, webSocket: true });
    const transcript = new Transcript(client);
    try {
      await transcript.waitForBot((m) => m.text === fi('entry:language.question'));
      await say(client, 'ihminen');
      const offer = await transcript.waitForBot((m) =>
        (m.suggestedActions?.actions ?? []).some((a) => (a.value as { joinQueue?: string } | undefined)?.joinQueue === 'general_customer_service'),
      );
      const join = offer.suggestedActions!.actions.find((a) => (a.value as { joinQueue?: string } | undefined)?.joinQueue)!;
      await say(client, join.title ?? '', (join as { value?: unknown }).value);
      await transcript.waitForBot((m) => m.text === fi('common:handoff.positionUnknown', { position: 1 }));

      const staff = await staffLogin(server);
      const headers = { cookie: staff.cookie, 'x-csrf-token': staff.csrf, 'content-type': 'application/json', origin: server.url };
      const list = (await (await fetch(`${server.url}/staff/api/cases?queue=general_customer_service`, { headers })).json()) as { cases: { id: string }[] };
      expect(list.cases).toHaveLength(1);
      const caseId = list.cases[0]!.id;
      const claim = await fetch(`${server.url}/staff/api/cases/${caseId}/claim`, { method: 'POST', headers, body: '{}' });
      expect(await claim.json()).toMatchObject({ announced: true });
      await transcript.waitForBot((m) => m.text === fi('common:handoff.staffJoined', { name: 'Maija', role: fi('common:handoff.roles.nurse') }));

      const sent = await fetch(`${server.url}/staff/api/cases/${caseId}/messages`, {
        method: 'POST',
        headers,
        body: JSON.stringify({ text: 'Hei, miten voin auttaa?' }),
      });
      expect(await sent.json()).toMatchObject({ relayed: true });
      const fromNurse = await transcript.waitForBot((m) => m.text === 'Hei, miten voin auttaa?');
      expect(fromNurse.from.name).toBe('Maija');

      await say(client, 'Laskussani on virhe');
      const view = (await (await fetch(`${server.url}/staff/api/cases/${caseId}`, { headers })).json()) as { messages: { text: string }[] };
      expect(view.messages.map((m) => m.text)).toContain('Laskussani on virhe');
      // The POST returned after the bot's turn, so the log is complete: nothing from the bot after it.
      const log = (await (await fetch(`${dl}/conversations/${conversationId}/activities`, { headers: { Authorization: `Bearer ${token}` } })).json()) as {
        activities: { type: string; text?: string; from: { role?: string } }[];
      };
      const last = log.activities.filter((a) => a.type === 'message').pop()!;
      expect(last).toMatchObject({ text: 'Laskussani on virhe', from: { role: 'user' } });

      // The nurse closes: the client hears what happens next and is asked "Did you get help?".
      const close = await fetch(`${server.url}/staff/api/cases/${caseId}/close`, {
        method: 'POST',
        headers,
        body: JSON.stringify({ outcome: 'advice_given', staffUrgency: 'non_urgent' }),
      });
      expect(await close.json()).toMatchObject({ told: true });
      await transcript.waitForBot((m) => m.text === fi('common:handoff.next.advice_given'));
      const question = await transcript.waitForBot((m) => m.text === fi('feedback:helped.question'));
      const partly = question.suggestedActions!.actions.find((a) => a.title === fi('feedback:helped.options.partly'))!;
      await say(client, partly.title ?? '', (partly as { value?: unknown }).value);
      const scores = await transcript.waitForBot((m) => m.text === fi('feedback:score.question'));
      const four = scores.suggestedActions!.actions.find((a) => a.title === '4')!;
      await say(client, '4', (four as { value?: unknown }).value);
      // No comment is asked (its text would not be kept): the score is the last answer.
      await transcript.waitForBot((m) => m.text === fi('common:feedback.thanks'));
      // Pressing an old button again does not count twice.
      await say(client, '4', (four as { value?: unknown }).value);
      await transcript.waitForBot((m) => m.text === fi('common:feedback.alreadyGiven'));

      const report = (await (await fetch(`${server.url}/staff/api/reports/feedback`, { headers })).json()) as Record<string, unknown>;
      expect(JSON.stringify(report)).toContain('general_customer_service');
      const rows = server.service.database.handoff;
      const summary = await rows.feedbackSummary({ staffId: 'x', queues: ['general_customer_service'] });
      expect(summary).toHaveLength(1);
      expect(summary[0]).toMatchObject({ queueId: 'general_customer_service', count: 1, helped: { yes: 0, partly: 1, no: 0 }, averageScore: 4, comments: 0 });
    } finally {
      client.end();
      await server.stop();
    }
  });
});
