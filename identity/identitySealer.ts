import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { LuotsiError } from '../errors';

/** A sealed value could not be opened: another key, or the stored text was changed. */
export class IdentityUnsealError extends LuotsiError {
  readonly code = 'IdentityUnsealFailed';
}

const VERSION = 'v1';
const IV_BYTES = 12;
const TAG_BYTES = 16;

/**
 * AES-256-GCM for the verified identity at rest: `v1.<iv>.<tag>.<ciphertext>` (base64url). The
 * additional data binds a sealed value to what it belongs to (a case id, a conversation), so a
 * value copied onto another row does not open.
 */
export class IdentitySealer {
  constructor(private readonly key: Buffer) {
    if (key.length !== 32) throw new RangeError('the identity key must be 32 bytes');
  }

  /** Encrypts `plain` for `context`. */
  seal(plain: string, context: string): string {
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv, { authTagLength: TAG_BYTES });
    cipher.setAAD(Buffer.from(context, 'utf8'));
    const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
    return [VERSION, iv.toString('base64url'), cipher.getAuthTag().toString('base64url'), body.toString('base64url')].join('.');
  }

  /** Decrypts a value sealed for `context`; throws IdentityUnsealError. */
  open(sealed: string, context: string): string {
    const [version, iv, tag, body, extra] = sealed.split('.');
    if (version !== VERSION || iv === undefined || tag === undefined || body === undefined || extra !== undefined) {
      throw new IdentityUnsealError('not a sealed identity');
    }
    try {
      const decipher = createDecipheriv('aes-256-gcm', this.key, Buffer.from(iv, 'base64url'), { authTagLength: TAG_BYTES });
      decipher.setAAD(Buffer.from(context, 'utf8'));
      decipher.setAuthTag(Buffer.from(tag, 'base64url'));
      return Buffer.concat([decipher.update(Buffer.from(body, 'base64url')), decipher.final()]).toString('utf8');
    } catch (cause) {
      throw new IdentityUnsealError('the sealed identity does not open with this key', { cause });
    }
  }
}

/** File in the data directory holding the generated development key. */
export const GENERATED_IDENTITY_KEY_FILE = 'identity-key';

/**
 * The identity key: from the environment when set (config.ts requires it in production);
 * otherwise generated once into the data directory.
 */
export function resolveIdentityKey(configured: Buffer | undefined, dataDir: string): Buffer {
  if (configured) return configured;
  const file = path.join(dataDir, GENERATED_IDENTITY_KEY_FILE);
  const read = () => Buffer.from(fs.readFileSync(file, 'utf8').trim(), 'base64url');
  if (fs.existsSync(file)) return read();
  fs.mkdirSync(dataDir, { recursive: true });
  const key = randomBytes(32);
  try {
    fs.writeFileSync(file, `${key.toString('base64url')}\n`, { mode: 0o600, flag: 'wx' });
    return key;
  } catch (error) {
    // Another process created it first: use theirs so both open the same values.
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return read();
    throw error;
  }
}
