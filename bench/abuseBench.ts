/**
 * `npm run build && node dist/bench/abuseBench.js`: what two attacks of the 2026-12-02 audit
 * cost everyone else, read as /healthz latency of an unrelated client (printed figures, never
 * pass/fail):
 * - 2,000 stream attempts on one conversation (M3): the same stream URL replayed, then fresh
 *   URLs asked for, then a message fanned out to whatever streams are open;
 * - eight conversations each uploading three 40-megapixel progressive JPEGs at once (M4), with
 *   the default pixel limit (refused from the header) and with PHOTO_MAX_INPUT_PIXELS=40000000
 *   (decoded, through the decode queue).
 * Each run is Luotsi on SQLite in its own child process with a temporary data directory.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import WebSocket from 'ws';
import { startChild, type ManagedChild } from './childProcess';
import { cleanupNow, onCleanup } from './cleanup';
import { freePort } from './freePort';
import { currentRssMiB, peakRssMiB } from './procStats';

const REPO_ROOT = path.resolve(__dirname, '..', '..');
const STREAM_ATTEMPTS = 2000;
const UPLOADERS = 8;
const COPIES = 3;

interface Running {
  url: string;
  child: ManagedChild;
  stop(): Promise<void>;
}

async function startLuotsi(extraEnv: Record<string, string>): Promise<Running> {
  const port = await freePort();
  const dir = mkdtempSync(path.join(os.tmpdir(), 'luotsi-abuse-'));
  const unregister = onCleanup(() => rmSync(dir, { recursive: true, force: true }));
  const env: Record<string, string> = {
    NODE_ENV: 'test',
    PORT: String(port),
    DATA_DIR: dir,
    LOG_LEVEL: 'warn',
    MESSAGE_RATE_LIMIT_PER_MINUTE: '1000',
    TOKEN_RATE_LIMIT_PER_MINUTE: '1000',
    ...extraEnv,
  };
  for (const name of ['PATH', 'HOME', 'TMPDIR', 'LANG']) if (process.env[name] !== undefined) env[name] = process.env[name]!;
  const url = `http://127.0.0.1:${port}`;
  const child = await startChild({
    name: 'luotsi',
    script: path.join(REPO_ROOT, 'dist', 'index.js'),
    cwd: REPO_ROOT,
    env,
    readyUrl: `${url}/healthz`,
    readyTimeoutMs: 30_000,
  });
  return {
    url,
    child,
    async stop() {
      await child.stop();
      rmSync(dir, { recursive: true, force: true });
      unregister();
    },
  };
}

async function healthzMs(url: string): Promise<number> {
  const started = performance.now();
  await (await fetch(`${url}/healthz`)).arrayBuffer();
  return performance.now() - started;
}

/** Polls /healthz every 20 ms while `work` runs; returns the work's result and the latencies seen. */
async function watchHealthz<T>(url: string, work: () => Promise<T>): Promise<{ result: T; samples: number[] }> {
  const samples: number[] = [];
  let running = true;
  const poller = (async () => {
    while (running) {
      samples.push(await healthzMs(url));
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  })();
  try {
    return { result: await work(), samples };
  } finally {
    running = false;
    await poller;
  }
}

const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted.length === 0 ? 0 : sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
};
const fmt = (ms: number) => ms.toFixed(1);

interface Conversation {
  id: string;
  token: string;
  streamUrl: string;
}

async function conversation(url: string): Promise<Conversation> {
  const dl = `${url}/v3/directline`;
  const { token } = (await (await fetch(`${dl}/tokens/generate`, { method: 'POST' })).json()) as { token: string };
  const started = (await (
    await fetch(`${dl}/conversations`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
      body: '{"locale":"fi-FI"}',
    })
  ).json()) as { conversationId: string; streamUrl: string };
  return { id: started.conversationId, token, streamUrl: started.streamUrl };
}

