// Password hashing with scrypt from node:crypto. The stored string carries its parameters
// (PHC style: $scrypt$ln=15,r=8,p=1$<salt>$<hash>), so they can be raised later and old
// hashes still verify.
import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';
import { WeakPasswordError } from './staffErrors';

/** scrypt cost parameters: N = 2^logN, block size r, parallelism p. */
export interface ScryptParams {
  logN: number;
  r: number;
  p: number;
}

/** Defaults: N=2^15, r=8, p=1 (32 MiB per hash), the OWASP minimum for scrypt. */
export const DEFAULT_SCRYPT_PARAMS: ScryptParams = { logN: 15, r: 8, p: 1 };

const SALT_BYTES = 16;
const KEY_BYTES = 32;
// Bounds for parameters read back from the database: a tampered row must not make
// verification take minutes or gigabytes.
const LIMITS = { logN: [10, 20], r: [1, 32], p: [1, 16] } as const;
const ENCODED_PATTERN = /^\$scrypt\$ln=(\d{1,2}),r=(\d{1,2}),p=(\d{1,2})\$([A-Za-z0-9+/]+={0,2})\$([A-Za-z0-9+/]+={0,2})$/;

/** Shortest password accepted, in characters. */
export const MIN_PASSWORD_LENGTH = 12;
/** Longest password accepted; hashing is cheap in length but a bound keeps requests sane. */
export const MAX_PASSWORD_LENGTH = 256;

function deriveKey(password: string, salt: Buffer, params: ScryptParams, keyLength: number): Promise<Buffer> {
  const N = 2 ** params.logN;
  // scrypt needs 128 * N * r bytes; the default 32 MiB cap is exactly the default cost, so allow headroom.
  const options: ScryptOptions = { N, r: params.r, p: params.p, maxmem: 128 * N * params.r * 2 };
  return new Promise((resolve, reject) => {
    scrypt(password.normalize('NFC'), salt, keyLength, options, (error, key) => (error ? reject(error) : resolve(key)));
  });
}

function assertParams(params: ScryptParams): void {
  for (const name of ['logN', 'r', 'p'] as const) {
    const [min, max] = LIMITS[name];
    const value = params[name];
    if (!Number.isInteger(value) || value < min || value > max) throw new RangeError(`scrypt ${name} must be ${min}..${max}`);
  }
}

/** Hashes a password with a fresh random salt into a self-describing string. */
export async function hashPassword(password: string, params: ScryptParams = DEFAULT_SCRYPT_PARAMS): Promise<string> {
  assertParams(params);
  const salt = randomBytes(SALT_BYTES);
  const key = await deriveKey(password, salt, params, KEY_BYTES);
  return `$scrypt$ln=${params.logN},r=${params.r},p=${params.p}$${salt.toString('base64')}$${key.toString('base64')}`;
}

/** The parameters and parts of an encoded hash, or undefined when it is not one. */
export function parsePasswordHash(encoded: string): { params: ScryptParams; salt: Buffer; key: Buffer } | undefined {
  const match = ENCODED_PATTERN.exec(encoded);
  if (!match) return undefined;
  const params = { logN: Number(match[1]), r: Number(match[2]), p: Number(match[3]) };
  try {
    assertParams(params);
  } catch {
    return undefined;
  }
  const salt = Buffer.from(match[4] ?? '', 'base64');
  const key = Buffer.from(match[5] ?? '', 'base64');
  if (salt.length < 8 || key.length < 16 || key.length > 64) return undefined;
  return { params, salt, key };
}

/** Whether `password` matches the encoded hash; compares in constant time; false for a malformed hash. */
export async function verifyPassword(password: string, encoded: string): Promise<boolean> {
  const parsed = parsePasswordHash(encoded);
  if (!parsed) return false;
  const key = await deriveKey(password, parsed.salt, parsed.params, parsed.key.length);
  return timingSafeEqual(key, parsed.key);
}

/** Whether a hash was made with weaker parameters than `current` and should be redone at next login. */
export function needsRehash(encoded: string, current: ScryptParams = DEFAULT_SCRYPT_PARAMS): boolean {
  const parsed = parsePasswordHash(encoded);
  if (!parsed) return true;
  return parsed.params.logN < current.logN || parsed.params.r < current.r || parsed.params.p < current.p;
}

/** Throws WeakPasswordError unless the password meets the policy (length 12–256, not one repeated character, not the username). */
export function assertPasswordPolicy(password: string, username?: string): void {
  const characters = [...password.normalize('NFC')];
  if (characters.length < MIN_PASSWORD_LENGTH) {
    throw new WeakPasswordError('too_short', `password must be at least ${MIN_PASSWORD_LENGTH} characters`);
  }
  if (characters.length > MAX_PASSWORD_LENGTH) {
    throw new WeakPasswordError('too_long', `password must be at most ${MAX_PASSWORD_LENGTH} characters`);
  }
  if (new Set(characters).size === 1) {
    throw new WeakPasswordError('single_character', 'password must not be one character repeated');
  }
  if (username !== undefined && username.length >= 3 && password.toLowerCase().includes(username.toLowerCase())) {
    throw new WeakPasswordError('contains_username', 'password must not contain the username');
  }
}
