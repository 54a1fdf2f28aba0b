import fs from 'node:fs';
import path from 'node:path';
import { WebSocket } from 'ws';
import { createI18n } from '../../i18n/i18n';
import { GENERATED_SECRET_FILE } from '../../channels/tokenSecret';
import { TokenSigner } from '../../channels/tokens';
import { startTestServer, type TestServer } from '../support/testServer';

const fi = createI18n().getFixedT('fi');

interface Started {
  conversationId: string;
  token: string;
  streamUrl: string;
}

describe('the web channel refuses bad input clearly and loses nothing', () => {
  let server: TestServer;
  const dl = (p: string) => `${server.url}/v3/directline${p}`;
  const auth = (token: string) => ({ Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' });

  async function start(locale = 'fi-FI'): Promise<Started> {
    const generated = (await (await fetch(dl('/tokens/generate'), { method: 'POST' })).json()) as { token: string };
    const res = await fetch(dl('/conversations'), { method: 'POST', headers: auth(generated.token), body: JSON.stringify({ locale }) });
    expect(res.status).toBe(201);
    return (await res.json()) as Started;
  }

  async function activities(c: Started): Promise<{ text?: string; from: { role: string } }[]> {
    const res = await fetch(dl(`/conversations/${c.conversationId}/activities`), { headers: auth(c.token) });
    return ((await res.json()) as { activities: { text?: string; from: { role: string } }[] }).activities;
  }

  async function errorOf(res: Response): Promise<{ status: number; code: string }> {
    const body = (await res.json()) as { error: { code: string } };
    return { status: res.status, code: body.error.code };
  }

  beforeAll(async () => {
    server = await startTestServer({ MAX_BODY_BYTES: '4096', MAX_MESSAGE_LENGTH: '50', TOKEN_RATE_LIMIT_PER_MINUTE: '1000' });
  });
  afterAll(async () => {
    await server.stop();
  });

  it('answers malformed JSON with 400 MalformedJson', async () => {
    const c = await start();
    const res = await fetch(dl(`/conversations/${c.conversationId}/activities`), { method: 'POST', headers: auth(c.token), body: '{"type": "message", ' });
    expect(await errorOf(res)).toEqual({ status: 400, code: 'MalformedJson' });
  });

  it.each([
    [{ text: 'hei' }, 'MissingActivityType'],
    [{ type: '' }, 'MissingActivityType'],
    [{ type: 42 }, 'MissingActivityType'],
    [{ type: 'conversationUpdate' }, 'UnsupportedActivityType'],
    [{ type: 'message', text: 12 }, 'BadArgument'],
    [{ type: 'message', attachments: 'x' }, 'BadArgument'],
    [['not', 'an', 'object'], 'BadArgument'],
    ['"a string"', 'BadArgument'],
  ])('answers the activity %j with 400 %s', async (body, code) => {
    const c = await start();
    const res = await fetch(dl(`/conversations/${c.conversationId}/activities`), {
      method: 'POST',
      headers: auth(c.token),
      body: typeof body === 'string' ? body : JSON.stringify(body),
    });
    expect(await errorOf(res)).toEqual({ status: 400, code });
  });

  it('answers an oversize body with 413', async () => {
    const c = await start();
    const res = await fetch(dl(`/conversations/${c.conversationId}/activities`), {
      method: 'POST',
      headers: auth(c.token),
      body: JSON.stringify({ type: 'message', text: 'x'.repeat(10_000) }),
    });
    expect(await errorOf(res)).toEqual({ status: 413, code: 'PayloadTooLarge' });
  });

  it('answers a conversation that was never started with 404', async () => {
    const generated = (await (await fetch(dl('/tokens/generate'), { method: 'POST' })).json()) as { token: string; conversationId: string };
    const res = await fetch(dl(`/conversations/${generated.conversationId}/activities`), { headers: auth(generated.token) });
    expect(await errorOf(res)).toEqual({ status: 404, code: 'NotFound' });
  });

  it('answers a missing or malformed token with 401', async () => {
    const c = await start();
    const none = await fetch(dl(`/conversations/${c.conversationId}/activities`));
    expect(await errorOf(none)).toEqual({ status: 401, code: 'Unauthorized' });
    const bad = await fetch(dl(`/conversations/${c.conversationId}/activities`), { headers: auth('abc.def') });
    expect(await errorOf(bad)).toEqual({ status: 401, code: 'Unauthorized' });
  });

  it('answers an expired token with 403', async () => {
    const c = await start();
    const secret = fs.readFileSync(path.join(server.dataDir, GENERATED_SECRET_FILE), 'utf8').trim();
    const claims = JSON.parse(Buffer.from(c.token.split('.')[0]!, 'base64url').toString('utf8')) as { cid: string; uid: string };
    const expired = new TokenSigner(secret).issue({ cid: claims.cid, uid: claims.uid, kind: 'conversation' }, 60, new Date(Date.now() - 3_600_000));
    const res = await fetch(dl(`/conversations/${c.conversationId}/activities`), { headers: auth(expired) });
    expect(await errorOf(res)).toEqual({ status: 403, code: 'TokenExpired' });
  });

  it("never lets conversation A's token read or write conversation B", async () => {
    const a = await start();
    const b = await start();
    const read = await fetch(dl(`/conversations/${b.conversationId}/activities`), { headers: auth(a.token) });
    expect(await errorOf(read)).toEqual({ status: 403, code: 'TokenConversationMismatch' });
    const write = await fetch(dl(`/conversations/${b.conversationId}/activities`), {
      method: 'POST',
      headers: auth(a.token),
      body: JSON.stringify({ type: 'message', text: 'kaappaus' }),
    });
    expect(write.status).toBe(403);
    const reconnect = await fetch(dl(`/conversations/${b.conversationId}?watermark=0`), { headers: auth(a.token) });
    expect(reconnect.status).toBe(403);
    const upload = await fetch(dl(`/conversations/${b.conversationId}/upload`), { method: 'POST', headers: auth(a.token) });
    expect(upload.status).toBe(403);
    // A's stream URL, pointed at B, is refused at the upgrade.
    const foreignStream = a.streamUrl.replace(a.conversationId, b.conversationId);
    const status = await new Promise<number>((resolve) => {
      const ws = new WebSocket(foreignStream);
      ws.on('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
      ws.on('open', () => resolve(101));
      ws.on('error', () => undefined);
    });
    expect(status).toBe(403);
    expect((await activities(b)).some((x) => x.text === 'kaappaus')).toBe(false);
  });

  it('answers a too long message with a localized note and stays at the same question', async () => {
    const c = await start();
    const res = await fetch(dl(`/conversations/${c.conversationId}/activities`), {
      method: 'POST',
      headers: auth(c.token),
      body: JSON.stringify({ type: 'message', text: 'a'.repeat(51) }),
    });
    expect(res.status).toBe(200);
    const after = await activities(c);
    const bot = after.filter((x) => x.from.role === 'bot').map((x) => x.text);
    expect(bot).toContain(fi('common:errors.tooLong', { max: 50 }));
    expect(bot[bot.length - 1]).toBe(fi('entry:language.question'));
    // The flow did not move: the next valid answer is still taken as the language.
    await fetch(dl(`/conversations/${c.conversationId}/activities`), {
      method: 'POST',
      headers: auth(c.token),
      body: JSON.stringify({ type: 'message', text: 'suomi' }),
    });
    const later = (await activities(c)).filter((x) => x.from.role === 'bot').map((x) => x.text);
    expect(later[later.length - 1]).toBe(fi('entry:privacy.question'));
  });

  it('answers an unknown answer with the options and keeps the question', async () => {
    const c = await start();
    // At the language question an unknown first word is not scolded: the question again, in all three languages.
    await fetch(dl(`/conversations/${c.conversationId}/activities`), {
      method: 'POST',
      headers: auth(c.token),
      body: JSON.stringify({ type: 'message', text: 'klingon' }),
    });
    const first = (await activities(c)).filter((x) => x.from.role === 'bot').map((x) => x.text);
    expect(first.slice(-2)).toEqual([fi('understanding:firstMessage.chooseLanguage'), fi('entry:language.question')]);
    await fetch(dl(`/conversations/${c.conversationId}/activities`), {
      method: 'POST',
      headers: auth(c.token),
      body: JSON.stringify({ type: 'message', text: 'suomi' }),
    });
    await fetch(dl(`/conversations/${c.conversationId}/activities`), {
      method: 'POST',
      headers: auth(c.token),
      body: JSON.stringify({ type: 'message', text: 'klingon' }),
    });
    const bot = (await activities(c)).filter((x) => x.from.role === 'bot').map((x) => x.text);
    expect(bot).toContain(fi('common:errors.notUnderstood', { options: '1) Sopii, 2) Ei sovi' }));
    expect(bot[bot.length - 1]).toBe(fi('entry:privacy.question'));
  });

  it('removes what no person types from a message before anyone reads or stores it, on both backends', async () => {
    const c = await start();
    // NUL, an escape sequence, DEL, a C1 control and a right-to-left override inside the word:
    // cleaned, the word is the language, and the stored copy is the clean one.
    const text = 'suo\u0000mi\u001b\u007f\u0085\u202e';
    const res = await fetch(dl(`/conversations/${c.conversationId}/activities`), {
      method: 'POST',
      headers: auth(c.token),
      body: JSON.stringify({ type: 'message', text, from: { name: 'Ma\u0000ija' } }),
    });
    expect(res.status).toBe(200);
    const after = await activities(c);
    expect(after.filter((x) => x.from.role === 'user').map((x) => x.text)).toEqual(['suomi']);
    expect(
      after
        .filter((x) => x.from.role === 'bot')
        .map((x) => x.text)
        .at(-1),
    ).toBe(fi('entry:privacy.question'));
  });

  it('answers an invalid watermark with 400', async () => {
    const c = await start();
    const res = await fetch(dl(`/conversations/${c.conversationId}/activities?watermark=-1`), { headers: auth(c.token) });
    expect(await errorOf(res)).toEqual({ status: 400, code: 'BadWatermark' });
  });

  it('refreshes a token and still refuses a stream token for REST calls', async () => {
    const c = await start();
    const refreshed = await fetch(dl('/tokens/refresh'), { method: 'POST', headers: auth(c.token) });
    expect(refreshed.status).toBe(200);
    const body = (await refreshed.json()) as { token: string; conversationId: string };
    expect(body.conversationId).toBe(c.conversationId);
    expect((await fetch(dl(`/conversations/${c.conversationId}/activities`), { headers: auth(body.token) })).status).toBe(200);
    const streamToken = new URL(c.streamUrl).searchParams.get('t')!;
    expect((await fetch(dl(`/conversations/${c.conversationId}/activities`), { headers: auth(streamToken) })).status).toBe(401);
  });

  it('is still healthy after all of it', async () => {
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
    expect((await fetch(`${server.url}/readyz`)).status).toBe(200);
  });
});

describe('token generation is rate-limited per client IP', () => {
  it('answers 429 with Retry-After past the limit', async () => {
    const server = await startTestServer({ TOKEN_RATE_LIMIT_PER_MINUTE: '3' });
    try {
      const statuses: number[] = [];
      let retryAfter: string | null = null;
      for (let i = 0; i < 5; i += 1) {
        const res = await fetch(`${server.url}/v3/directline/tokens/generate`, { method: 'POST' });
        statuses.push(res.status);
        if (res.status === 429) retryAfter = res.headers.get('retry-after');
      }
      expect(statuses).toEqual([200, 200, 200, 429, 429]);
      expect(Number(retryAfter)).toBeGreaterThan(0);
    } finally {
      await server.stop();
    }
  });
});
