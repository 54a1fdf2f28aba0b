import type { Next, Request, RequestHandler, Response } from 'restify';
import { sendError } from './errorResponse';

// The request log line (index.ts) reports a failed request's error; responses carry no details.
const failures = new WeakMap<Response, unknown>();

/** The error a route failed with, for the request log. */
export function failureOf(res: Response): unknown {
  return failures.get(res);
}

/** Adapts an async handler to restify: a thrown error becomes the mapped JSON error response. */
export function asyncRoute(handler: (req: Request, res: Response) => Promise<void>): RequestHandler {
  return (req: Request, res: Response, next: Next) => {
    handler(req, res).then(
      () => next(false),
      (error: unknown) => {
        sendError(res, error);
        failures.set(res, error);
        next(false);
      },
    );
  };
}

/** Sends a JSON body with the given status. */
export function sendJson(res: Response, status: number, body: unknown): void {
  res.status(status);
  res.header('Content-Type', 'application/json; charset=utf-8');
  res.end(JSON.stringify(body));
}
