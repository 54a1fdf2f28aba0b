// GET /staff/api/events: one server-sent-events stream per console. It carries the staff
// signals (handoff/staffSignals.ts) of the caller's queues as they happen, so queue counts,
// new cases, a held case's client messages and the client's typing reach the console at once;
// the console re-reads through the API and falls back to polling when the stream drops.
//
// The staff session cookie authenticates it (GET: no CSRF). Every heartbeat authenticates the
// session again: a session that ended (logout, idle, disabled account) ends its stream with an
// `expired` event, and an open console keeps counting as present, as its polling did.
import type { Request, Response, Server } from 'restify';
import type { StaffSignal, StaffSignals } from '../handoff/staffSignals';
import { signalFor } from '../handoff/staffSignals';
import type { Logger } from '../logger';
import type { StaffAuthenticator } from '../staff/authentication';
import { asyncRoute } from './asyncRoute';
import { readSessionCookie, requireStaff, type StaffHttpOptions } from './staffAuth';

/** Heartbeat and session re-check interval of a stream. */
export const STAFF_EVENTS_HEARTBEAT_MS = 25_000;
/** Streams one member of staff may hold on one instance (tabs); a newer one closes the oldest. */
export const MAX_STREAMS_PER_STAFF = 5;
/** How long the browser waits before reconnecting a dropped stream (the SSE `retry` field). */
const RETRY_MS = 3000;

/** What the stream needs from the composition root. */
export interface StaffEventsOptions {
  authenticator: StaffAuthenticator;
  http: StaffHttpOptions;
  signals: StaffSignals;
  logger: Logger;
  clock: () => Date;
  heartbeatMs?: number;
}

/** One SSE frame. */
function frame(event: string, data: unknown): string {
  return `event: ${event}\ndata: ${JSON.stringify(data)}\n\n`;
}

/** Registers GET /staff/api/events; returns a function that ends every open stream (shutdown). */
export function registerStaffEvents(server: Server, options: StaffEventsOptions): () => void {
  const { authenticator, signals, logger, clock } = options;
  const heartbeatMs = options.heartbeatMs ?? STAFF_EVENTS_HEARTBEAT_MS;
  const open = new Map<string, Set<() => void>>();

  server.get(
    '/staff/api/events',
    asyncRoute(async (req: Request, res: Response) => {
      const staff = await requireStaff(req, authenticator, options.http, clock());
      const { staffId, queues } = staff.identity;
      const sessionId = readSessionCookie(req);
      res.writeHead(200, {
        'Content-Type': 'text/event-stream; charset=utf-8',
        'Cache-Control': 'no-store',
        'X-Content-Type-Options': 'nosniff',
        // Proxies that buffer responses would hold the events back.
        'X-Accel-Buffering': 'no',
      });
      res.write(`retry: ${RETRY_MS}\n\n`);
      res.write(frame('ready', { queues }));

      await new Promise<void>((resolve) => {
        let ended = false;
        const end = () => {
          if (ended) return;
          ended = true;
          clearInterval(heartbeat);
          unsubscribe();
          const mine = open.get(staffId);
          mine?.delete(end);
          if (mine?.size === 0) open.delete(staffId);
          if (!res.writableEnded) res.end();
          resolve();
        };
        const send = (signal: StaffSignal) => {
          if (signalFor(signal, queues)) res.write(frame('signal', signal));
        };
        const unsubscribe = signals.subscribe(send);
        const heartbeat = setInterval(() => {
          authenticator.authenticate(sessionId, clock()).then(
            () => res.write(': ping\n\n'),
            () => {
              res.write(frame('expired', {}));
              end();
            },
          );
        }, heartbeatMs);
        heartbeat.unref();
        req.on('close', end);
        res.on('error', end);
        const mine = open.get(staffId) ?? new Set<() => void>();
        open.set(staffId, mine);
        mine.add(end);
        // Tabs left open elsewhere: the oldest stream beyond the cap goes.
        while (mine.size > MAX_STREAMS_PER_STAFF) mine.values().next().value!();
      });
      logger.debug({ staffId }, 'staff event stream ended');
    }),
  );

  return () => {
    for (const ends of [...open.values()]) for (const end of [...ends]) end();
  };
}
