import type { Server } from 'restify';
import type { LuotsiDatabase } from '../storage/database';
import { asyncRoute, sendJson } from './asyncRoute';

/** /healthz: the process answers. /readyz: and its database answers too. */
export function registerHealth(server: Server, db: LuotsiDatabase, isShuttingDown: () => boolean): void {
  server.get('/healthz', asyncRoute(async (_req, res) => sendJson(res, 200, { status: 'ok' })));
  server.get('/readyz', asyncRoute(async (_req, res) => {
    if (isShuttingDown()) {
      sendJson(res, 503, { status: 'shutting-down' });
      return;
    }
    await db.ping();
    sendJson(res, 200, { status: 'ready', database: db.kind });
  }));
}
