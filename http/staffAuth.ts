// HTTP side of staff authentication: the session cookie, CSRF and origin checks, and the
// guards staff routes call inside asyncRoute handlers.
import type { IncomingMessage } from 'node:http';
import { UnauthorizedError } from '../errors';
import { normalizeUsername } from '../staff/accounts';
import type { AuthenticatedStaff, StaffAuthenticator, StaffIdentity } from '../staff/authentication';
import { tokensEqual } from '../staff/sessionTokens';
import { CsrfRejectedError, QueueAccessDeniedError } from '../staff/staffErrors';
import { requestBaseUrl } from './baseUrl';
import { clientIp, trustedHops } from './clientIp';
import type { RateLimiter } from './rateLimit';

/** Name of the staff session cookie. */
export const STAFF_SESSION_COOKIE = 'luotsi_staff';
/** Path the cookie is sent for: the console and its API, nothing of the citizen side. */
export const STAFF_COOKIE_PATH = '/staff';
/** Request header that must carry the session's CSRF token on state-changing requests. */
export const CSRF_HEADER = 'x-csrf-token';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** How the staff routes see the deployment. */
export interface StaffHttpOptions {
  /** PUBLIC_URL when configured: the one origin the console is served from. */
  publicUrl: string | undefined;
  trustProxy: boolean;
  /** Proxies that each append an X-Forwarded-For entry (TRUST_PROXY_HOPS); 1 when unset. */
  proxyHops?: number;
  /** Always mark the cookie Secure (set behind a TLS-terminating proxy). */
  secureCookies: boolean;
}

/** Whether the request reached us over https (directly, or via a trusted proxy's X-Forwarded-Proto). */
export function isHttpsRequest(req: IncomingMessage, trustProxy: boolean): boolean {
  if ((req.socket as { encrypted?: boolean }).encrypted === true) return true;
  if (!trustProxy) return false;
  return (
    String(req.headers['x-forwarded-proto'] ?? '')
      .split(',')[0]
      ?.trim() === 'https'
  );
}

function secureFor(req: IncomingMessage, options: StaffHttpOptions): boolean {
  return options.secureCookies || isHttpsRequest(req, options.trustProxy);
}

/** The Set-Cookie value for a new session: HttpOnly, SameSite=Strict, Path=/staff, Secure on https. */
export function sessionCookie(sessionId: string, expiresAt: Date, now: Date, secure: boolean): string {
  const maxAge = Math.max(0, Math.floor((expiresAt.getTime() - now.getTime()) / 1000));
  return [
    `${STAFF_SESSION_COOKIE}=${sessionId}`,
    'HttpOnly',
    'SameSite=Strict',
    `Path=${STAFF_COOKIE_PATH}`,
    `Max-Age=${maxAge}`,
    ...(secure ? ['Secure'] : []),
  ].join('; ');
}

/** The Set-Cookie value that removes the session cookie (logout, ended session). */
export function clearedSessionCookie(secure: boolean): string {
  return [`${STAFF_SESSION_COOKIE}=`, 'HttpOnly', 'SameSite=Strict', `Path=${STAFF_COOKIE_PATH}`, 'Max-Age=0', ...(secure ? ['Secure'] : [])].join('; ');
}

/** Sets the session cookie on a response, Secure when the request was https or `secureCookies` says so. */
export function setSessionCookie(
  res: { header(name: string, value: string): unknown },
  req: IncomingMessage,
  options: StaffHttpOptions,
  login: { sessionId: string; expiresAt: Date },
  now: Date,
): void {
  res.header('Set-Cookie', sessionCookie(login.sessionId, login.expiresAt, now, secureFor(req, options)));
}

/** Removes the session cookie on a response. */
export function clearSessionCookie(res: { header(name: string, value: string): unknown }, req: IncomingMessage, options: StaffHttpOptions): void {
  res.header('Set-Cookie', clearedSessionCookie(secureFor(req, options)));
}

