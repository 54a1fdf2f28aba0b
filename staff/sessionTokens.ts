// Session ids and CSRF tokens. A session id lives only in the staff member's cookie; the
// database keeps its SHA-256, so a leaked database (or backup) holds no usable session.
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

const TOKEN_BYTES = 32;
/** 32 random bytes in base64url: exactly 43 characters. */
const TOKEN_PATTERN = /^[A-Za-z0-9_-]{43}$/;

/** A fresh 256-bit random token in base64url (session ids and CSRF tokens). */
export function newRandomToken(): string {
  return randomBytes(TOKEN_BYTES).toString('base64url');
}

/** Whether a string has the shape of a token from newRandomToken. */
export function isWellFormedToken(value: string): boolean {
  return TOKEN_PATTERN.test(value);
}

/** The stored form of a session id: SHA-256, hex. */
export function hashSessionId(sessionId: string): string {
  return createHash('sha256').update(sessionId, 'utf8').digest('hex');
}

/** Compares two tokens in constant time (for equal lengths; a length mismatch is simply false). */
export function tokensEqual(a: string, b: string): boolean {
  const left = Buffer.from(a, 'utf8');
  const right = Buffer.from(b, 'utf8');
  return left.length === right.length && timingSafeEqual(left, right);
}
