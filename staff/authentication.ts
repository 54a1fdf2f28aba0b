// Staff login, logout and per-request authentication.
//
// Unknown usernames, wrong passwords, locked and disabled accounts all give the same
// LoginFailedError after one scrypt run (a dummy hash stands in for a missing account), so
// neither the answer nor its timing tells whether a username exists.
import { UnauthorizedError } from '../errors';
import { normalizeUsername } from './accounts';
import { AddressLockout } from './addressLockout';
import { DEFAULT_SCRYPT_PARAMS, hashPassword, verifyPassword, type ScryptParams } from './passwords';
import type { StaffRole } from './roles';
import { hashSessionId, isWellFormedToken, newRandomToken } from './sessionTokens';
import { LoginFailedError } from './staffErrors';
import type { StaffAccount, StaffStore } from './staffStore';

/** Who a staff request comes from. */
export interface StaffIdentity {
  staffId: string;
  displayName: string;
  role: StaffRole;
  queues: string[];
}

/** An authenticated request: the identity and what the HTTP layer checks against. */
export interface AuthenticatedStaff {
  identity: StaffIdentity;
  /** The session's CSRF token; state-changing requests must echo it in X-CSRF-Token. */
  csrfToken: string;
  /** When the session ends if the member stays active (absolute limit). */
  expiresAt: Date;
}

/** A successful login: the session id goes into the cookie and nowhere else. */
export interface StaffLogin extends AuthenticatedStaff {
  sessionId: string;
}

/** Lockout and session lifetimes. */
export interface AuthenticationSettings {
  /** Consecutive failed logins from one address that lock the username for that address. */
  maxFailedLogins: number;
  lockoutMinutes: number;
  /**
   * Consecutive failed logins from all addresses together that lock the account everywhere: the
   * backstop against guessing spread over many addresses. Higher than `maxFailedLogins`, so one
   * address alone cannot lock a colleague out.
   */
  accountLockFailures: number;
  /** A session unused this long ends (sliding). */
  sessionIdleMinutes: number;
  /** A session ends this long after login however active it is. */
  sessionAbsoluteHours: number;
  /** A member counts as online when their session was used this recently. */
  presenceMinutes: number;
}

/** Defaults: 5 failures lock for 15 minutes; sessions end after 30 idle minutes or 12 hours. */
export const DEFAULT_AUTHENTICATION_SETTINGS: AuthenticationSettings = {
  maxFailedLogins: 5,
  lockoutMinutes: 15,
  accountLockFailures: 30,
  sessionIdleMinutes: 30,
  sessionAbsoluteHours: 12,
  presenceMinutes: 5,
};

const MINUTE_MS = 60_000;
const HOUR_MS = 60 * MINUTE_MS;
// Longer inputs are refused before hashing: scrypt over megabytes would be a cheap DoS.
const MAX_LOGIN_FIELD = 256;

/** The identity of an account. */
export function identityOf(account: StaffAccount): StaffIdentity {
  return { staffId: account.id, displayName: account.displayName, role: account.role, queues: [...account.queues] };
}

/** Logs staff in and out and turns a session cookie into an identity. */
export class StaffAuthenticator {
  private dummyHash: Promise<string> | undefined;
  private readonly addressLockout: AddressLockout;

  constructor(
    private readonly store: StaffStore,
    private readonly settings: AuthenticationSettings = DEFAULT_AUTHENTICATION_SETTINGS,
    private readonly scryptParams: ScryptParams = DEFAULT_SCRYPT_PARAMS,
  ) {
    this.addressLockout = new AddressLockout(settings.maxFailedLogins, settings.lockoutMinutes * MINUTE_MS);
  }

