// WebSocket streams are bounded (audit finding M3): a stream URL opens one stream, a conversation
// keeps at most STREAMS_PER_CONVERSATION (the newest), an address at most STREAMS_PER_ADDRESS.
import WebSocket from 'ws';
import { discardTestData, startTestServer, type TestServer } from '../support/testServer';

interface Started {
  conversationId: string;
  token: string;
  streamUrl: string;
}

async function start(server: TestServer): Promise<Started> {
  const dl = `${server.url}/v3/directline`;
  const { token } = (await (await fetch(`${dl}/tokens/generate`, { method: 'POST' })).json()) as { token: string };
  const res = await fetch(`${dl}/conversations`, { method: 'POST', headers: { Authorization: `Bearer ${token}` } });
  return { ...((await res.json()) as Omit<Started, 'token'>), token };
}

async function freshStreamUrl(server: TestServer, c: Started): Promise<string> {
  const res = await fetch(`${server.url}/v3/directline/conversations/${c.conversationId}?watermark=0`, { headers: { Authorization: `Bearer ${c.token}` } });
  expect(res.status).toBe(200);
  return ((await res.json()) as { streamUrl: string }).streamUrl;
}

/** Opens a stream: 'open' with the socket, or the HTTP status of the refused upgrade. */
function open(url: string): Promise<{ socket: WebSocket; status: 'open' } | { status: number }> {
  return new Promise((resolve) => {
    const socket = new WebSocket(url);
    socket.on('open', () => resolve({ socket, status: 'open' }));
    socket.on('unexpected-response', (_req, res) => resolve({ status: res.statusCode ?? 0 }));
    socket.on('error', () => undefined);
  });
}

function closed(socket: WebSocket): Promise<number> {
  return new Promise((resolve) => (socket.readyState === WebSocket.CLOSED ? resolve(-1) : socket.on('close', (code) => resolve(code))));
}

describe('stream limits', () => {
  let server: TestServer;
  const sockets: WebSocket[] = [];

  beforeAll(async () => {
    server = await startTestServer({ STREAMS_PER_CONVERSATION: '2', STREAMS_PER_ADDRESS: '4' });
  });
  afterEach(() => {
    for (const s of sockets.splice(0)) s.terminate();
  });
  afterAll(async () => {
    await server.stop();
    await discardTestData(server);
  });

  it('a stream URL opens one stream: replaying it is refused', async () => {
    const c = await start(server);
    const first = await open(c.streamUrl);
    expect(first.status).toBe('open');
    if ('socket' in first) sockets.push(first.socket);
    expect((await open(c.streamUrl)).status).toBe(403);
  });

  it('a conversation keeps its newest streams; the oldest is closed as replaced, the others get every frame', async () => {
    const c = await start(server);
    const opened: WebSocket[] = [];
    for (let i = 0; i < 3; i++) {
      const result = await open(await freshStreamUrl(server, c));
      if (!('socket' in result)) throw new Error(`stream ${i} refused ${result.status}`);
      opened.push(result.socket);
      sockets.push(result.socket);
    }
    expect(await closed(opened[0]!)).toBe(4001);
    expect(server.service.channel.hub.size).toBe(2);

    const frames = opened.slice(1).map(
      (socket) =>
        new Promise<string>((resolve) =>
          socket.on('message', (data) => {
            const text = String(data);
            if (text.includes('"hei stream"')) resolve(text);
          }),
        ),
    );
    const posted = await fetch(`${server.url}/v3/directline/conversations/${c.conversationId}/activities`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${c.token}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ type: 'message', text: 'hei stream', from: { id: 'x' } }),
    });
    expect(posted.status).toBe(200);
    const [a, b] = await Promise.all(frames);
    expect(a).toBe(b);
  });

  it('an address holds at most its share of streams over all its conversations (429 beyond)', async () => {
    const statuses: (number | 'open')[] = [];
    for (let i = 0; i < 3; i++) {
      const c = await start(server);
      for (let j = 0; j < 2; j++) {
        const result = await open(await freshStreamUrl(server, c));
        if ('socket' in result) sockets.push(result.socket);
        statuses.push(result.status);
      }
    }
    expect(statuses).toEqual(['open', 'open', 'open', 'open', 429, 429]);
  });

  it('fresh stream URLs are rate limited per conversation', async () => {
    const c = await start(server);
    const statuses: number[] = [];
    for (let i = 0; i < 32; i++) {
      statuses.push((await fetch(`${server.url}/v3/directline/conversations/${c.conversationId}`, { headers: { Authorization: `Bearer ${c.token}` } })).status);
    }
    expect(statuses.filter((s) => s === 200)).toHaveLength(30);
    expect(statuses.slice(30)).toEqual([429, 429]);
  });
});
