import { createHmac, timingSafeEqual } from 'node:crypto';
import { ForbiddenError, UnauthorizedError } from '../errors';

/** What a web channel token grants: one conversation, as one user, until `exp`. */
export interface ChannelTokenClaims {
  /** conversation id */
  cid: string;
  /** user id the channel stamps on the client's activities */
  uid: string;
  /** 'conversation' for REST calls, 'stream' for a one-off WebSocket URL, 'photo' for image links in activities */
  kind: 'conversation' | 'stream' | 'photo';
  /** issued at, seconds since epoch */
  iat: number;
  /** expires at, seconds since epoch */
  exp: number;
  /** single-use nonce of a stream token */
  jti?: string;
}

function base64url(data: Buffer | string): string {
  return Buffer.from(data).toString('base64url');
}

/** Signs and verifies channel tokens: base64url(JSON claims) + '.' + base64url(HMAC-SHA256). */
export class TokenSigner {
  private readonly key: Buffer;

  constructor(secret: string) {
    this.key = Buffer.from(secret, 'utf8');
  }

  /** Issues a token for the claims with a lifetime of `ttlSeconds` from `now`. */
  issue(claims: Pick<ChannelTokenClaims, 'cid' | 'uid' | 'kind' | 'jti'>, ttlSeconds: number, now: Date): string {
    const iat = Math.floor(now.getTime() / 1000);
    const payload = base64url(JSON.stringify({ ...claims, iat, exp: iat + ttlSeconds }));
    return `${payload}.${this.mac(payload)}`;
  }

  /** Verifies signature and expiry; throws UnauthorizedError (bad token) or ForbiddenError (expired). */
  verify(token: string, kind: ChannelTokenClaims['kind'], now: Date): ChannelTokenClaims {
    const parts = token.split('.');
    if (parts.length !== 2 || parts[0] === '' || parts[1] === '') throw new UnauthorizedError('malformed token');
    const [payload, signature] = parts as [string, string];
    const expected = Buffer.from(this.mac(payload), 'utf8');
    const given = Buffer.from(signature, 'utf8');
    if (expected.length !== given.length || !timingSafeEqual(expected, given)) {
      throw new UnauthorizedError('token signature does not verify');
    }
    let claims: ChannelTokenClaims;
    try {
      claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as ChannelTokenClaims;
    } catch (cause) {
      throw new UnauthorizedError('token payload is not JSON', { cause });
    }
    if (typeof claims !== 'object' || claims === null || typeof claims.cid !== 'string' || typeof claims.uid !== 'string' || typeof claims.exp !== 'number') {
      throw new UnauthorizedError('token payload is incomplete');
    }
    if (claims.kind !== kind) throw new UnauthorizedError('token is of the wrong kind');
    if (claims.exp * 1000 <= now.getTime()) throw new ForbiddenError('token expired', 'TokenExpired');
    return claims;
  }

  private mac(payload: string): string {
    return createHmac('sha256', this.key).update(payload).digest('base64url');
  }
}

/** Reads `Authorization: Bearer <token>`; throws UnauthorizedError when absent. */
export function bearerToken(header: string | undefined): string {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header ?? '');
  if (!match?.[1]) throw new UnauthorizedError('missing bearer token');
  return match[1];
}

/** Throws ForbiddenError unless the token was issued for this conversation. */
export function assertConversation(claims: ChannelTokenClaims, conversationId: string): void {
  if (claims.cid !== conversationId) throw new ForbiddenError('token is for another conversation', 'TokenConversationMismatch');
}
