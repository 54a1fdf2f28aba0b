// A whole citizen journey at LOG_LEVEL=debug with marker strings in every place personal data
// can enter: free-text answers, a name and a phone number typed to the nurse, the nurse's own
// display name and messages, text inside an uploaded file, bad JSON and a
// forged request. None of the markers may reach the log output.
import { Writable } from 'node:stream';
import { DEFAULT_CATALOG } from '../routing';
import { createStaffAccount } from '../staff/accounts';
import { createLogger } from '../logger';
import { startTestServer, tempDataDir, discardTestData } from './support/testServer';

const MARK = 'MRKR';
const NAME = `${MARK}-Matti-Meikalainen`;
const PHONE = `${MARK}-040-1234567`;
const HETU = `${MARK}-010101A123B`;
const NURSE = `${MARK}-Hoitaja-Maija`;
const MONDAY_MORNING = new Date('2026-11-23T08:00:00Z');

type Activity = { type: string; text?: string; from?: { role?: string }; suggestedActions?: { actions: { title?: string; value?: unknown }[] } };

/** The next answer a citizen gives: a pressed button when offered ("none" first), else typed text with markers. */
function answerTo(message: Activity, turn: number): { text: string; value?: unknown } {
  const actions = message.suggestedActions?.actions ?? [];
  const join = actions.find((a) => (a.value as { joinQueue?: string } | undefined)?.joinQueue);
  if (join) return { text: join.title ?? '', value: join.value };
  const none = actions.find(
    (a) => typeof (a.value as { choice?: unknown } | undefined)?.choice === 'string' && String((a.value as { choice: string }).choice).endsWith('.none'),
  );
  const pick = none ?? actions[0];
  if (pick) return { text: pick.title ?? '1', ...(pick.value !== undefined && { value: pick.value }) };
  return { text: `${MARK} vastaus ${turn}: ${NAME}, ${HETU}, puh. ${PHONE}` };
}

