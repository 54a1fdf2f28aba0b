import fs from 'node:fs';
import path from 'node:path';
import { GENERATED_IDENTITY_KEY_FILE, IdentitySealer, IdentityUnsealError, resolveIdentityKey } from '../../identity/identitySealer';
import { tempDataDir } from '../support/testServer';

const sealer = new IdentitySealer(Buffer.alloc(32, 1));

test('a sealed value opens only with its key and its context, and hides its text', () => {
  const sealed = sealer.seal('010190-900P Maija', 'case:abc');
  expect(sealed).not.toContain('010190');
  expect(sealer.open(sealed, 'case:abc')).toBe('010190-900P Maija');
  expect(() => sealer.open(sealed, 'case:other')).toThrow(IdentityUnsealError);
  expect(() => new IdentitySealer(Buffer.alloc(32, 2)).open(sealed, 'case:abc')).toThrow(IdentityUnsealError);
  const [v, iv, tag, body] = sealed.split('.');
  const flipped = Buffer.from(body!, 'base64url');
  flipped[0] = flipped[0]! ^ 1;
  expect(() => sealer.open([v, iv, tag, flipped.toString('base64url')].join('.'), 'case:abc')).toThrow(IdentityUnsealError);
  expect(() => sealer.open('not sealed', 'case:abc')).toThrow(IdentityUnsealError);
  // A fresh IV each time: the same text never seals the same twice.
  expect(sealer.seal('x', 'c')).not.toBe(sealer.seal('x', 'c'));
});

test('without a configured key one is generated once into the data directory', () => {
  const dir = tempDataDir();
  const first = resolveIdentityKey(undefined, dir);
  expect(first.length).toBe(32);
  expect(resolveIdentityKey(undefined, dir).equals(first)).toBe(true);
  expect(fs.statSync(path.join(dir, GENERATED_IDENTITY_KEY_FILE)).mode & 0o777).toBe(0o600);
  const configured = Buffer.alloc(32, 9);
  expect(resolveIdentityKey(configured, dir).equals(configured)).toBe(true);
});
