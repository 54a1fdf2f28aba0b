import fs from 'node:fs';
import path from 'node:path';
import { ConnectionStatus } from 'botframework-directlinejs';
import { startTestServer, tempDataDir, type TestServer } from '../support/testServer';
import { directLineClient, say, Transcript } from '../support/directLineClient';

const fi = JSON.parse(fs.readFileSync(path.join(__dirname, '../../locales/fi/common.json'), 'utf8'));
const sv = JSON.parse(fs.readFileSync(path.join(__dirname, '../../locales/sv/common.json'), 'utf8'));

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
      await transcript.waitForBot((m) => m.text === fi.welcome);
      const question = await transcript.waitForBot((m) => m.text === fi.start.languageQuestion);
      // The mode under test is really the one in use: one open stream only over WebSocket.
      expect(server.service.channel.hub.size).toBe(webSocket ? 1 : 0);
      const actions = question.suggestedActions?.actions ?? [];
      expect(actions.map((a) => a.title)).toEqual(['Suomi', 'Svenska', 'English']);

      const svenska = actions[1]!;
      const id = await say(client, svenska.title ?? '', (svenska as { value?: unknown }).value);
      expect(id).toMatch(/\|\d{7}$/);
      await transcript.waitForBot((m) => m.text === sv.start.privacyNotice);
      const consent = await transcript.waitForBot((m) => m.text === sv.start.consentQuestion);
      expect(consent.suggestedActions?.actions.map((a) => a.title)).toEqual([sv.yes, sv.no]);

      await say(client, 'JA');
      await transcript.waitForBot((m) => m.text === sv.start.consentGiven);
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
    await transcript.waitForBot((m) => m.text === fi.start.languageQuestion);
    await say(client, '1');
    await transcript.waitForBot((m) => m.text === fi.start.consentQuestion);
    client.end();
    await server.stop();

    server = await startTestServer({}, dataDir);
    try {
      client = directLineClient({ url: server.url, token, conversationId, webSocket: true });
      transcript = new Transcript(client);
      // The whole history is replayed from the stored log ...
      await transcript.waitForBot((m) => m.text === fi.welcome);
      await transcript.waitForBot((m) => m.text === fi.start.consentQuestion);
      // ... and the flow continues at the question it was on.
      await say(client, 'kyllä');
      await transcript.waitForBot((m) => m.text === fi.start.consentGiven);
      const statuses: ConnectionStatus[] = [];
      client.connectionStatus$.subscribe((s) => statuses.push(s));
      expect(statuses).toContain(ConnectionStatus.Online);
    } finally {
      client.end();
      await server.stop();
    }
  });
});
