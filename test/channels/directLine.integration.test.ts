import { WEB_CHANNEL_ID } from '../../channels/webChannelAdapter';
import { ConnectionStatus } from 'botframework-directlinejs';
import { startTestServer, tempDataDir, type TestServer } from '../support/testServer';
import { directLineClient, say, Transcript } from '../support/directLineClient';

import { createI18n } from '../../i18n/i18n';

const i18n = createI18n();
const fi = i18n.getFixedT('fi');
const sv = i18n.getFixedT('sv');

async function generate(url: string): Promise<{ conversationId: string; token: string }> {
  const res = await fetch(`${url}/v3/directline/tokens/generate`, { method: 'POST' });
  expect(res.status).toBe(200);
  return (await res.json()) as { conversationId: string; token: string };
}

describe.each([
  ['polling', false],
  ['WebSocket', true],
])('a conversation with the official Direct Line client over %s', (_mode, webSocket) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(async () => {
    await server.stop();
  });

  it('gets the welcome, answers with a button value and with a typed label, in Finnish and Swedish', async () => {
    const { token } = await generate(server.url);
    const client = directLineClient({ url: server.url, token, webSocket });
    const transcript = new Transcript(client);
    try {
      await transcript.waitForBot((m) => m.text === fi('common:welcome'));
      const question = await transcript.waitForBot((m) => m.text === fi('entry:language.question'));
      // The mode under test is really the one in use: one open stream only over WebSocket.
      expect(server.service.channel.hub.size).toBe(webSocket ? 1 : 0);
      const actions = question.suggestedActions?.actions ?? [];
      expect(actions.map((a) => a.title)).toEqual(['Suomi', 'Svenska', 'English']);

      const svenska = actions[1]!;
      const id = await say(client, svenska.title ?? '', (svenska as { value?: unknown }).value);
      expect(id).toMatch(/\|\d{7}$/);
      const notice = await transcript.waitForBot((m) => m.text === sv('entry:privacy.notice'));
      // The sender is named in the conversation's language (read out by screen readers).
      expect([question.from?.name, notice.from?.name]).toEqual([fi('common:productName'), sv('common:productName')]);
      expect(notice.from?.name).toBe('Lotsen');
      const consent = await transcript.waitForBot((m) => m.text === sv('entry:privacy.question'));
      expect(consent.suggestedActions?.actions.map((a) => a.title)).toEqual([sv('entry:privacy.options.accept'), sv('entry:privacy.options.decline')]);

      await say(client, 'DET GAR BRA');
      await transcript.waitForBot((m) => m.text === sv('entry:emergency.question'));
      // Every activity, the client's own included, arrives once and in watermark order.
      const ids = transcript.activities.map((a) => a.id ?? '');
      expect(ids.length).toBeGreaterThanOrEqual(8);
      expect([...new Set(ids)].sort()).toEqual(ids);
    } finally {
      client.end();
    }
  });
});

describe('reconnecting after a server restart', () => {
  it('finds history and flow state intact', async () => {
    const dataDir = tempDataDir();
    let server = await startTestServer({}, dataDir);
    const { token, conversationId } = await generate(server.url);
    let client = directLineClient({ url: server.url, token, webSocket: true });
    let transcript = new Transcript(client);
    await transcript.waitForBot((m) => m.text === fi('entry:language.question'));
    await say(client, '1');
    await transcript.waitForBot((m) => m.text === fi('entry:privacy.question'));
    client.end();
    await server.stop();

    server = await startTestServer(server.env, dataDir);
    try {
      client = directLineClient({ url: server.url, token, conversationId, webSocket: true });
      transcript = new Transcript(client);
      // The whole history is replayed from the stored log ...
      await transcript.waitForBot((m) => m.text === fi('common:welcome'));
      await transcript.waitForBot((m) => m.text === fi('entry:privacy.question'));
      // ... and the flow continues at the question it was on.
      await say(client, 'sopii');
      await transcript.waitForBot((m) => m.text === fi('entry:emergency.question'));
      const statuses: ConnectionStatus[] = [];
      client.connectionStatus$.subscribe((s) => statuses.push(s));
      expect(statuses).toContain(ConnectionStatus.Online);
    } finally {
      client.end();
      await server.stop();
    }
  });
});

describe('proactive messages', () => {
  it('go through the same adapter into the log and out on the open stream, in order', async () => {
    const server = await startTestServer();
    try {
      const { token, conversationId } = await generate(server.url);
      const client = directLineClient({ url: server.url, token, webSocket: true });
      const transcript = new Transcript(client);
      try {
        await transcript.waitForBot((m) => m.text === fi('entry:language.question'));
        await server.service.channel.adapter.continueConversation(
          {
            conversation: { id: conversationId, isGroup: false, conversationType: 'personal', name: '' },
            channelId: WEB_CHANNEL_ID,
            serviceUrl: 'urn:luotsi:web-channel',
            bot: { id: 'luotsi', name: 'Luotsi' },
            user: { id: 'u', name: '' },
          },
          async (context) => {
            await context.sendActivity('proactive-1');
            await context.sendActivity('proactive-2');
          },
        );
        await transcript.waitForBot((m) => m.text === 'proactive-2');
        const texts = transcript.botMessages().map((m) => m.text);
        expect(texts.indexOf('proactive-1')).toBeLessThan(texts.indexOf('proactive-2'));
        expect(transcript.botMessages().every((m) => typeof m.id === 'string' && m.id.startsWith(conversationId))).toBe(true);
      } finally {
        client.end();
      }
    } finally {
      await server.stop();
    }
  });
});
