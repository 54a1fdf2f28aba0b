import { LuotsiError } from '../../errors';

/**
 * Why an OpenID Connect sign-in did not give an identity. `cancelled`: the person stopped at the
 * provider (access_denied); `state`: the answer belongs to no sign-in this service started (or
 * one already used); `rejected`: the provider's answer failed a check (code, id_token signature,
 * issuer, audience, nonce, expiry); `claims`: a required claim is missing; `unavailable`: the
 * provider could not be reached.
 */
export type OidcFailureReason = 'cancelled' | 'state' | 'rejected' | 'claims' | 'unavailable';

/** An OpenID Connect sign-in that failed; `reason` says how, the cause has the library's detail. */
export class OidcSignInError extends LuotsiError {
  readonly code = 'OidcSignInFailed';
  constructor(
    readonly reason: OidcFailureReason,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}
