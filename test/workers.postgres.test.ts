// Several workers on one machine (WEB_CONCURRENCY, node cluster) on PostgreSQL: both workers take
// connections, a conversation continues whichever worker answers, a killed worker is replaced,
// /metrics of all workers comes from the primary, and SIGTERM stops them all.
import { spawn, type ChildProcess } from 'node:child_process';
import net from 'node:net';
import path from 'node:path';
import { freshSchema, dropSchema, testPostgresUrl } from './support/testDatabase';

const ROOT = path.join(__dirname, '..');
const TOKEN = 'metrics-token-for-worker-tests-0123456789';

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as net.AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}

type LogLine = { msg?: string; worker?: number; role?: string; route?: string };

class Primary {
  readonly lines: LogLine[] = [];
  stderr = '';
  private waiters: (() => void)[] = [];
  constructor(readonly child: ChildProcess) {
    let buffer = '';
    child.stderr!.setEncoding('utf8');
    child.stderr!.on('data', (chunk: string) => (this.stderr = (this.stderr + chunk).slice(-4000)));
    child.stdout!.setEncoding('utf8');
    child.stdout!.on('data', (chunk: string) => {
      buffer += chunk;
      const parts = buffer.split('\n');
      buffer = parts.pop() ?? '';
      for (const part of parts) {
        try {
          this.lines.push(JSON.parse(part) as LogLine);
        } catch {
          // not a log line
        }
      }
      for (const wake of this.waiters.splice(0)) wake();
    });
  }

  /** Waits until `count` log lines match. */
  async until(match: (line: LogLine) => boolean, count: number, timeoutMs = 60_000): Promise<LogLine[]> {
    const deadline = performance.now() + timeoutMs;
    for (;;) {
      const found = this.lines.filter(match);
      if (found.length >= count) return found;
      if (performance.now() > deadline)
        throw new Error(`waited for ${count} log lines; have ${found.length}: ${JSON.stringify(this.lines.slice(-5))}; stderr: ${this.stderr}`);
      await new Promise<void>((resolve) => {
        this.waiters.push(resolve);
        setTimeout(resolve, 200);
      });
    }
  }
}

const listening = (line: LogLine) => line.msg === 'Luotsi is listening';

describe('WEB_CONCURRENCY workers on PostgreSQL', () => {
  it('shares the port between workers, replaces a dead one, aggregates metrics and stops on SIGTERM', async () => {
    const schema = freshSchema();
    const [port, metricsPort] = [await freePort(), await freePort()];
    const child = spawn(process.execPath, ['-r', path.join(__dirname, 'support', 'tsRequireHook.js'), path.join(ROOT, 'index.ts')], {
      cwd: ROOT,
      env: {
        PATH: process.env.PATH ?? '',
        NODE_ENV: 'test',
        LOG_LEVEL: 'info',
        HOST: '127.0.0.1',
        PORT: String(port),
        DATABASE_URL: testPostgresUrl(),
        DATABASE_SCHEMA: schema,
        WEB_CONCURRENCY: '2',
        METRICS_TOKEN: TOKEN,
        METRICS_PORT: String(metricsPort),
        DIRECTLINE_TOKEN_SECRET: 'workers-test-secret-0123456789abcdefghijklmnop',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const primary = new Primary(child);
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    const base = `http://127.0.0.1:${port}`;
    try {
      // Each worker compiles the sources on start (the test runs them, not a build): give it time on a busy machine.
      const started = await primary.until(listening, 2, 150_000);
      expect(new Set(started.map((l) => l.worker)).size).toBe(2);

      // New connections are spread over the workers (round robin); each answers from the one database.
      for (let i = 0; i < 12; i += 1) expect((await fetch(`${base}/readyz`, { headers: { Connection: 'close' } })).status).toBe(200);
      const answered = await primary.until((l) => l.msg === 'request' && l.route === '/readyz', 12);
      expect(new Set(answered.map((l) => l.worker)).size).toBe(2);

      // A conversation whose turns land on different workers goes on where it was.
      const dl = `${base}/v3/directline`;
      const { token, conversationId } = (await (await fetch(`${dl}/tokens/generate`, { method: 'POST', headers: { Connection: 'close' } })).json()) as {
        token: string;
        conversationId: string;
      };
      const headers = { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json', Connection: 'close' };
      expect((await fetch(`${dl}/conversations`, { method: 'POST', headers, body: '{"locale":"fi-FI"}' })).status).toBe(201);
      for (const text of ['1', 'sopii'])
        expect(
          (await fetch(`${dl}/conversations/${conversationId}/activities`, { method: 'POST', headers, body: JSON.stringify({ type: 'message', text }) }))
            .status,
        ).toBe(200);
      const page = (await (await fetch(`${dl}/conversations/${conversationId}/activities`, { headers })).json()) as {
        activities: { from?: { role?: string } }[];
      };
      expect(page.activities.filter((a) => a.from?.role !== 'user').length).toBeGreaterThanOrEqual(3);
      const turns = await primary.until((l) => l.msg === 'request' && l.route === '/v3/directline/conversations/:id/activities', 3);
      expect(turns.length).toBeGreaterThanOrEqual(3);

      // The primary's /metrics sums the workers' turns and needs the token.
      expect((await fetch(`http://127.0.0.1:${metricsPort}/metrics`)).status).toBe(401);
      const metrics = await (await fetch(`http://127.0.0.1:${metricsPort}/metrics`, { headers: { Authorization: `Bearer ${TOKEN}` } })).text();
      const requests = metrics.split('\n').filter((l) => l.startsWith('luotsi_http_requests_total{') && l.includes('route="/readyz"'));
      expect(requests.reduce((n, l) => n + Number(l.split(' ').pop()), 0)).toBeGreaterThanOrEqual(12);
      expect(metrics).toMatch(/^luotsi_queue_waiting\{queue="general_customer_service"\} 0$/m);

      // A worker killed outright is replaced, and the service keeps answering.
      const victim = started[0]!.worker;
      process.kill(await pidOfWorker(primary, victim!), 'SIGKILL');
      await primary.until((l) => l.msg === 'worker exited; starting another', 1);
      await primary.until(listening, 3, 150_000);
      expect((await fetch(`${base}/healthz`, { headers: { Connection: 'close' } })).status).toBe(200);

      child.kill('SIGTERM');
      expect(await exited).toBe(0);
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL');
      await dropSchema(testPostgresUrl(), schema);
    }
  }, 400_000);
});

/** A worker's process id, from its start-up line. */
async function pidOfWorker(primary: Primary, worker: number): Promise<number> {
  const [line] = await primary.until((l) => listening(l) && l.worker === worker, 1);
  const pid = (line as LogLine & { pid?: number }).pid;
  if (typeof pid !== 'number') throw new Error('the start-up line carries no pid');
  return pid;
}
