import { Writable } from 'node:stream';
import { createI18n } from '../i18n/i18n';
import type { LuotsiDatabase } from '../storage/database';
import { sharedTestDatabase } from './support/testDatabase';
import { createLogger } from '../logger';
import { startTestServer, tempDataDir } from './support/testServer';

interface Client {
  post(body: object, url?: string): Promise<Response>;
  texts(url?: string): Promise<string[]>;
}

const fi = createI18n().getFixedT('fi');

async function conversation(startUrl: string): Promise<Client> {
  const dl = (url: string) => `${url}/v3/directline`;
  const { token, conversationId } = (await (await fetch(`${dl(startUrl)}/tokens/generate`, { method: 'POST' })).json()) as {
    token: string;
    conversationId: string;
  };
  const headers = { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' };
  await fetch(`${dl(startUrl)}/conversations`, { method: 'POST', headers, body: '{"locale":"fi-FI"}' });
  return {
    post: (body, url = startUrl) => fetch(`${dl(url)}/conversations/${conversationId}/activities`, { method: 'POST', headers, body: JSON.stringify(body) }),
    texts: async (url = startUrl) => {
      const page = (await (await fetch(`${dl(url)}/conversations/${conversationId}/activities`, { headers })).json()) as { activities: { text?: string }[] };
      return page.activities.map((a) => a.text ?? '');
    },
  };
}

describe('graceful shutdown', () => {
  it('lets a turn in flight finish and persist before the database closes', async () => {
    const dataDir = tempDataDir();
    const shared = sharedTestDatabase(dataDir);
    const real = await shared.open();
    // A slow state write keeps the turn in flight while shutdown starts.
    const slow: LuotsiDatabase = {
      ...real,
      botState: Object.assign(Object.create(real.botState) as typeof real.botState, {
        write: async (changes: Parameters<typeof real.botState.write>[0]) => {
          await new Promise((resolve) => setTimeout(resolve, 400));
          return real.botState.write(changes);
        },
      }),
    };
    const server = await startTestServer(shared.env, dataDir, { database: slow });
    const c = await conversation(server.url);
    const inFlight = c.post({ type: 'message', text: '1' });
    await new Promise((resolve) => setTimeout(resolve, 100));
    const closing = server.stop();
    expect((await inFlight).status).toBe(200);
    await closing;

    const again = await startTestServer(shared.env, dataDir);
    try {
      // The answer given during shutdown was kept: the flow continues at the consent question.
      expect((await c.post({ type: 'message', text: 'sopii' }, again.url)).status).toBe(200);
      expect(await c.texts(again.url)).toContain(fi('entry:emergency.question'));
    } finally {
      await again.stop();
    }
  });
});

describe('logs', () => {
  it('carry no message text, even when the text is unusual', async () => {
    const lines: string[] = [];
    const sink = new Writable({
      write(chunk: Buffer, _enc, done) {
        lines.push(chunk.toString('utf8'));
        done();
      },
    });
    const server = await startTestServer({ LOG_LEVEL: 'debug' }, tempDataDir(), { logger: createLogger('debug', sink) });
    try {
      const c = await conversation(server.url);
      const marker = 'MARKER-henkilotunnus-010101A123B';
      await c.post({ type: 'message', text: marker });
      await c.post({ type: 'message', text: `${marker}-${'x'.repeat(3000)}` });
      await c.post({ type: 'message', text: 12 });
      expect((await c.texts()).some((t) => t.startsWith(marker))).toBe(true);
    } finally {
      await server.stop();
    }
    expect(lines.length).toBeGreaterThan(3);
    expect(lines.join('')).not.toContain('MARKER');
  });
});
