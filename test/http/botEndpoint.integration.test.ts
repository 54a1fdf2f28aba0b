import { createI18n } from '../../i18n/i18n';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { isLoopbackServiceUrl } from '../../http/botEndpoint';
import { startTestServer } from '../support/testServer';

/** A stand-in Bot Connector on loopback that records the replies the bot posts. */
async function fakeConnector(): Promise<{ url: string; replies: { path: string; body: { type?: string; text?: string } }[]; close(): Promise<void> }> {
  const replies: { path: string; body: { type?: string; text?: string } }[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      replies.push({ path: req.url ?? '', body: JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}') });
      res.writeHead(200, { 'Content-Type': 'application/json' });
      res.end(JSON.stringify({ id: `reply-${replies.length}` }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    replies,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

function activity(serviceUrl: string, type = 'conversationUpdate') {
  return {
    type,
    id: 'a1',
    channelId: 'emulator',
    serviceUrl,
    from: { id: 'user-1', role: 'user' },
    recipient: { id: 'bot-1', role: 'bot' },
    conversation: { id: 'conv-1' },
    membersAdded: [{ id: 'user-1' }],
    locale: 'sv-FI',
  };
}

describe('POST /api/messages', () => {
  it('is off (404) with no MicrosoftAppId and no development flag', async () => {
    const server = await startTestServer();
    try {
      const res = await fetch(`${server.url}/api/messages`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify(activity('http://127.0.0.1:1')),
      });
      expect(res.status).toBe(404);
    } finally {
      await server.stop();
    }
  });

  it('requires Bot Framework authentication when an app id is configured', async () => {
    const connector = await fakeConnector();
    const server = await startTestServer({ MicrosoftAppId: '00000000-0000-0000-0000-000000000001', MicrosoftAppPassword: 'not-a-real-secret' });
    try {
      const res = await fetch(`${server.url}/api/messages`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify(activity(connector.url)),
      });
      expect(res.status).toBe(401);
      expect(connector.replies).toHaveLength(0);
    } finally {
      await server.stop();
      await connector.close();
    }
  });

  describe('with the local development flag', () => {
    it('refuses to relay to a non-loopback serviceUrl', async () => {
      const server = await startTestServer({ ALLOW_UNAUTHENTICATED_BOT_ENDPOINT: 'true' });
      try {
        for (const forged of ['https://evil.example.com/', 'http://10.0.0.5/', 'file:///etc/passwd', 'not a url']) {
          const res = await fetch(`${server.url}/api/messages`, {
            method: 'POST',
            headers: { 'Content-Type': 'application/json' },
            body: JSON.stringify(activity(forged)),
          });
          expect(res.status).toBe(403);
        }
      } finally {
        await server.stop();
      }
    });

    it('runs the same bot and replies to a loopback connector (Bot Framework Emulator)', async () => {
      const connector = await fakeConnector();
      const server = await startTestServer({ ALLOW_UNAUTHENTICATED_BOT_ENDPOINT: 'true' });
      try {
        const res = await fetch(`${server.url}/api/messages`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json' },
          body: JSON.stringify(activity(connector.url)),
        });
        expect(res.status).toBeLessThan(300);
        const texts = connector.replies.map((r) => r.body.text);
        expect(texts[0]).toMatch(/Lotsen/);
        expect(connector.replies.every((r) => r.path.startsWith('/v3/conversations/conv-1/activities'))).toBe(true);
      } finally {
        await server.stop();
        await connector.close();
      }
    });

    it('cleans the client text of an Azure channel by the same rule as the web channel', async () => {
      const connector = await fakeConnector();
      const server = await startTestServer({ ALLOW_UNAUTHENTICATED_BOT_ENDPOINT: 'true' });
      const post = (body: object) =>
        fetch(`${server.url}/api/messages`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
      try {
        await post(activity(connector.url));
        const before = connector.replies.length;
        const res = await post({ ...activity(connector.url, 'message'), id: 'a2', membersAdded: undefined, text: 'suo\u0000mi\u202e' });
        expect(res.status).toBeLessThan(300);
        // Cleaned, the word is the language: the privacy question follows in Finnish.
        const texts = connector.replies.slice(before).map((r) => r.body.text);
        expect(texts.at(-1)).toBe(createI18n().getFixedT('fi')('entry:privacy.question'));
      } finally {
        await server.stop();
        await connector.close();
      }
    });
  });
});

describe('isLoopbackServiceUrl', () => {
  it.each([
    ['http://localhost:3978', true],
    ['http://127.0.0.1:5000/', true],
    ['http://[::1]:5000/', true],
    ['https://127.5.5.5/', true],
    ['https://smba.trafficmanager.net/emea/', false],
    ['http://localhost.evil.com/', false],
    ['ftp://127.0.0.1/', false],
    [42, false],
  ])('%s -> %s', (url, expected) => {
    expect(isLoopbackServiceUrl(url)).toBe(expected);
  });
});
