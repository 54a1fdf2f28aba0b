import { timingSafeEqual, createHash } from 'node:crypto';
import type { Server } from 'restify';
import { UnauthorizedError } from '../errors';
import type { ServiceMetrics } from '../metrics/serviceMetrics';
import { asyncRoute } from './asyncRoute';

function digest(text: string): Buffer {
  return createHash('sha256').update(text).digest();
}

/** True when the request carries `Authorization: Bearer <token>` (compared in constant time). */
export function hasBearer(header: string | undefined, token: string): boolean {
  const match = /^Bearer (.+)$/.exec(header ?? '');
  return match !== null && timingSafeEqual(digest(match[1]!), digest(token));
}

/** GET /metrics in the Prometheus text format, only for requests with the configured bearer token. */
export function registerMetricsRoute(server: Server, metrics: ServiceMetrics, token: string): void {
  server.get(
    '/metrics',
    asyncRoute(async (req, res) => {
      if (!hasBearer(req.headers.authorization, token)) {
        res.setHeader('WWW-Authenticate', 'Bearer realm="metrics"');
        throw new UnauthorizedError('metrics need the bearer token');
      }
      const body = await metrics.scrape();
      res.setHeader('Content-Type', metrics.registry.contentType);
      res.setHeader('Cache-Control', 'no-store');
      res.writeHead(200);
      res.end(body);
    }),
  );
}