describe('logs during a whole journey', () => {
  it('carry no message text, answers, names, phone numbers or file contents', async () => {
    const lines: string[] = [];
    const sink = new Writable({
      write(chunk: Buffer, _enc, done) {
        lines.push(chunk.toString('utf8'));
        done();
      },
    });
    const server = await startTestServer({ LOG_LEVEL: 'debug', MESSAGE_RATE_LIMIT_PER_MINUTE: '1000', POLL_RATE_LIMIT_PER_MINUTE: '100000' }, tempDataDir(), {
      logger: createLogger('debug', sink),
      clock: () => MONDAY_MORNING,
    });
    const dl = `${server.url}/v3/directline`;
    try {
      const { token, conversationId } = (await (await fetch(`${dl}/tokens/generate`, { method: 'POST' })).json()) as { token: string; conversationId: string };
      const headers = { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' };
      await fetch(`${dl}/conversations`, { method: 'POST', headers, body: '{"locale":"fi-FI"}' });
      let watermark = '0';
      const post = async (body: object) => {
        const res = await fetch(`${dl}/conversations/${conversationId}/activities`, { method: 'POST', headers, body: JSON.stringify(body) });
        expect(res.status).toBe(200);
        const page = (await (await fetch(`${dl}/conversations/${conversationId}/activities?watermark=${watermark}`, { headers })).json()) as {
          activities: Activity[];
          watermark: string;
        };
        watermark = page.watermark;
        return page.activities.filter((a) => a.type === 'message' && a.from?.role !== 'user');
      };

      // The pre-assessment, typed markers wherever the bot asks for text, until the queue is offered.
      let replies = await post({ type: 'message', text: `${MARK} hei, olen ${NAME}` });
      let joined = false;
      let topicTurn: number | undefined;
      for (let turn = 0; turn < 60 && !joined; turn += 1) {
        const last = replies[replies.length - 1];
        if (!last) break;
        const answer = answerTo(last, turn);
        joined = answer.value !== undefined && typeof (answer.value as { joinQueue?: string }).joinQueue === 'string';
        const choice = (answer.value as { choice?: unknown } | undefined)?.choice;
        if (typeof choice === 'string' && choice.startsWith('topic.')) topicTurn = turn;
        replies = await post({ type: 'message', ...answer });
        // Typed "human" four answers into the topic takes the client to the outcome with the
        // general queue's offer, whatever the flow asked (counted from the topic: the first
        // message may or may not take a turn of its own for the language).
        if (turn === (topicTurn ?? -10) + 4 && !joined) replies = await post({ type: 'message', text: 'ihminen' });
      }
      expect(joined).toBe(true);

      // Files: the upload's bytes carry a marker too (refused as not an image; nothing stored).
      const form = new FormData();
      form.append('file', new Blob([`${MARK} ${HETU} not a picture`], { type: 'image/jpeg' }), `${MARK}.jpg`);
      form.append('activity', new Blob([JSON.stringify({ type: 'message', text: `${MARK} kuva` })], { type: 'application/vnd.microsoft.activity' }));
      await fetch(`${dl}/conversations/${conversationId}/upload`, { method: 'POST', headers: { Authorization: `Bearer ${token}` }, body: form });

      // Malformed and forged input with markers.
      await fetch(`${dl}/conversations/${conversationId}/activities`, { method: 'POST', headers, body: `{"type":"message","text":"${MARK}` });
      await fetch(`${dl}/conversations/${conversationId}/activities`, {
        method: 'POST',
        headers: { ...headers, Authorization: `Bearer ${MARK}.forged` },
        body: JSON.stringify({ type: 'message', text: MARK }),
      });

      // The nurse, named with a marker, claims the case and chats.
      await createStaffAccount(
        server.service.database.staff,
        { username: 'maija', displayName: NURSE, role: 'nurse', queues: ['general_customer_service'] },
        'pitkä-ja-hyvä-salasana-2026',
        DEFAULT_CATALOG.queues.map((q) => q.id),
        MONDAY_MORNING,
        { logN: 10, r: 8, p: 1 },
      );
      await fetch(`${server.url}/staff/api/login`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ username: 'maija', password: `${MARK}-wrong` }),
      });
      const login = await fetch(`${server.url}/staff/api/login`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ username: 'maija', password: 'pitkä-ja-hyvä-salasana-2026' }),
      });
      expect(login.status).toBe(200);
      const { csrfToken } = (await login.json()) as { csrfToken: string };
      const staff = {
        cookie: (login.headers.get('set-cookie') ?? '').split(';')[0]!,
        'x-csrf-token': csrfToken,
        'content-type': 'application/json',
        origin: server.url,
      };
      const list = (await (await fetch(`${server.url}/staff/api/cases?queue=general_customer_service`, { headers: staff })).json()) as {
        cases: { id: string }[];
      };
      const caseId = list.cases[0]!.id;
      expect((await fetch(`${server.url}/staff/api/cases/${caseId}/claim`, { method: 'POST', headers: staff, body: '{}' })).status).toBe(200);
      expect(
        (
          await fetch(`${server.url}/staff/api/cases/${caseId}/messages`, {
            method: 'POST',
            headers: staff,
            body: JSON.stringify({ text: `${MARK} hoitajan viesti` }),
          })
        ).status,
      ).toBe(201);
      expect(
        (
          await fetch(`${server.url}/staff/api/cases/${caseId}/notes`, {
            method: 'POST',
            headers: staff,
            body: JSON.stringify({ text: `${MARK} sisäinen muistiinpano ${NAME}` }),
          })
        ).status,
      ).toBe(201);
      await post({ type: 'message', text: `Soita minulle ${PHONE}, terveisin ${NAME}` });
      const view = await (await fetch(`${server.url}/staff/api/cases/${caseId}`, { headers: staff })).text();
      // The data is really in the service (so its absence from the log means something).
      expect(view).toContain(PHONE);
      expect(
        (
          await fetch(`${server.url}/staff/api/cases/${caseId}/close`, {
            method: 'POST',
            headers: staff,
            body: JSON.stringify({ outcome: 'advice_given', staffUrgency: 'non_urgent' }),
          })
        ).status,
      ).toBe(200);
      const helped = await post({ type: 'message', text: '1' });
      expect(helped.length).toBeGreaterThan(0);
      await post({ type: 'message', text: '4' });
      await post({ type: 'message', text: `${MARK} palaute ${NAME}` });
    } finally {
      await server.stop();
      await discardTestData(server);
    }
    expect(lines.length).toBeGreaterThan(20);
    const output = lines.join('');
    expect(output).not.toContain(MARK);
    expect(output).not.toContain('1234567');
    expect(output).not.toContain('Meikalainen');
  });
});
