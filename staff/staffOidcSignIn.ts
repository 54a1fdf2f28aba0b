// Staff sign-in with the county's OpenID Connect provider (e.g. Microsoft Entra ID), over the same
// relying party as citizen identification. The account is matched by a claim and created or
// brought up to date (role, queues) from the groups at each sign-in; a person without an allowed
// group gets no account and no session. The session is the same as after a password login.
import { OidcRelyingParty, type PendingSignIn, type RelyingPartySettings } from '../identity/oidc/relyingParty';
import { OidcSignInError, type OidcFailureReason } from '../identity/oidc/oidcErrors';
import { newStaffId } from './accounts';
import type { StaffAuthenticator, StaffLogin } from './authentication';
import { hashPassword, type ScryptParams } from './passwords';
import { newRandomToken } from './sessionTokens';
import { accessFromClaims, type AccessRefusal, type StaffClaimMapping } from './staffOidcAccess';
import { LoginFailedError } from './staffErrors';
import type { StaffAccount, StaffStore } from './staffStore';

/** Path the provider sends the browser back to (register <base>/staff/oidc/callback). */
export const STAFF_OIDC_CALLBACK_PATH = '/staff/oidc/callback';

/** Why a staff sign-in gave no session. */
export type StaffSignInFailure = OidcFailureReason | AccessRefusal | 'disabled';

/** The outcome of a callback: a session, or why not (and the account, when one was matched). */
export type StaffSignInOutcome = { ok: true; login: StaffLogin; created: boolean } | { ok: false; reason: StaffSignInFailure; staffId?: string };

/** Everything staff sign-in needs from configuration. */
export interface StaffOidcOptions {
  relyingParty: Omit<RelyingPartySettings, 'redirectUri'> & { redirectBaseUrl: string };
  mapping: StaffClaimMapping;
  scryptParams?: ScryptParams;
}

/** Starts and finishes staff sign-ins; the pending secrets travel in the caller's cookie. */
export class StaffOidcSignIn {
  private readonly rp: OidcRelyingParty;

  constructor(
    private readonly store: StaffStore,
    private readonly authenticator: StaffAuthenticator,
    private readonly options: StaffOidcOptions,
  ) {
    const { redirectBaseUrl, ...settings } = options.relyingParty;
    this.rp = new OidcRelyingParty({ ...settings, redirectUri: `${redirectBaseUrl.replace(/\/+$/, '')}${STAFF_OIDC_CALLBACK_PATH}` });
  }

  /** The provider URL to send the browser to, and the secrets to keep (in an HttpOnly cookie) until the callback. */
  async start(): Promise<{ url: URL; pending: PendingSignIn }> {
    return this.rp.start();
  }

  /** Verifies the callback and opens a session; never throws for a refused sign-in. */
  async finish(callbackUrl: URL, pending: PendingSignIn | undefined, now: Date): Promise<StaffSignInOutcome> {
    if (pending === undefined) return { ok: false, reason: 'state' };
    let claims: Record<string, unknown>;
    try {
      claims = (await this.rp.finish(callbackUrl, pending)).claims;
    } catch (error) {
      if (error instanceof OidcSignInError) return { ok: false, reason: error.reason };
      throw error;
    }
    const access = accessFromClaims(claims, this.options.mapping);
    if (typeof access === 'string') return { ok: false, reason: access };
    const found = await this.store.findCredentials(access.username);
    let account: StaffAccount;
    if (found === undefined) {
      // Nobody knows this password: the account signs in through the provider only.
      const passwordHash = await hashPassword(newRandomToken(), this.options.scryptParams);
      account = await this.store.createAccount(
        { id: newStaffId(), username: access.username, displayName: access.displayName, role: access.role, queues: access.queues, passwordHash },
        now,
      );
    } else {
      if (found.disabled) return { ok: false, reason: 'disabled', staffId: found.id };
      if (found.role !== access.role) await this.store.setRole(found.id, access.role, now);
      if (!sameSet(found.queues, access.queues)) await this.store.setQueues(found.id, access.queues, now);
      account = { ...found, role: access.role, queues: access.queues };
    }
    try {
      return { ok: true, login: await this.authenticator.openSession(account, now), created: found === undefined };
    } catch (error) {
      if (error instanceof LoginFailedError) return { ok: false, reason: 'disabled', staffId: account.id };
      throw error;
    }
  }
}

function sameSet(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((x) => b.includes(x));
}