  /**
   * Checks the password and opens a session; throws LoginFailedError (401) on any failure.
   * `from` is the client address: failures lock the username for that address (see AddressLockout).
   */
  async login(username: string, password: string, now: Date, from = 'unknown'): Promise<StaffLogin> {
    // No account name holds control characters (PostgreSQL cannot even store NUL): such a name
    // fails like any unknown one, without a lookup.
    // eslint-disable-next-line no-control-regex
    if (username.length > MAX_LOGIN_FIELD || password.length > MAX_LOGIN_FIELD || /[\u0000-\u001f\u007f]/.test(username)) {
      await this.burnOneHash(password.slice(0, MAX_LOGIN_FIELD));
      throw new LoginFailedError('invalid_credentials');
    }
    const name = normalizeUsername(username);
    const account = await this.store.findCredentials(name);
    if (!account) {
      await this.burnOneHash(password);
      throw new LoginFailedError('invalid_credentials');
    }
    // The hash runs even for a locked or disabled account, so those answer as slowly as any other.
    const matches = await verifyPassword(password, account.passwordHash);
    if (account.disabled) throw new LoginFailedError('disabled');
    // Attempts during a lockout neither count nor extend it: an attacker cannot keep a colleague locked out for ever by guessing.
    if (this.addressLockout.isLocked(name, from, now)) throw new LoginFailedError('locked');
    if (account.lockedUntil !== undefined && account.lockedUntil.getTime() > now.getTime()) throw new LoginFailedError('locked');
    if (!matches) {
      const lockedUntil = new Date(now.getTime() + this.settings.lockoutMinutes * MINUTE_MS);
      const addressLocked = this.addressLockout.recordFailure(name, from, now);
      const { locked } = await this.store.recordFailedLogin(account.id, this.settings.accountLockFailures, lockedUntil, now);
      throw new LoginFailedError(locked || addressLocked ? 'locked' : 'invalid_credentials');
    }
    this.addressLockout.clear(name, from);
    await this.store.recordSuccessfulLogin(account.id, now);
    return this.openSession(account, now);
  }

  /**
   * Opens a session for an account someone else has authenticated (the county's OpenID Connect
   * provider); throws LoginFailedError('disabled') for a disabled account.
   */
  async openSession(account: StaffAccount, now: Date): Promise<StaffLogin> {
    if (account.disabled) throw new LoginFailedError('disabled');
    const sessionId = newRandomToken();
    const csrfToken = newRandomToken();
    const expiresAt = new Date(now.getTime() + this.settings.sessionAbsoluteHours * HOUR_MS);
    await this.store.createSession({ idHash: hashSessionId(sessionId), staffId: account.id, csrfToken, createdAt: now, lastSeenAt: now, expiresAt });
    return { sessionId, csrfToken, expiresAt, identity: identityOf(account) };
  }

  /** Ends the session the cookie names, if any; idempotent. */
  async logout(sessionId: string | undefined): Promise<void> {
    if (sessionId === undefined || !isWellFormedToken(sessionId)) return;
    await this.store.deleteSession(hashSessionId(sessionId));
  }

  /** The staff member behind a session cookie; throws UnauthorizedError when absent, unknown, expired or disabled. */
  async authenticate(sessionId: string | undefined, now: Date): Promise<AuthenticatedStaff> {
    if (sessionId === undefined || !isWellFormedToken(sessionId)) throw new UnauthorizedError('staff login required');
    const idHash = hashSessionId(sessionId);
    const found = await this.store.findSession(idHash);
    if (!found) throw new UnauthorizedError('staff login required');
    const { session, account } = found;
    const idleLimit = session.lastSeenAt.getTime() + this.settings.sessionIdleMinutes * MINUTE_MS;
    if (account.disabled || now.getTime() >= session.expiresAt.getTime() || now.getTime() >= idleLimit) {
      await this.store.deleteSession(idHash);
      throw new UnauthorizedError('staff session has ended; log in again');
    }
    await this.store.touchSession(idHash, now);
    return { identity: identityOf(account), csrfToken: session.csrfToken, expiresAt: session.expiresAt };
  }

  /** Staff online per queue now (see AuthenticationSettings.presenceMinutes). */
  async onlineCountsByQueue(now: Date): Promise<Record<string, number>> {
    return this.store.onlineCountsByQueue(new Date(now.getTime() - this.settings.presenceMinutes * MINUTE_MS), now);
  }

  /** Deletes ended sessions; for a periodic housekeeping job. */
  async purgeExpiredSessions(now: Date): Promise<number> {
    return this.store.purgeExpiredSessions(new Date(now.getTime() - this.settings.sessionIdleMinutes * MINUTE_MS), now);
  }

  // Same work as a real verification, against a hash of a random password that nothing matches.
  private async burnOneHash(password: string): Promise<void> {
    this.dummyHash ??= hashPassword(newRandomToken(), this.scryptParams);
    await verifyPassword(password, await this.dummyHash);
  }
}
