// What one web channel turn asks of PostgreSQL: the statements of one message's POST and the GET
// that follows, recorded on the real pg client (every pool's connections go through
// Client.prototype.query, which is only wrapped to note the statement's first words) while the
// real server answers. Printed for the bench notes; the list of kinds is asserted, since a turn
// of a fresh conversation at a fixed question runs the same statements every time.
import { Client } from 'pg';
import { discardTestData, startTestServer, type TestServer } from '../support/testServer';

const START = Date.parse('2026-12-02T10:00:00Z');

/** The statement's kind: its first keyword and, for DML, its table or function (no values). */
function kindOf(sql: string): string {
  const text = sql.replace(/\s+/g, ' ').trim();
  const words = /^(WITH \w+ AS \( )?(\w+)/i.exec(text);
  const verb = (words?.[2] ?? '?').toUpperCase();
  const target =
    /^(?:INSERT INTO|UPDATE|DELETE FROM) (\w+)/i.exec(text)?.[1] ??
    /\b(pg_advisory_unlock|pg_advisory_lock|pg_try_advisory_lock|pg_notify)\b/i.exec(text)?.[1] ??
    / FROM (\w+)/i.exec(text)?.[1];
  return target ? `${verb} ${target}` : verb;
}

describe('statements of one turn on PostgreSQL', () => {
  let server: TestServer;
  const seen: string[] = [];
  let recording = false;
  let conversationId = '';
  const original = Client.prototype.query;

  beforeAll(async () => {
    server = await startTestServer({}, undefined, { clock: () => new Date(START) });
    // The service's background jobs (retention, session purges) share the pools; a statement is
    // the turn's when it names the conversation, and a transaction is when one of its statements does.
    const open = new WeakMap<Client, { kinds: string[]; ours: boolean }>();
    (Client.prototype as unknown as { query: (...args: unknown[]) => unknown }).query = function (this: Client, ...args: unknown[]) {
      const [config, values] = args;
      const sql = typeof config === 'string' ? config : (config as { text?: string } | undefined)?.text;
      if (recording && typeof sql === 'string') {
        const kind = kindOf(sql);
        const ours = conversationId !== '' && JSON.stringify(values ?? (config as { values?: unknown }).values ?? null).includes(conversationId);
        const tx = open.get(this);
        if (kind === 'BEGIN') open.set(this, { kinds: [kind], ours: false });
        else if (tx && (kind === 'COMMIT' || kind === 'ROLLBACK')) {
          open.delete(this);
          if (tx.ours) seen.push(...tx.kinds, kind);
        } else if (tx) {
          tx.kinds.push(kind);
          tx.ours ||= ours;
        } else if (ours) seen.push(kind);
      }
      return (original as (...a: unknown[]) => unknown).apply(this, args);
    };
  });
  afterAll(async () => {
    Client.prototype.query = original;
    await server.stop();
    await discardTestData(server);
  });

  it('lists the statements of a message turn and its poll', async () => {
    const dl = `${server.url}/v3/directline`;
    const { token } = (await (await fetch(`${dl}/tokens/generate`, { method: 'POST' })).json()) as { token: string };
    const auth = { Authorization: `Bearer ${token}` };
    ({ conversationId } = (await (await fetch(`${dl}/conversations`, { method: 'POST', headers: auth })).json()) as { conversationId: string });
    for (let i = 0; i < 100 && (await server.service.database.activityLog.listAfter(conversationId, 0, 10)).length === 0; i++)
      await new Promise((r) => setTimeout(r, 20));

    recording = true;
    const posted = await fetch(`${dl}/conversations/${conversationId}/activities`, {
      method: 'POST',
      headers: { ...auth, 'Content-Type': 'application/json' },
      body: JSON.stringify({ type: 'message', text: 'suomi', from: { id: 'x' } }),
    });
    const polled = await fetch(`${dl}/conversations/${conversationId}/activities?watermark=1`, { headers: auth });
    recording = false;
    expect(posted.status).toBe(200);
    expect(polled.status).toBe(200);
    process.stdout.write(`statements of one turn (${seen.length}):\n${seen.map((s) => `  ${s}`).join('\n')}\n`);
    expect(seen).toEqual([
      // POST: authorization and the turn lock.
      'SELECT channel_conversations',
      'SELECT pg_advisory_lock',
      // The bot's turn: its state, the handoff check, and one commit of state, the client's
      // message (logged answered) with the replies, and the announcement.
      'SELECT bot_state',
      'SELECT handoff_cases',
      'BEGIN',
      'INSERT bot_state',
      'UPDATE channel_conversations',
      'INSERT channel_activities',
      'SELECT pg_notify',
      'COMMIT',
      'SELECT pg_advisory_unlock',
      // GET: authorization and the page.
      'SELECT channel_conversations',
      'SELECT channel_activities',
    ]);
  });
});
