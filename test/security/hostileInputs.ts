// Generators of hostile and malformed input for the fuzz test. Everything is drawn from one
// seeded PRNG, so a seed reproduces the same inputs in the same order.

/** mulberry32: small, fast and good enough to spread fuzz inputs; deterministic per seed. */
export class Prng {
  private state: number;

  constructor(readonly seed: number) {
    this.state = seed >>> 0;
  }

  /** A float in [0, 1). */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** An integer in [min, max]. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new Error('pick from an empty list');
    return items[Math.floor(this.next() * items.length)]!;
  }
}

/**
 * Markup payloads. Each is distinctive enough that finding it verbatim in an HTML response
 * means the input was reflected unescaped.
 */
export const MARKUP_PAYLOADS: readonly string[] = [
  '<script>alert("luotsi-xss-1")</script>',
  '<img src=x onerror=alert("luotsi-xss-2")>',
  '"><script src=//evil.example/luotsi-xss-3.js></script>',
  '<svg/onload=alert("luotsi-xss-4")>',
  "javascript:alert('luotsi-xss-5')",
  '<iframe srcdoc="<script>parent.luotsiXss6()</script>">',
  '</textarea><script>luotsiXss7()</script>',
  '<a href="javascript:luotsiXss8()">klikkaa</a>',
];

export const SQL_PAYLOADS: readonly string[] = [
  "'; DROP TABLE conversations; --",
  "' OR '1'='1",
  '1; DELETE FROM activities WHERE 1=1; --',
  "Robert'); DROP TABLE students;--",
  "' UNION SELECT password_hash FROM staff_accounts --",
  '$$; SELECT pg_sleep(10); $$',
  "\\'; TRUNCATE handoff_cases CASCADE; --",
  '%27%20OR%201%3D1',
];

export const PROTO_KEYS: readonly string[] = ['__proto__', 'constructor', 'prototype', '__defineGetter__', 'toString', 'hasOwnProperty', 'valueOf'];

const SCRIPTS: readonly string[] = [
  'Hyvää päivää, minulla on kipua',
  'Jag har ont i halsen',
  'Здравствуйте, у меня болит',
  'مرحبا، أشعر بألم',
  'שלום, יש לי כאב',
  '你好，我头疼',
  'こんにちは、頭が痛いです',
  'नमस्ते, मुझे दर्द है',
  'Γεια σας, πονάω',
  '안녕하세요 아파요',
  'ÅÄÖ åäö ŠŽ šž',
];

const EMOJI: readonly string[] = ['😀', '👩🏽‍⚕️', '🏳️‍🌈', '🇫🇮', '❤️', '🤒', '🦷', '👨‍👩‍👧‍👦', '\u{1F600}\u{FE0F}', '🔥'];

const CONTROL: readonly string[] = [
  '\u0000',
  '\u0001',
  '\u0007',
  '\u0008',
  '\u000b',
  '\u000c',
  '\u001b[31m',
  '\u007f',
  '\u0085',
  '\u2028',
  '\u2029',
  '\u200b',
  '\u202e',
  '\ufeff',
  '\r\n',
  '\t',
];

const LONE_SURROGATES: readonly string[] = ['\ud800', '\udfff', '\udbff', 'a\ud83dz', '\udc00\ud800'];

const GLOBAL_WORDS: readonly string[] = [
  'alusta',
  'takaisin',
  'kieli',
  'ihminen',
  'lopeta',
  'restart',
  'back',
  'human',
  'end',
  '1',
  '2',
  '3',
  '1, 3',
  'suomi',
  'svenska',
  'english',
  'kyllä',
  'ei',
];

/** A short hostile string of one of many flavours. */
export function hostileText(rng: Prng): string {
  switch (rng.int(0, 11)) {
    case 0:
      return rng.pick(MARKUP_PAYLOADS);
    case 1:
      return rng.pick(SQL_PAYLOADS);
    case 2:
      return rng.pick(SCRIPTS) + rng.pick(EMOJI);
    case 3:
      return Array.from({ length: rng.int(1, 12) }, () => rng.pick(CONTROL)).join('x');
    case 4:
      return `moi${rng.pick(LONE_SURROGATES)}${rng.pick(LONE_SURROGATES)}`;
    case 5:
      return rng.pick(EMOJI).repeat(rng.int(1, 300));
    case 6:
      return rng.pick(GLOBAL_WORDS);
    case 7:
      return rng.pick(PROTO_KEYS);
    case 8:
      return '%s%n%x%d ${7*7} {{7*7}} #{7*7} ../../../../etc/passwd';
    case 9:
      return `${rng.pick(SCRIPTS)} ${rng.pick(MARKUP_PAYLOADS)} ${rng.pick(SQL_PAYLOADS)}`;
    case 10:
      return 'A'.repeat(rng.int(1, 5000));
    default:
      return randomUnicode(rng, rng.int(0, 64));
  }
}

