import type { Server } from 'restify';
import type { LuotsiDatabase } from '../storage/database';
import { asyncRoute, sendJson } from './asyncRoute';

/** /healthz: the process answers. /readyz: and its database answers too; its body counts the catalog entries to re-check. */
export function registerHealth(server: Server, db: LuotsiDatabase, isShuttingDown: () => boolean, catalogEntriesToCheck: () => number): void {
  server.get(
    '/healthz',
    asyncRoute(async (_req, res) => sendJson(res, 200, { status: 'ok' })),
  );
  server.get(
    '/readyz',
    asyncRoute(async (_req, res) => {
      if (isShuttingDown()) {
        sendJson(res, 503, { status: 'shutting-down' });
        return;
      }
      await db.ping();
      sendJson(res, 200, { status: 'ready', database: db.kind, catalog: { toCheck: catalogEntriesToCheck() } });
    }),
  );
}