/** The staff session id from the request's Cookie header, or undefined. */
export function readSessionCookie(req: IncomingMessage): string | undefined {
  const header = req.headers.cookie;
  if (header === undefined) return undefined;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq < 0) continue;
    if (part.slice(0, eq).trim() === STAFF_SESSION_COOKIE) {
      const value = part.slice(eq + 1).trim();
      return value === '' ? undefined : value;
    }
  }
  return undefined;
}

function headerValue(req: IncomingMessage, name: string): string | undefined {
  const raw = req.headers[name];
  return Array.isArray(raw) ? raw[0] : raw;
}

/** Whether a method changes state and so needs the CSRF checks. */
export function isStateChanging(method: string | undefined): boolean {
  return !SAFE_METHODS.has((method ?? 'GET').toUpperCase());
}

/**
 * Throws CsrfRejectedError (403) unless X-CSRF-Token equals the session's token and the
 * Origin (or else Referer), when the browser sends one, is our own origin.
 */
export function assertCsrf(req: IncomingMessage, csrfToken: string, options: StaffHttpOptions): void {
  const sent = headerValue(req, CSRF_HEADER);
  if (sent === undefined || !tokensEqual(sent, csrfToken)) throw new CsrfRejectedError();
  assertSameOrigin(req, options);
}

/**
 * Throws CsrfRejectedError unless the Origin (or else Referer), when sent, is our own origin.
 * The login route calls this on its own: it has no session token yet, and a forged login
 * would sign the victim into the attacker's account.
 */
export function assertSameOrigin(req: IncomingMessage, options: StaffHttpOptions): void {
  const expected = requestBaseUrl(req, options.publicUrl, options.trustProxy, '');
  const origin = headerValue(req, 'origin');
  if (origin !== undefined) {
    // "null" (sandboxed frames, some redirects) is never our origin.
    if (origin !== expected) throw new CsrfRejectedError('request from another origin');
    return;
  }
  const referer = headerValue(req, 'referer');
  if (referer !== undefined && originOf(referer) !== expected) throw new CsrfRejectedError('request from another origin');
}

function originOf(url: string): string | undefined {
  try {
    return new URL(url).origin;
  } catch {
    return undefined;
  }
}

/**
 * The staff member behind a request, for use inside asyncRoute handlers: 401 without a live
 * session, 403 when a state-changing request fails the CSRF checks.
 */
export async function requireStaff(req: IncomingMessage, authenticator: StaffAuthenticator, options: StaffHttpOptions, now: Date): Promise<AuthenticatedStaff> {
  const sessionId = readSessionCookie(req);
  if (sessionId === undefined) throw new UnauthorizedError('staff login required');
  const staff = await authenticator.authenticate(sessionId, now);
  if (isStateChanging(req.method)) assertCsrf(req, staff.csrfToken, options);
  return staff;
}

/** Throws QueueAccessDeniedError (403) unless the staff member belongs to the queue. */
export function assertQueueAccess(identity: StaffIdentity, queueId: string): void {
  if (!identity.queues.includes(queueId)) throw new QueueAccessDeniedError();
}

/** The client IP of a staff request, as the trusted proxies (if any) saw it. */
export function staffClientIp(req: IncomingMessage, options: Pick<StaffHttpOptions, 'trustProxy' | 'proxyHops'>): string {
  return clientIp(req, trustedHops(options));
}

/** Takes one login attempt from the client IP's budget; throws RateLimitedError (429) when spent. */
export function takeLoginAttempt(limiter: RateLimiter, req: IncomingMessage, options: Pick<StaffHttpOptions, 'trustProxy' | 'proxyHops'>): void {
  limiter.take(`staff-login:${staffClientIp(req, options)}`);
}

/**
 * Takes one login attempt from the username's own budget, whatever address it comes from, so
 * guesses spread over many addresses (password spraying, a botnet) are throttled too.
 */
export function takeUsernameAttempt(limiter: RateLimiter, username: string): void {
  limiter.take(`staff-login-user:${normalizeUsername(username)}`);
}
