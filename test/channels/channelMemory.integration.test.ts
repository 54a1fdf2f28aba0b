// What a finished conversation leaves in the web channel's memory: nothing, once its rate limits
// have refilled. Conversations run through the real HTTP API on this run's backend; the clock is
// the service's injected one, moved past the refill window instead of waited for.
import { createI18n } from '../../i18n/i18n';
import { discardTestData, startTestServer, type TestServer } from '../support/testServer';

const fi = createI18n().getFixedT('fi');
const START = Date.parse('2026-12-02T10:00:00Z');

describe('web channel memory per conversation', () => {
  let server: TestServer;
  let now = START;

  beforeAll(async () => {
    server = await startTestServer({}, undefined, { clock: () => new Date(now) });
  });
  afterAll(async () => {
    await server.stop();
    await discardTestData(server);
  });

  const dl = () => `${server.url}/v3/directline`;

  /** A whole short conversation: token, start, the welcome, two answers, each followed by a poll. */
  async function converse(): Promise<string> {
    const { token } = (await (await fetch(`${dl()}/tokens/generate`, { method: 'POST' })).json()) as { token: string };
    const auth = { Authorization: `Bearer ${token}` };
    const { conversationId } = (await (await fetch(`${dl()}/conversations`, { method: 'POST', headers: auth })).json()) as { conversationId: string };
    for (let i = 0; i < 100 && (await server.service.database.activityLog.listAfter(conversationId, 0, 10)).length === 0; i++)
      await new Promise((r) => setTimeout(r, 20));
    for (const text of ['suomi', fi('entry:privacy.options.accept')]) {
      const posted = await fetch(`${dl()}/conversations/${conversationId}/activities`, {
        method: 'POST',
        headers: { ...auth, 'Content-Type': 'application/json' },
        body: JSON.stringify({ type: 'message', text, from: { id: 'x' } }),
      });
      expect(posted.status).toBe(200);
      const polled = await fetch(`${dl()}/conversations/${conversationId}/activities?watermark=0`, { headers: auth });
      expect(polled.status).toBe(200);
    }
    return conversationId;
  }

  it('holds each active conversation while its limits refill, and none of them a minute later', async () => {
    for (let i = 0; i < 5; i++) await converse();
    const during = server.service.channel.memoryHeld();
    // The limits count per conversation: five conversations, five buckets each.
    expect(during.messageLimits).toBe(5);
    expect(during.pollLimits).toBe(5);
    // No turn is queued once its POST has answered.
    expect(during.turnQueues).toBe(0);
    expect(during.streams).toBe(0);
    // Each conversation's token is verified once and remembered for its next requests.
    expect(during.verifiedTokens).toBe(5);

    now += 61_000;
    await converse();
    // Only the conversation of the last minute is left.
    expect(server.service.channel.memoryHeld()).toEqual({
      turnQueues: 0,
      streams: 0,
      messageLimits: 1,
      pollLimits: 1,
      reconnectLimits: 0,
      toldTooFast: 0,
      verifiedTokens: 1,
    });
  });
});