/** Code points from all over the range (surrogates included, as lone UTF-16 units). */
export function randomUnicode(rng: Prng, length: number): string {
  let out = '';
  for (let i = 0; i < length; i += 1) {
    const range = rng.int(0, 3);
    const cp = range === 0 ? rng.int(0, 0x7f) : range === 1 ? rng.int(0x80, 0xffff) : range === 2 ? rng.int(0xd800, 0xdfff) : rng.int(0x10000, 0x10ffff);
    out += cp >= 0xd800 && cp <= 0xdfff ? String.fromCharCode(cp) : String.fromCodePoint(cp);
  }
  return out;
}

/** Any JSON value of a wrong-ish type. */
export function wrongType(rng: Prng): unknown {
  return rng.pick<unknown>([
    null,
    true,
    false,
    0,
    -1,
    1e308,
    -0,
    3.14,
    '',
    'x',
    [],
    [1, 2],
    {},
    { a: 1 },
    [[[]]],
    '0',
    'null',
    'true',
    Number.MAX_SAFE_INTEGER,
    hostileText(rng),
  ]);
}

/** An object whose keys include prototype-pollution names (written as own JSON keys). */
export function pollutedJson(rng: Prng, base: Record<string, unknown>): string {
  const key = rng.pick(PROTO_KEYS);
  const inner = JSON.stringify({ polluted: 'luotsi-pollution', isAdmin: true, type: 'message' });
  const baseJson = JSON.stringify(base);
  const extra = `${JSON.stringify(key)}:${inner}`;
  return baseJson === '{}' ? `{${extra}}` : `{${extra},${baseJson.slice(1)}`;
}

/** Nested arrays or objects `depth` levels deep around a leaf, as JSON text. */
export function deeplyNested(depth: number, kind: 'array' | 'object'): string {
  return kind === 'array' ? `${'['.repeat(depth)}1${']'.repeat(depth)}` : `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`;
}

/** Malformed JSON texts. */
export function malformedJson(rng: Prng): string {
  return rng.pick([
    '{',
    '}',
    '{"type": "message", ',
    "{'type': 'message'}",
    '{"type": "message",}',
    '{"type": message}',
    '[1, 2',
    'undefined',
    'NaN',
    '{"a": 01}',
    '{"type":"message","text":"\\ud800"',
    '\u0000{"type":"message"}',
    '{"type":"message"}garbage',
    '\ufeff{"type":"message"}',
    '{"__proto__": }',
    '<xml/>',
    '"unterminated',
    '{"a":1}{"b":2}',
    `${'['.repeat(50_000)}`,
    deeplyNested(rng.int(2000, 12_000), 'object').slice(0, -1),
  ]);
}

/** Raw invalid UTF-8 (overlong, lone continuation, truncated sequences, encoded surrogates). */
export function invalidUtf8(rng: Prng): Buffer {
  const bad = rng.pick([
    Buffer.from([0xc0, 0xaf]),
    Buffer.from([0x80]),
    Buffer.from([0xe2, 0x82]),
    Buffer.from([0xed, 0xa0, 0x80]),
    Buffer.from([0xff, 0xfe]),
    Buffer.from([0xf4, 0x90, 0x80, 0x80]),
  ]);
  return Buffer.concat([Buffer.from('{"type":"message","text":"'), bad, Buffer.from('"}')]);
}

/** Forged serviceUrls on hosts that are not loopback: /api/messages must never call them. */
export const FORGED_SERVICE_URLS: readonly string[] = [
  'https://evil.example.com/',
  'http://10.0.0.5/',
  'http://169.254.169.254/latest/meta-data/',
  'http://localhost.evil.example/',
  'http://127.0.0.1.nip.io/',
  'http://127.0.0.1@evil.example/',
  'http://evil.example#@127.0.0.1/',
  'http://[::ffff:a00:5]/',
  'http://[fe80::1]/',
  'https://smba.trafficmanager.net/emea/',
  'http://0.0.0.0:80/',
  'http://192.168.1.1:3978/',
  'file:///etc/passwd',
  'gopher://127.0.0.1:25/',
  'ftp://127.0.0.1/',
  'not a url',
  'javascript:alert(1)',
  '',
];

/** Path segments that are not valid ids. */
export function badId(rng: Prng): string {
  return rng.pick([
    '',
    '..',
    '../../etc/passwd',
    '%00',
    '%2e%2e%2f',
    'a'.repeat(65),
    'a'.repeat(rng.int(200, 3000)),
    "1' OR '1'='1",
    '<script>alert(1)</script>',
    '__proto__',
    'constructor',
    'ääkkönen',
    '😀',
    '%ZZ',
    '%',
    '%C0%AF',
    '%ED%A0%80',
    'null',
    'undefined',
    '-1',
    '1e999',
    ' ',
    'id with spaces',
  ]);
}

/** Encodes a path segment the way a hostile client might: mostly escaped, sometimes raw. */
export function segment(rng: Prng, raw: string): string {
  // A raw '%' sequence stays as it is, so malformed escapes reach the server too.
  if (/%/.test(raw) && rng.chance(0.7)) return raw;
  try {
    return encodeURIComponent(raw);
  } catch {
    // A lone surrogate cannot be percent-encoded; send its replacement instead.
    return encodeURIComponent(raw.replace(/[\ud800-\udfff]/g, '\ufffd'));
  }
}
