// Typed errors. Each carries a stable machine-readable code; http/errorResponse.ts is
// the one place that maps them to HTTP status codes.

/** Base class for every error Luotsi raises on purpose. */
export abstract class LuotsiError extends Error {
  abstract readonly code: string;
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
  }
}

/** The environment holds an invalid or missing setting. */
export class ConfigError extends LuotsiError {
  readonly code = 'ConfigError';
  constructor(
    readonly variable: string,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(`${variable}: ${message}`, options);
  }
}

/** A request body or parameter is malformed. */
export class BadRequestError extends LuotsiError {
  readonly code: string;
  constructor(message: string, code = 'BadArgument', options?: { cause?: unknown }) {
    super(message, options);
    this.code = code;
  }
}

/** A request body is larger than the configured limit. */
export class PayloadTooLargeError extends LuotsiError {
  readonly code = 'PayloadTooLarge';
}

/** No credentials, or credentials that cannot be parsed or verified. */
export class UnauthorizedError extends LuotsiError {
  readonly code = 'Unauthorized';
}

/** Valid credentials that do not grant this request (expired, or for another conversation). */
export class ForbiddenError extends LuotsiError {
  readonly code: string;
  constructor(message: string, code = 'Forbidden', options?: { cause?: unknown }) {
    super(message, options);
    this.code = code;
  }
}

/** The addressed resource does not exist. */
export class NotFoundError extends LuotsiError {
  readonly code = 'NotFound';
}

/** The caller sends too fast; `retryAfterSeconds` goes into Retry-After. */
export class RateLimitedError extends LuotsiError {
  readonly code = 'TooManyRequests';
  constructor(
    readonly retryAfterSeconds: number,
    options?: { cause?: unknown },
  ) {
    super('Too many requests', options);
  }
}

/** A feature the route exists for but does not serve yet. */
export class NotImplementedError extends LuotsiError {
  readonly code = 'NotSupported';
}

/** A write lost an optimistic-concurrency race (stale eTag). */
export class StorageConflictError extends LuotsiError {
  readonly code = 'Conflict';
}

/** The database could not be reached or answered with an error. */
export class StorageUnavailableError extends LuotsiError {
  readonly code = 'ServiceUnavailable';
}

/** The bot did not finish a turn in time. */
export class BotTimeoutError extends LuotsiError {
  readonly code = 'BotTimeout';
}

/** Why a photo was refused; stable codes the dialog turns into a localized message. */
export type MediaRefusalReason = 'unsupported_type' | 'too_large' | 'too_many_pixels' | 'too_many_files' | 'unreadable';

/** A photo the service will not take; `reason` says why, and nothing about it is stored. */
export class MediaRefusedError extends LuotsiError {
  readonly code = 'MediaRefused';
  constructor(
    readonly reason: MediaRefusalReason,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/**
 * A state change lost to another one: a case already claimed, closed or moved by someone else.
 * A StorageConflictError, so http/errorResponse.ts answers 409 without a change there.
 */
export class ConflictError extends StorageConflictError {}
