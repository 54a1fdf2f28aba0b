// A token the channel has verified and remembers must not outlive the conversation's data: when
// retention deletes the conversation, its old token is refused at once (404) on POST and GET; when
// the client erases its data, the old token reads nothing of what was erased. On PostgreSQL the
// same holds on a second instance that had verified the token too (no cross-instance notice is
// needed: only the signature check is remembered, the conversation is read on every request).
import { WEB_CHANNEL_ID } from '../../channels/webChannelAdapter';
import { eraseConversationRest } from '../../storage/dataProtection';
import { sharedTestDatabase, TEST_BACKEND } from '../support/testDatabase';
import { discardTestData, startTestServer, tempDataDir, type TestServer } from '../support/testServer';

const START = Date.parse('2026-12-02T10:00:00Z');

describe('a remembered token after its conversation is deleted or erased', () => {
  let now = START;
  const clock = () => new Date(now);
  let servers: TestServer[] = [];

  beforeAll(async () => {
    const dataDir = tempDataDir();
    const env = { ...sharedTestDatabase(dataDir).env, DIRECTLINE_TOKEN_SECRET: 'k'.repeat(48) };
    const first = await startTestServer(env, dataDir, { clock });
    // SQLite is one process by design; PostgreSQL is also checked on a second instance.
    servers = TEST_BACKEND === 'postgres' ? [first, await startTestServer(env, tempDataDir(), { clock })] : [first];
  });
  afterAll(async () => {
    for (const server of servers) await server.stop();
    await discardTestData(servers[0]!);
  });

  async function conversation(): Promise<{ conversationId: string; token: string }> {
    const dl = `${servers[0]!.url}/v3/directline`;
    const { token } = (await (await fetch(`${dl}/tokens/generate`, { method: 'POST' })).json()) as { token: string };
    const started = await fetch(`${dl}/conversations`, { method: 'POST', headers: { Authorization: `Bearer ${token}` } });
    const { conversationId } = (await started.json()) as { conversationId: string };
    return { conversationId, token };
  }

  const post = (server: TestServer, c: { conversationId: string; token: string }, text: string) =>
    fetch(`${server.url}/v3/directline/conversations/${c.conversationId}/activities`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${c.token}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ type: 'message', text, from: { id: 'x' } }),
    });
  const poll = (server: TestServer, c: { conversationId: string; token: string }) =>
    fetch(`${server.url}/v3/directline/conversations/${c.conversationId}/activities?watermark=0`, { headers: { Authorization: `Bearer ${c.token}` } });

  it('refuses the old token at once (404) on every instance once retention has deleted the conversation', async () => {
    const c = await conversation();
    // Every instance verifies and remembers the token with a request that succeeds.
    for (const server of servers) {
      expect((await post(server, c, 'suomi')).status).toBe(200);
      expect((await poll(server, c)).status).toBe(200);
    }
    now += 1000;
    const deleted = await servers[0]!.service.database.activityLog.purgeIdleBefore(new Date(now));
    expect(deleted).toBeGreaterThanOrEqual(1);
    for (const server of servers) {
      const refusedPost = await post(server, c, 'ruotsi');
      expect(refusedPost.status).toBe(404);
      expect((await poll(server, c)).status).toBe(404);
    }
    // The refused message was not kept anywhere.
    expect(await servers[0]!.service.database.activityLog.listAfter(c.conversationId, 0, 10)).toEqual([]);
  });

  it('answers the old token with nothing of what the client erased, on every instance', async () => {
    const c = await conversation();
    const marker = `MARKER_TOKEN_${c.conversationId.slice(0, 8)}`;
    for (const server of servers) expect((await post(server, c, marker)).status).toBe(200);
    for (const server of servers) expect(JSON.stringify(await (await poll(server, c)).json())).toContain(marker);

    await eraseConversationRest(servers[0]!.service.database, { channelId: WEB_CHANNEL_ID, conversationId: c.conversationId });
    for (const server of servers) {
      const page = await poll(server, c);
      expect(page.status).toBe(200);
      expect(JSON.stringify(await page.json())).not.toContain(marker);
    }
  });
});
