// /metrics: off without METRICS_TOKEN, only with the bearer token when on, and after a whole
// journey with marker strings in every typed answer it holds counts and ids of the catalog only —
// no text, no conversation or case id.
import { DEFAULT_CATALOG } from '../../routing';
import { startTestServer, tempDataDir, discardTestData, type TestServer } from '../support/testServer';

const TOKEN = 'metrics-token-for-tests-0123456789';
const MARK = 'MTRKMARK';
const MONDAY_MORNING = new Date('2026-11-23T08:00:00Z');

type Activity = {
  type: string;
  name?: string;
  value?: unknown;
  text?: string;
  from?: { role?: string };
  suggestedActions?: { actions: { title?: string; value?: unknown }[] };
};

/** The next answer: a pressed button when offered ("none" first, the queue when offered), else typed text with the marker. */
function answerTo(message: Activity, turn: number): { text: string; value?: unknown } {
  const actions = message.suggestedActions?.actions ?? [];
  const join = actions.find((a) => (a.value as { joinQueue?: string } | undefined)?.joinQueue);
  if (join) return { text: join.title ?? '', value: join.value };
  const none = actions.find((a) => String((a.value as { choice?: unknown } | undefined)?.choice ?? '').endsWith('.none'));
  const pick = none ?? actions[0];
  if (pick) return { text: pick.title ?? '1', ...(pick.value !== undefined && { value: pick.value }) };
  return { text: `${MARK} vastaus ${turn}` };
}

async function scrape(server: TestServer, authorization?: string): Promise<Response> {
  return fetch(`${server.url}/metrics`, { headers: authorization ? { Authorization: authorization } : {} });
}

function sample(text: string, name: string, labels: Record<string, string>): number | undefined {
  const line = text.split('\n').find((l) => l.startsWith(`${name}{`) && Object.entries(labels).every(([k, v]) => l.includes(`${k}="${v}"`)));
  return line === undefined ? undefined : Number(line.slice(line.lastIndexOf(' ') + 1));
}

describe('/metrics', () => {
  it('is off (404) without METRICS_TOKEN', async () => {
    const server = await startTestServer();
    try {
      expect((await scrape(server, `Bearer ${TOKEN}`)).status).toBe(404);
    } finally {
      await server.stop();
      await discardTestData(server);
    }
  });

  it('refuses a config with a short token', async () => {
    await expect(startTestServer({ METRICS_TOKEN: 'short' })).rejects.toThrow(/METRICS_TOKEN/);
  });

  it('answers only the bearer token, and after a journey holds counts without personal data', async () => {
    const server = await startTestServer({ METRICS_TOKEN: TOKEN, MESSAGE_RATE_LIMIT_PER_MINUTE: '1000' }, tempDataDir(), { clock: () => MONDAY_MORNING });
    const dl = `${server.url}/v3/directline`;
    try {
      expect((await scrape(server)).status).toBe(401);
      expect((await scrape(server, `Bearer ${TOKEN}x`)).status).toBe(401);
      expect((await scrape(server, `Basic ${TOKEN}`)).status).toBe(401);

      const { token, conversationId } = (await (await fetch(`${dl}/tokens/generate`, { method: 'POST' })).json()) as { token: string; conversationId: string };
      const headers = { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' };
      await fetch(`${dl}/conversations`, { method: 'POST', headers, body: '{"locale":"fi-FI"}' });
      let watermark = '0';
      let outcome: { urgency: string | null; topic: string | null } | undefined;
      const post = async (body: object) => {
        expect((await fetch(`${dl}/conversations/${conversationId}/activities`, { method: 'POST', headers, body: JSON.stringify(body) })).status).toBe(200);
        const page = (await (await fetch(`${dl}/conversations/${conversationId}/activities?watermark=${watermark}`, { headers })).json()) as {
          activities: Activity[];
          watermark: string;
        };
        watermark = page.watermark;
        const event = page.activities.find((a) => a.type === 'event' && a.name === 'triage.outcome');
        if (event) outcome = event.value as { urgency: string | null; topic: string | null };
        return page.activities.filter((a) => a.type === 'message' && a.from?.role !== 'user');
      };
      let replies = await post({ type: 'message', text: `${MARK} hei` });
      let joined = false;
      for (let turn = 0; turn < 60 && !joined; turn += 1) {
        const last = replies[replies.length - 1];
        if (!last) break;
        const answer = answerTo(last, turn);
        joined = typeof (answer.value as { joinQueue?: string } | undefined)?.joinQueue === 'string';
        replies = await post({ type: 'message', ...answer });
        if (turn === 8 && !joined) replies = await post({ type: 'message', text: 'ihminen' });
      }
      expect(joined).toBe(true);
      expect(outcome).toBeDefined();

      const response = await scrape(server, `Bearer ${TOKEN}`);
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toContain('text/plain');
      const text = await response.text();
      // What operations watch is there, with values from the journey.
      expect(sample(text, 'luotsi_turns_total', {})).toBeGreaterThan(5);
      expect(sample(text, 'luotsi_turn_duration_seconds_count', {})).toBeGreaterThan(5);
      expect(sample(text, 'luotsi_outcomes_total', { urgency: outcome!.urgency ?? 'none', topic: outcome!.topic ?? 'none' })).toBe(1);
      expect(sample(text, 'luotsi_queue_waiting', {})).toBeDefined();
      expect(
        text
          .split('\n')
          .filter((l) => l.startsWith('luotsi_queue_waiting{'))
          .reduce((n, l) => n + Number(l.split(' ').pop()), 0),
      ).toBe(1);
      expect(sample(text, 'luotsi_http_requests_total', { route: '/v3/directline/conversations/:id/activities', status: '200' })).toBeGreaterThan(5);
      expect(sample(text, 'luotsi_database_commit_duration_seconds_count', {})).toBeGreaterThan(5);
      expect(text).toContain('nodejs_eventloop_lag_seconds');
      expect(text).toContain('process_resident_memory_bytes');
      expect(text).toMatch(/^luotsi_database_ping_seconds\{database="(sqlite|postgres)"\} /m);
      // Nothing personal, nothing that names a conversation or a case.
      expect(text).not.toContain(MARK);
      expect(text).not.toContain(conversationId);
      expect(text).not.toContain(token);
      const cases = (
        await Promise.all(
          DEFAULT_CATALOG.queues.map((q) => server.service.database.handoff.queueEntries(q.id, { now: MONDAY_MORNING, catalog: DEFAULT_CATALOG })),
        )
      ).flat();
      expect(cases).toHaveLength(1);
      for (const c of cases) expect(text).not.toContain(c.id);
    } finally {
      await server.stop();
      await discardTestData(server);
    }
  });
});
