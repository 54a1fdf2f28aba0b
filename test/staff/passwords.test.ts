import { statusOf } from '../../http/errorResponse';
import { assertPasswordPolicy, DEFAULT_SCRYPT_PARAMS, hashPassword, needsRehash, parsePasswordHash, verifyPassword } from '../../staff/passwords';
import { WeakPasswordError } from '../../staff/staffErrors';

// Cheaper parameters keep the suite quick where the default cost is not the point.
const FAST = { logN: 10, r: 8, p: 1 };

describe('password hashing', () => {
  it('hashes with the default scrypt parameters (N=2^15, r=8, p=1) and a 16-byte salt, encoded with them', async () => {
    const encoded = await hashPassword('korrekt häst batteri');
    expect(encoded).toMatch(/^\$scrypt\$ln=15,r=8,p=1\$[A-Za-z0-9+/=]+\$[A-Za-z0-9+/=]+$/);
    const parsed = parsePasswordHash(encoded);
    expect(parsed?.params).toEqual(DEFAULT_SCRYPT_PARAMS);
    expect(parsed?.salt).toHaveLength(16);
    expect(parsed?.key).toHaveLength(32);
    await expect(verifyPassword('korrekt häst batteri', encoded)).resolves.toBe(true);
    await expect(verifyPassword('korrekt häst batterI', encoded)).resolves.toBe(false);
  });

  it('salts every hash differently', async () => {
    const a = await hashPassword('same password here', FAST);
    const b = await hashPassword('same password here', FAST);
    expect(a).not.toBe(b);
  });

  it('verifies with the parameters stored in the hash, so they can change', async () => {
    const old = await hashPassword('an older password', FAST);
    expect(old.startsWith('$scrypt$ln=10,r=8,p=1$')).toBe(true);
    await expect(verifyPassword('an older password', old)).resolves.toBe(true);
    expect(needsRehash(old)).toBe(true);
    expect(needsRehash(await hashPassword('a current password'))).toBe(false);
  });

  it('treats malformed or out-of-bounds hashes as no match', async () => {
    await expect(verifyPassword('whatever', 'plain text')).resolves.toBe(false);
    await expect(verifyPassword('whatever', '$scrypt$ln=40,r=8,p=1$c2FsdHNhbHRzYWx0$a2V5a2V5a2V5a2V5a2V5a2V5')).resolves.toBe(false);
    expect(parsePasswordHash('$scrypt$ln=40,r=8,p=1$c2FsdHNhbHRzYWx0$a2V5a2V5a2V5a2V5a2V5a2V5')).toBeUndefined();
  });

  it('normalizes Unicode so the same password typed differently still matches', async () => {
    const composed = 'Meikäläinen-2026!';
    const decomposed = composed.normalize('NFD');
    expect(decomposed).not.toBe(composed);
    await expect(verifyPassword(decomposed, await hashPassword(composed, FAST))).resolves.toBe(true);
  });
});

describe('password policy', () => {
  function reasonOf(password: string, username?: string): string | undefined {
    try {
      assertPasswordPolicy(password, username);
      return undefined;
    } catch (error) {
      expect(error).toBeInstanceOf(WeakPasswordError);
      return (error as WeakPasswordError).reason;
    }
  }

  it('accepts 12 characters or more', () => {
    expect(reasonOf('twelve chars')).toBeUndefined();
    expect(reasonOf('ääääääääääöö')).toBeUndefined();
  });

  it('refuses short, overlong, single-character and username passwords with a typed reason', () => {
    expect(reasonOf('eleven char')).toBe('too_short');
    expect(reasonOf('x'.repeat(300) + 'y')).toBe('too_long');
    expect(reasonOf('aaaaaaaaaaaaaaaa')).toBe('single_character');
    expect(reasonOf('maija-salasana-1', 'maija')).toBe('contains_username');
  });

  it('maps to HTTP 400 with the WeakPassword code', () => {
    const error = new WeakPasswordError('too_short', 'x');
    expect(error.code).toBe('WeakPassword');
    expect(statusOf(error)).toBe(400);
  });
});
