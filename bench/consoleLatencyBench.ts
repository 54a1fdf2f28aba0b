// How long a client's message takes to reach the staff consoles, with 50 consoles connected:
// the real service in process (SQLite in a temporary directory, then PostgreSQL on a throwaway
// loopback server), 50 staff sessions each holding GET /staff/api/events, one citizen on the
// Direct Line API in a case the first nurse holds. Each round the citizen posts a message;
// measured from just before the POST:
//   signal     - each console's stream delivers the case's `message` signal (50 samples a round);
//   appearance - the holding nurse's console re-read (GET /staff/api/cases/:id) shows the text
//                (1 a round); the other consoles, without the case open, do not re-read on a
//                message signal, as the page does not.
// Everything runs on one event loop on this machine, so figures include the load generator's
// own work; they are printed, never asserted. `npm run bench:console` (builds first).
import { eventStreamFrames } from './eventStreamFrames';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { WEB_CHANNEL_ID } from '../channels/webChannelAdapter';
import { loadConfig } from '../config';
import { createServer, type LuotsiServer } from '../index';
import { createLogger } from '../logger';
import { DEFAULT_CATALOG, GENERAL_QUEUE_ID } from '../routing';
import { createStaffAccount } from '../staff/accounts';
import { cleanupNow } from './cleanup';
import { startBenchPostgres, type BenchPostgres } from './postgresServer';
import { summarize, type LatencySummary } from './stats';

const CONSOLES = Number(process.env.BENCH_CONSOLES ?? 50);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 40);
const PASSWORD = 'bench console passphrase';
const QUEUE = GENERAL_QUEUE_ID;

interface Console {
  cookie: string;
  csrf: string;
  /** Resolvers waiting for a `message` signal, by case id. */
  waiting: Map<string, (at: number) => void>;
  abort: AbortController;
}

async function json<T>(res: Response): Promise<T> {
  if (!res.ok) throw new Error(`HTTP ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
}

async function openConsole(url: string, username: string): Promise<Console> {
  const login = await fetch(`${url}/staff/api/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: PASSWORD }),
  });
  const { csrfToken } = await json<{ csrfToken: string }>(login);
  const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0]!;
  const abort = new AbortController();
  const c: Console = { cookie, csrf: csrfToken, waiting: new Map(), abort };
  const res = await fetch(`${url}/staff/api/events`, { headers: { cookie }, signal: abort.signal });
  if (!res.ok || !res.body) throw new Error(`stream refused: ${res.status}`);
  let ready!: () => void;
  const isReady = new Promise<void>((resolve) => (ready = resolve));
  void (async () => {
    try {
      for await (const frame of eventStreamFrames(res.body as unknown as AsyncIterable<Uint8Array>)) {
        if (frame.event === 'ready') ready();
        if (frame.event !== 'signal') continue;
        const data = frame.data as { kind: string; change?: string; caseId?: string };
        if (data.kind === 'case' && data.change === 'message' && data.caseId) {
          const resolve = c.waiting.get(data.caseId);
          if (resolve) {
            c.waiting.delete(data.caseId);
            resolve(performance.now());
          }
        }
      }
    } catch {
      // aborted at the end
    }
  })();
  await isReady;
  return c;
}

