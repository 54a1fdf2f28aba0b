import type { Response } from 'restify';
import {
  BadRequestError,
  BotTimeoutError,
  ForbiddenError,
  LuotsiError,
  MediaRefusedError,
  NotFoundError,
  NotImplementedError,
  PayloadTooLargeError,
  RateLimitedError,
  StorageConflictError,
  StorageUnavailableError,
  UnauthorizedError,
} from '../errors';
import { isStorageUnavailable } from '../storage/unavailable';

/** HTTP status for an error; the one place where error classes meet HTTP. */
export function statusOf(error: unknown): number {
  if (error instanceof BadRequestError) return 400;
  if (error instanceof UnauthorizedError) return 401;
  if (error instanceof ForbiddenError) return 403;
  if (error instanceof NotFoundError) return 404;
  if (error instanceof MediaRefusedError) return mediaRefusalStatus(error);
  if (error instanceof StorageConflictError) return 409;
  if (error instanceof PayloadTooLargeError) return 413;
  if (error instanceof RateLimitedError) return 429;
  if (error instanceof NotImplementedError) return 501;
  if (error instanceof BotTimeoutError) return 502;
  if (error instanceof StorageUnavailableError || isStorageUnavailable(error)) return 503;
  return 500;
}

// A file too big is 413 and a file of the wrong kind 415; the rest are well-formed but unusable.
function mediaRefusalStatus(error: MediaRefusedError): number {
  if (error.reason === 'too_large') return 413;
  if (error.reason === 'unsupported_type') return 415;
  return 422;
}

/** Writes the Direct Line style error body `{ error: { code, message } }` with the mapped status. */
export function sendError(res: Response, error: unknown): number {
  const status = statusOf(error);
  const code = error instanceof LuotsiError ? error.code : 'ServiceError';
  // Internal errors keep their details in the log; the client gets a generic message.
  const message = error instanceof LuotsiError && status < 500 ? error.message : status === 503 ? 'Service temporarily unavailable' : 'Internal error';
  if (error instanceof RateLimitedError) res.header('Retry-After', String(error.retryAfterSeconds));
  if (status === 503) res.header('Retry-After', '5');
  if (!res.headersSent) {
    res.status(status);
    res.header('Content-Type', 'application/json; charset=utf-8');
    res.end(JSON.stringify({ error: { code, message } }));
  }
  return status;
}