async function say(url: string, c: Conversation, body: object): Promise<number> {
  const started = performance.now();
  const res = await fetch(`${url}/v3/directline/conversations/${c.id}/activities`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${c.token}`, 'Content-Type': 'application/json' },
    body: JSON.stringify({ type: 'message', from: { id: 'x' }, ...body }),
  });
  await res.arrayBuffer();
  return performance.now() - started;
}

function openStream(streamUrl: string): Promise<WebSocket | undefined> {
  return new Promise((resolve) => {
    const socket = new WebSocket(streamUrl);
    socket.on('open', () => resolve(socket));
    socket.on('unexpected-response', () => resolve(undefined));
    socket.on('error', () => resolve(undefined));
  });
}

async function streamAttack(): Promise<string[]> {
  const luotsi = await startLuotsi({});
  const sockets: WebSocket[] = [];
  try {
    const baseline = [];
    for (let i = 0; i < 20; i++) baseline.push(await healthzMs(luotsi.url));
    const victim = await conversation(luotsi.url);
    for (let i = 0; i < 25; i++) await say(luotsi.url, victim, { text: `täyte ${i} ${'x'.repeat(200)}` });
    const { result, samples } = await watchHealthz(luotsi.url, async () => {
      let opened = 0;
      const started = performance.now();
      // Half replay the first stream URL, half ask for a fresh one each time (reconnect).
      for (let batch = 0; batch < STREAM_ATTEMPTS; batch += 100) {
        const attempts = Array.from({ length: 100 }, async (_, i) => {
          let streamUrl = victim.streamUrl;
          if ((batch + i) % 2 === 1) {
            const res = await fetch(`${luotsi.url}/v3/directline/conversations/${victim.id}`, { headers: { Authorization: `Bearer ${victim.token}` } });
            if (res.status !== 200) return undefined;
            streamUrl = ((await res.json()) as { streamUrl: string }).streamUrl;
          }
          return openStream(streamUrl);
        });
        for (const socket of await Promise.all(attempts)) {
          if (socket) {
            opened += 1;
            sockets.push(socket);
          }
        }
      }
      const openMs = performance.now() - started;
      const postMs = await say(luotsi.url, victim, { text: 'fan-out' });
      return { opened, openMs, postMs };
    });
    const open = sockets.filter((s) => s.readyState === WebSocket.OPEN).length;
    return [
      `| ${STREAM_ATTEMPTS} stream attempts on one conversation (half replays of one URL, half fresh URLs) | ${result.opened} accepted, ${open} still open | ${fmt(percentile(baseline, 50))} | ${fmt(percentile(samples, 50))} | ${fmt(percentile(samples, 99))} | ${fmt(Math.max(...samples))} | POST during fan-out ${fmt(result.postMs)} ms; attempts took ${(result.openMs / 1000).toFixed(1)} s |`,
    ];
  } finally {
    for (const socket of sockets) socket.terminate();
    await luotsi.stop();
  }
}

const press = (choice: string) => ({ value: { choice } });

/** Language, consent, no emergency, myself, skin, and the skin answers up to the photo question. */
async function toPhotoQuestion(url: string, c: Conversation): Promise<void> {
  for (const step of [{ text: 'suomi' }, { text: 'sopii' }, press('emergency.none'), press('subject.self'), press('topic.skin')]) await say(url, c, step);
  for (const step of [press('no'), press('no'), press('no'), press('spread.several'), press('duration.days')]) await say(url, c, step);
  await say(url, c, { value: { multiChoice: true, choices: 'symptoms.itch' } });
  await say(url, c, press('cause.unknown'));
  await say(url, c, press('selfCareTried.notTried'));
}

async function upload(url: string, c: Conversation, file: Buffer): Promise<number> {
  const form = new FormData();
  form.append('activity', new Blob([JSON.stringify({ type: 'message', from: { id: 'x' } })], { type: 'application/vnd.microsoft.activity' }), 'blob');
  for (let i = 0; i < COPIES; i++) form.append('file', new Blob([new Uint8Array(file)], { type: 'image/jpeg' }), `big${i}.jpg`);
  const res = await fetch(`${url}/v3/directline/conversations/${c.id}/upload?userId=x`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${c.token}` },
    body: form,
  });
  await res.arrayBuffer();
  return res.status;
}

async function uploadAttack(label: string, env: Record<string, string>, file: Buffer): Promise<string> {
  const luotsi = await startLuotsi(env);
  try {
    const baseline = [];
    for (let i = 0; i < 20; i++) baseline.push(await healthzMs(luotsi.url));
    const uploaders: Conversation[] = [];
    for (let i = 0; i < UPLOADERS; i++) {
      const c = await conversation(luotsi.url);
      await toPhotoQuestion(luotsi.url, c);
      uploaders.push(c);
    }
    const rssBefore = currentRssMiB(luotsi.child.pid) ?? 0;
    const started = performance.now();
    const { result, samples } = await watchHealthz(luotsi.url, () => Promise.all(uploaders.map((c) => upload(luotsi.url, c, file))));
    const wallS = (performance.now() - started) / 1000;
    const statuses = [...new Set(result)].join('/');
    return `| ${UPLOADERS} conversations x ${COPIES} photos of 6320x6320 px (${Math.round(file.length / 1024)} kB progressive JPEG), ${label} | HTTP ${statuses}, ${wallS.toFixed(1)} s; RSS ${Math.round(rssBefore)} -> peak ${Math.round(peakRssMiB(luotsi.child.pid) ?? 0)} MiB | ${fmt(percentile(baseline, 50))} | ${fmt(percentile(samples, 50))} | ${fmt(percentile(samples, 99))} | ${fmt(Math.max(...samples))} | |`;
  } finally {
    await luotsi.stop();
  }
}

async function main(): Promise<void> {
  // 40 MP, progressive, quality 10: a small file whose decoding still touches every pixel.
  const file = await sharp({ create: { width: 6320, height: 6320, channels: 3, background: '#d9a38c' } })
    .jpeg({ quality: 10, progressive: true })
    .toBuffer();
  const rows = [
    ...(await streamAttack()),
    await uploadAttack('default limits (25 MP: refused from the header)', {}, file),
    await uploadAttack('PHOTO_MAX_INPUT_PIXELS=40000000 (decoded, 2 at a time)', { PHOTO_MAX_INPUT_PIXELS: '40000000' }, file),
  ];
  process.stdout.write(
    [
      `## /healthz of an unrelated client under the audit's attacks (${os.cpus().length} cores)`,
      '',
      '| Attack | What happened | /healthz ms before (p50) | during p50 | during p99 | during max | Notes |',
      '|---|---|---:|---:|---:|---:|---|',
      ...rows,
      '',
    ].join('\n'),
  );
}

main()
  .catch((error: unknown) => {
    process.stderr.write(`abuse bench failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exitCode = 1;
  })
  .finally(() => cleanupNow());