async function runOn(label: string, env: Record<string, string>): Promise<{ label: string; signal: LatencySummary; appearance: LatencySummary }> {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'luotsi-bench-console-'));
  let service: LuotsiServer | undefined;
  const consoles: Console[] = [];
  try {
    const config = loadConfig({
      NODE_ENV: 'test',
      DATA_DIR: dataDir,
      LOG_LEVEL: 'silent',
      PORT: '0',
      MESSAGE_RATE_LIMIT_PER_MINUTE: '100000',
      STAFF_LOGIN_RATE_LIMIT_PER_MINUTE: '10000',
      ...env,
    });
    service = createServer(config, { logger: createLogger('silent') });
    const url = await service.listen(0, '127.0.0.1');
    const queues = DEFAULT_CATALOG.queues.map((q) => q.id);
    for (let i = 0; i < CONSOLES; i++) {
      await createStaffAccount(
        service.database.staff,
        { username: `bench.nurse${i}`, displayName: `Hoitaja ${i}`, role: 'nurse', queues: [QUEUE] },
        PASSWORD,
        queues,
        new Date(),
        { logN: 10, r: 8, p: 1 },
      );
    }
    for (let i = 0; i < CONSOLES; i++) consoles.push(await openConsole(url, `bench.nurse${i}`));

    // The citizen: a Direct Line conversation whose case nurse 0 holds.
    const { token, conversationId } = await json<{ token: string; conversationId: string }>(
      await fetch(`${url}/v3/directline/tokens/generate`, { method: 'POST' }),
    );
    const auth = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
    await json(await fetch(`${url}/v3/directline/conversations`, { method: 'POST', headers: auth }));
    const created = await service.handoff.create(
      {
        conversationId,
        conversationReference: {
          channelId: WEB_CHANNEL_ID,
          serviceUrl: 'urn:luotsi:web-channel',
          conversation: { id: conversationId, isGroup: false, conversationType: 'personal', name: '' },
          bot: { id: 'luotsi', name: 'Luotsi' },
          user: { id: 'bench-user', name: '' },
        },
        channel: WEB_CHANNEL_ID,
        queueId: QUEUE,
        urgency: 'non_urgent',
        locale: 'fi',
        answers: {},
        photoIds: [],
      },
      new Date(),
    );
    const holder = consoles[0]!;
    await json(
      await fetch(`${url}/staff/api/cases/${created.id}/claim`, {
        method: 'POST',
        headers: { cookie: holder.cookie, 'x-csrf-token': holder.csrf, 'content-type': 'application/json' },
        body: '{}',
      }),
    );

    const signal: number[] = [];
    const appearance: number[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      const text = `Viesti numero ${round}`;
      const heard = consoles.map((c) => new Promise<number>((resolve) => c.waiting.set(created.id, resolve)));
      const started = performance.now();
      const posted = fetch(`${url}/v3/directline/conversations/${conversationId}/activities`, {
        method: 'POST',
        headers: auth,
        body: JSON.stringify({ type: 'message', from: { id: 'bench-user' }, text }),
      });
      // Each console re-reads when its signal arrives, as the page does.
      const reads = consoles.map(async (c, i) => {
        const at = await heard[i]!;
        signal.push(at - started);
        if (c !== holder) return;
        const body = await json<{ messages: { text: string }[] }>(await fetch(`${url}/staff/api/cases/${created.id}`, { headers: { cookie: c.cookie } }));
        if (!body.messages.some((m) => m.text === text)) throw new Error('the re-read did not show the message');
        appearance.push(performance.now() - started);
      });
      await json(await posted);
      await Promise.all(reads);
    }
    return { label, signal: summarize(signal), appearance: summarize(appearance) };
  } finally {
    for (const c of consoles) c.abort.abort();
    await service?.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

function row(label: string, what: string, s: LatencySummary): string {
  const ms = (v: number) => v.toFixed(1);
  return `| ${label} | ${what} | ${s.count} | ${ms(s.p50)} | ${ms(s.p95)} | ${ms(s.p99)} | ${ms(s.max)} |`;
}

async function main(): Promise<void> {
  const results = [await runOn('SQLite', {})];
  let postgres: BenchPostgres | undefined;
  try {
    postgres = await startBenchPostgres();
    results.push(await runOn('PostgreSQL', { DATABASE_URL: postgres.url, DATABASE_SCHEMA: postgres.freshSchema('console') }));
  } catch (error) {
    process.stderr.write(`PostgreSQL run skipped: ${error instanceof Error ? error.message : String(error)}\n`);
  } finally {
    postgres?.stop();
  }
  process.stdout.write(`Client message -> staff console, ${CONSOLES} consoles connected, ${ROUNDS} messages (ms)\n\n`);
  process.stdout.write('| backend | measured | samples | p50 | p95 | p99 | max |\n|---|---|---|---|---|---|---|\n');
  for (const r of results) {
    process.stdout.write(`${row(r.label, 'signal on every console', r.signal)}\n`);
    process.stdout.write(`${row(r.label, 'message shown to the holding nurse', r.appearance)}\n`);
  }
}

main().then(
  () => {
    cleanupNow();
    process.exit(0);
  },
  (error: unknown) => {
    process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    cleanupNow();
    process.exit(1);
  },
);
