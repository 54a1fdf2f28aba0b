// Several worker processes on one machine (node cluster), so a PostgreSQL deployment uses every
// core. The primary only forks, restarts and stops workers (and, when asked, serves the metrics of
// all of them together); each worker is a whole Luotsi instance, held together with the others by
// the coordination the PostgreSQL backend already has for several instances (turn locks, leader
// jobs, LISTEN/NOTIFY relay).

import cluster, { type Worker } from 'node:cluster';
import { createServer as createHttpServer, type Server, type ServerResponse } from 'node:http';
import { AggregatorRegistry } from 'prom-client';
import { resolveTokenSecret } from './channels/tokenSecret';
import type { Config } from './config';
import type { Logger } from './logger';
import { hasBearer } from './http/metricsRoute';

/** Restart delays after a worker dies: doubling up to a ceiling, reset when a worker has lived a while. */
const FIRST_RESTART_MS = 500;
const MAX_RESTART_MS = 30_000;
const STABLE_AFTER_MS = 60_000;

/** Forks `config.workers` workers and keeps that many running until SIGTERM/SIGINT; then stops them all. */
export function runPrimary(config: Config, logger: Logger): void {
  // Made once here, so every worker signs and checks tokens with the same key (development).
  resolveTokenSecret(config);
  let stopping = false;
  let restartMs = FIRST_RESTART_MS;
  const startedAt = new Map<number, number>();

  const fork = (): Worker => {
    const worker = cluster.fork();
    startedAt.set(worker.id, performance.now());
    return worker;
  };
  cluster.on('exit', (worker, code, signal) => {
    const lived = performance.now() - (startedAt.get(worker.id) ?? 0);
    startedAt.delete(worker.id);
    if (stopping) return;
    if (lived > STABLE_AFTER_MS) restartMs = FIRST_RESTART_MS;
    logger.warn({ worker: worker.id, code, signal, restartInMs: restartMs }, 'worker exited; starting another');
    setTimeout(() => {
      if (!stopping) fork();
    }, restartMs).unref();
    restartMs = Math.min(MAX_RESTART_MS, restartMs * 2);
  });
  for (let i = 0; i < config.workers; i += 1) fork();
  logger.info({ workers: config.workers }, 'primary started workers');

  const metricsServer = config.metricsToken !== undefined && config.metricsPort !== undefined ? serveClusterMetrics(config, logger) : undefined;

  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'stopping workers');
    const workers = Object.values(cluster.workers ?? {}).filter((w): w is Worker => w !== undefined);
    for (const worker of workers) worker.process.kill('SIGTERM');
    // A worker that has not finished its graceful close in time is killed.
    const killer = setTimeout(() => {
      for (const worker of workers) if (!worker.isDead()) worker.process.kill('SIGKILL');
    }, config.shutdownTimeoutMs + 5_000);
    killer.unref();
    const allGone = () => {
      if (Object.values(cluster.workers ?? {}).some((w) => w !== undefined && !w.isDead())) return;
      metricsServer?.close();
      process.exit(0);
    };
    cluster.on('exit', allGone);
    allGone();
  };
  process.once('SIGTERM', () => stop('SIGTERM'));
  process.once('SIGINT', () => stop('SIGINT'));
}

/** /metrics of all workers together on METRICS_PORT (prom-client asks each worker over IPC). */
function serveClusterMetrics(config: Config, logger: Logger): Server {
  const registry = new AggregatorRegistry();
  // restify (loaded in this process) patches Node's response so writeHead does not chain: one call a line.
  const answer = (res: ServerResponse, status: number, headers: Record<string, string> = {}, body?: string) => {
    res.writeHead(status, headers);
    res.end(body);
  };
  const server = createHttpServer((req, res) => {
    try {
      if (req.method !== 'GET' || (req.url ?? '').split('?')[0] !== '/metrics') return answer(res, 404);
      if (!hasBearer(req.headers.authorization, config.metricsToken!)) return answer(res, 401, { 'WWW-Authenticate': 'Bearer realm="metrics"' });
      registry.clusterMetrics().then(
        (body) => answer(res, 200, { 'Content-Type': registry.contentType, 'Cache-Control': 'no-store' }, body),
        (error: unknown) => {
          logger.error({ err: error }, 'cluster metrics failed');
          answer(res, 503);
        },
      );
    } catch (error) {
      // The primary keeps the workers alive: a failed scrape must never end it.
      logger.error({ err: error }, 'cluster metrics failed');
      if (!res.headersSent) answer(res, 500);
    }
  });
  server.listen(config.metricsPort, config.host, () => logger.info({ port: config.metricsPort }, 'cluster metrics listening'));
  return server;
}
