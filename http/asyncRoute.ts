import type { Next, Request, RequestHandler, Response } from 'restify';
import { sendError } from './errorResponse';

/** Adapts an async handler to restify: a thrown error becomes the mapped JSON error response. */
export function asyncRoute(handler: (req: Request, res: Response) => Promise<void>): RequestHandler {
  return (req: Request, res: Response, next: Next) => {
    handler(req, res).then(
      () => next(false),
      (error: unknown) => {
        const status = sendError(res, error);
        if (status >= 500 && status !== 501) req.log?.error?.({ err: error }, 'request failed');
        (res as Response & { luotsiError?: unknown }).luotsiError = error;
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
