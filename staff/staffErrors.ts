// Staff account errors extend the shared typed errors, so http/errorResponse.ts maps them
// (400 / 401 / 403) without knowing about them.
import { BadRequestError, ForbiddenError, UnauthorizedError } from '../errors';

/** Why a password was refused. */
export type WeakPasswordReason = 'too_short' | 'too_long' | 'single_character' | 'contains_username';

/** A new password does not meet the policy; the message says how to fix it. */
export class WeakPasswordError extends BadRequestError {
  constructor(
    readonly reason: WeakPasswordReason,
    message: string,
  ) {
    super(message, 'WeakPassword');
  }
}

/** Which part of a new or changed account is invalid. */
export type StaffAccountField = 'username' | 'displayName' | 'role' | 'queues';

/** A username, display name, role or queue list is invalid. */
export class InvalidStaffAccountError extends BadRequestError {
  constructor(
    readonly field: StaffAccountField,
    message: string,
  ) {
    super(message, 'InvalidStaffAccount');
  }
}

/** An account with this username already exists. */
export class DuplicateUsernameError extends BadRequestError {
  constructor(message = 'username is already taken') {
    super(message, 'DuplicateUsername');
  }
}

/** No staff account with that username (for administrative commands, never for login). */
export class UnknownStaffError extends BadRequestError {
  constructor(message = 'no staff account with that username') {
    super(message, 'UnknownStaff');
  }
}

/** Why a login failed; for the server's own log only: the client always sees the same answer. */
export type LoginFailureReason = 'invalid_credentials' | 'locked' | 'disabled';

/** A login was refused. The message and code never say why, so usernames cannot be probed. */
export class LoginFailedError extends UnauthorizedError {
  constructor(readonly reason: LoginFailureReason) {
    super('invalid username or password');
  }
}

/** A state-changing staff request without the session's CSRF token or from another origin. */
export class CsrfRejectedError extends ForbiddenError {
  constructor(message = 'missing or invalid CSRF token') {
    super(message, 'CsrfRejected');
  }
}

/** The staff member does not belong to the queue the request is about. */
export class QueueAccessDeniedError extends ForbiddenError {
  constructor(message = 'no access to this queue') {
    super(message, 'QueueAccessDenied');
  }
}
