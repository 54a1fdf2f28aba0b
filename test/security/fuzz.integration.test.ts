// Fuzz test of the running service: more than 10,000 generated hostile and malformed requests
// to the web channel, its WebSocket stream, the staff API and /api/messages. Every answer must
// be 2xx or 4xx, JSON on API routes, never reflect markup into HTML, never leak staff data
// without a session, never reach conversation B without B's token, and never make /api/messages
// call a non-loopback host. The inputs come from one seeded PRNG: set LUOTSI_FUZZ_SEED to replay.
import { MAX_NESTING } from '../../http/jsonBody';
import { createHmac } from 'node:crypto';
import http from 'node:http';
import net from 'node:net';
import { WebSocket } from 'ws';
import { TokenSigner } from '../../channels/tokens';
import type { NewCase } from '../../handoff';
import { createI18n } from '../../i18n/i18n';
import { DEFAULT_CATALOG } from '../../routing';
import { createStaffAccount } from '../../staff/accounts';
import { discardTestData, startTestServer, type TestServer } from '../support/testServer';
import {
  badId,
  deeplyNested,
  FORGED_SERVICE_URLS,
  hostileText,
  invalidUtf8,
  malformedJson,
  MARKUP_PAYLOADS,
  pollutedJson,
  Prng,
  PROTO_KEYS,
  randomUnicode,
  segment,
  wrongType,
} from './hostileInputs';

const SEED = Number(process.env.LUOTSI_FUZZ_SEED ?? 20260517);
const SECRET = 'fuzz-test-token-secret-0123456789abcdef';
const PASSWORD = 'correct horse battery staple';
const FAST_SCRYPT = { logN: 10, r: 8, p: 1 };
const LEAK_MARKER = 'LUOTSI-LEAK-MARKER-7f3a';
const MAX_BODY_BYTES = 65_536;
const CONCURRENCY = 8;
const BATCH = 500;
/** An answer that takes this long is reported as a hang (liveness, not a performance limit). */
const HANG_MS = 20_000;
const fi = createI18n().getFixedT('fi');

// ---------------------------------------------------------------- outbound connection recorder

function isLoopbackHost(host: string): boolean {
  const h = host.replace(/^\[|\]$/g, '').toLowerCase();
  return h === 'localhost' || h === '::1' || /^127\.\d+\.\d+\.\d+$/.test(h) || /^::ffff:127\.\d+\.\d+\.\d+$/.test(h);
}

/** Hosts this process tried to connect to that are not loopback (the server runs in-process). */
const outbound: string[] = [];
const originalConnect = net.Socket.prototype.connect;
function recordingConnect(this: net.Socket, ...args: unknown[]): net.Socket {
  const first = args[0];
  let host: string | undefined;
  if (Array.isArray(first))
    host = undefined; // internal normalized form: recorded by the outer call
  else if (typeof first === 'object' && first !== null) {
    const options = first as { host?: unknown; path?: unknown };
    host = options.path !== undefined ? undefined : typeof options.host === 'string' ? options.host : 'localhost';
  } else if (typeof args[1] === 'string') host = args[1];
  if (host !== undefined && !isLoopbackHost(host)) outbound.push(host);
  return Reflect.apply(originalConnect, this, args) as net.Socket;
}

// ---------------------------------------------------------------- transport

interface Outcome {
  status: number;
  contentType: string;
  nosniff: boolean;
  retryAfter: string | undefined;
  body: string;
}

interface FuzzInput {
  label: string;
  send: () => Promise<Outcome>;
  /** A problem with the outcome beyond the common checks, or undefined. */
  check?: (o: Outcome) => string | undefined;
}

const agent = new http.Agent({ keepAlive: true, maxSockets: CONCURRENCY });

function request(base: string, method: string, path: string, headers: Record<string, string> = {}, body?: Buffer | string): Promise<Outcome> {
  const url = new URL(base);
  const payload = body === undefined ? undefined : Buffer.isBuffer(body) ? body : Buffer.from(body, 'utf8');
  return new Promise<Outcome>((resolve, reject) => {
    const req = http.request(
      {
        host: url.hostname,
        port: url.port,
        method,
        path,
        agent,
        headers: { ...headers, ...(payload !== undefined ? { 'content-length': String(payload.length) } : {}) },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            contentType: String(res.headers['content-type'] ?? ''),
            nosniff: res.headers['x-content-type-options'] === 'nosniff',
            retryAfter: typeof res.headers['retry-after'] === 'string' ? res.headers['retry-after'] : undefined,
            body: Buffer.concat(chunks).toString('utf8'),
          }),
        );
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    // A request the server never answers is a hang: report it instead of stalling the run.
    req.setTimeout(HANG_MS, () => req.destroy(new Error(`no answer within ${HANG_MS} ms`)));
    req.end(payload);
  });
}

function wsAttempt(url: string): Promise<Outcome> {
  return new Promise<Outcome>((resolve) => {
    const ws = new WebSocket(url, { handshakeTimeout: HANG_MS });
    const done = (status: number) => resolve({ status, contentType: '', nosniff: true, retryAfter: undefined, body: '' });
    ws.on('unexpected-response', (_req, res) => {
      res.resume();
      done(res.statusCode ?? 0);
    });
    ws.on('open', () => {
      ws.close();
      done(101);
    });
    ws.on('error', (error) => resolve({ status: 0, contentType: '', nosniff: true, retryAfter: undefined, body: String(error) }));
  });
}

// ---------------------------------------------------------------- fixtures

interface Conversation {
  conversationId: string;
  token: string;
  streamUrl: string;
}

interface StaffSession {
  cookie: string;
  csrf: string;
}

interface Context {
  url: string;
  a: Conversation;
  b: Conversation;
  /** Conversations that take the well-formed hostile messages (turns run per conversation). */
  pool: Conversation[];
  staff: StaffSession;
  caseIds: string[];
  connectorUrl: string;
}

const signer = new TokenSigner(SECRET);

function claimsOf(token: string): { cid: string; uid: string } {
  return JSON.parse(Buffer.from(token.split('.')[0]!, 'base64url').toString('utf8')) as { cid: string; uid: string };
}

/** A token signed with the real key over an arbitrary payload (valid signature, hostile claims). */
function signedRaw(payload: string): string {
  const encoded = Buffer.from(payload, 'utf8').toString('base64url');
  return `${encoded}.${createHmac('sha256', SECRET).update(encoded).digest('base64url')}`;
}

/** An Authorization header that must not grant access to `target` (never the target's own token). */
function deniedAuth(rng: Prng, ctx: Context, target: Conversation): string | undefined {
  const c = claimsOf(target.token);
  switch (rng.int(0, 13)) {
    case 0:
      return undefined;
    case 1:
      // A's token on B; elsewhere (refresh takes any valid token) a token that lost its signature.
      return target === ctx.b ? `Bearer ${ctx.a.token}` : `Bearer ${ctx.a.token.split('.')[0]}.`;
    case 2:
      return `Bearer ${signer.issue({ cid: c.cid, uid: c.uid, kind: 'conversation' }, 60, new Date(Date.now() - 7_200_000))}`;
    case 3:
      return `Bearer ${new TokenSigner('another-secret-that-is-long-enough-0000').issue({ cid: c.cid, uid: c.uid, kind: 'conversation' }, 3600, new Date())}`;
    case 4:
      return `Bearer ${signer.issue({ cid: c.cid, uid: c.uid, kind: rng.pick(['stream', 'photo'] as const) }, 3600, new Date())}`;
    case 5:
      return `Bearer ${signedRaw(rng.pick(['not json', '{}', '[]', 'null', `{"cid":{"${rng.pick(PROTO_KEYS)}":1},"uid":"u","exp":9999999999,"kind":"conversation"}`, `{"cid":"${c.cid}","uid":"u","exp":"9999999999","kind":"conversation"}`, `{"__proto__":{"cid":"${c.cid}"},"uid":"u","exp":9999999999,"kind":"conversation"}`]))}`;
    case 6:
      return `Bearer ${target.token.slice(0, -2)}xx`;
    case 7:
      return `Bearer ${target.token.replace('.', '..')}`;
    case 8:
      return `Basic ${Buffer.from('admin:admin').toString('base64')}`;
    case 9:
      return `Bearer ${'A'.repeat(rng.int(1, 8000))}.${'B'.repeat(rng.int(1, 100))}`;
    case 10:
      return `Bearer ${target.token.split('.')[0]}`;
    case 11:
      return 'Bearer';
    case 12:
      return `Bearer ${Buffer.from(`${target.token}`).toString('base64')}`;
    default:
      return `Bearer ${enc(rng.pick(["' OR 1=1 --", '<script>', '../..', 'null', 'undefined']))}`;
  }
}

function json(headers: Record<string, string>, auth: string | undefined): Record<string, string> {
  return { ...headers, 'content-type': 'application/json', ...(auth !== undefined ? { authorization: auth } : {}) };
}

/** An activity-ish JSON body, sometimes well-formed, mostly hostile. */
function activityBody(rng: Prng): { body: Buffer | string; wellFormed: boolean } {
  switch (rng.int(0, 13)) {
    case 0:
    case 1:
    case 2:
    case 3:
      return { body: JSON.stringify({ type: 'message', text: hostileText(rng), locale: rng.pick(['fi-FI', 'sv', 'en', undefined]) }), wellFormed: true };
    case 4:
      return {
        body: JSON.stringify({ type: 'event', name: rng.pick(['webchat/join', 'x', '<script>']), value: { [rng.pick(PROTO_KEYS)]: hostileText(rng) } }),
        wellFormed: true,
      };
    case 5:
      return {
        body: `{"type":"event","name":"deep","value":${deeplyNested(rng.int(1000, 10_000), rng.pick(['array', 'object'] as const))}}`,
        wellFormed: true,
      };
    case 6:
      return { body: malformedJson(rng), wellFormed: false };
    case 7:
      return { body: invalidUtf8(rng), wellFormed: false };
    case 8:
      return { body: pollutedJson(rng, { type: 'message', text: 'moi' }), wellFormed: false };
    case 9: {
      const fields: Record<string, unknown> = { type: rng.chance(0.5) ? 'message' : wrongType(rng) };
      for (const f of ['text', 'name', 'locale', 'from', 'channelData', 'attachments', 'value']) if (rng.chance(0.4)) fields[f] = wrongType(rng);
      return { body: JSON.stringify(fields), wellFormed: false };
    }
    case 10:
      // Near and above the body limit.
      return { body: JSON.stringify({ type: 'message', text: 'x'.repeat(MAX_BODY_BYTES - 40 + rng.int(-200, 400)) }), wellFormed: false };
    case 11:
      return { body: JSON.stringify({ type: 'message', text: 'y'.repeat(rng.int(MAX_BODY_BYTES, MAX_BODY_BYTES * 4)) }), wellFormed: false };
    case 12:
      return {
        body: JSON.stringify({
          type: 'message',
          text: randomUnicode(rng, 200),
          from: { id: 'bot', role: 'bot', name: hostileText(rng) },
          channelData: { clientActivityID: hostileText(rng).slice(0, 80) },
        }),
        wellFormed: false,
      };
    default:
      return { body: JSON.stringify(wrongType(rng)) ?? 'null', wellFormed: false };
  }
}

function watermark(rng: Prng): string {
  return rng.pick([
    '',
    '0',
    '1',
    '-1',
    '1.5',
    'abc',
    '9'.repeat(20),
    '99999',
    '%00',
    '0x10',
    '1e3',
    '<script>',
    "'",
    '__proto__',
    '1&watermark=2',
    enc(hostileText(rng)),
  ]);
}

/** Percent-encodes for a URL; a lone surrogate (not encodable) goes as U+FFFD. */
function enc(text: string): string {
  return encodeURIComponent(text.replace(/[\ud800-\udfff]/g, '\ufffd'));
}

function isApi(path: string): boolean {
  return path.startsWith('/v3/') || path.startsWith('/staff/api') || path.startsWith('/api/');
}

const statusIn =
  (...allowed: number[]) =>
  (o: Outcome): string | undefined =>
    allowed.includes(o.status) ? undefined : `status ${o.status}, expected one of ${allowed.join('/')}`;

const denied = (o: Outcome): string | undefined => (o.status >= 400 && o.status < 500 ? undefined : `status ${o.status} on a request that must be refused`);

// ---------------------------------------------------------------- input generation

function generateInputs(rng: Prng, ctx: Context): FuzzInput[] {
  const inputs: FuzzInput[] = [];
  const { url } = ctx;
  const http1 = (label: string, method: string, path: string, headers: Record<string, string>, body?: Buffer | string, check?: FuzzInput['check']) =>
    inputs.push({ label: `${method} ${path.slice(0, 120)} [${label}]`, send: () => request(url, method, path, headers, body), check });
  const dl = (p: string) => `/v3/directline${p}`;
  const target = () => (rng.chance(0.5) ? ctx.b : rng.pick(ctx.pool));

  // tokens/generate: any body; the rate limit is set high.
  for (let i = 0; i < 600; i += 1) {
    const { body } = activityBody(rng);
    http1('generate', 'POST', dl('/tokens/generate'), json({}, rng.chance(0.3) ? deniedAuth(rng, ctx, ctx.b) : undefined), rng.chance(0.2) ? undefined : body);
  }
  // tokens/refresh with bad tokens: refused; with a pool token: granted.
  for (let i = 0; i < 600; i += 1) {
    const own = rng.chance(0.2);
    const c = rng.pick(ctx.pool);
    http1(
      'refresh',
      'POST',
      dl('/tokens/refresh'),
      json({}, own ? `Bearer ${c.token}` : deniedAuth(rng, ctx, c)),
      rng.chance(0.5) ? undefined : activityBody(rng).body,
      own ? undefined : denied,
    );
  }
  // conversations: start/resume with hostile bodies (locale) and tokens.
  for (let i = 0; i < 700; i += 1) {
    const own = rng.chance(0.3);
    const c = rng.pick(ctx.pool);
    const body = rng.pick<string | Buffer>([
      JSON.stringify({ locale: hostileText(rng) }),
      JSON.stringify({ locale: wrongType(rng) }),
      pollutedJson(rng, { locale: 'fi' }),
      malformedJson(rng),
      activityBody(rng).body,
    ]);
    http1('start', 'POST', dl('/conversations'), json({}, own ? `Bearer ${c.token}` : deniedAuth(rng, ctx, c)), body);
  }
  // conversations/:id (reconnect): bad ids, watermarks, A on B.
  for (let i = 0; i < 700; i += 1) {
    const kind = rng.int(0, 2);
    if (kind === 0)
      http1(
        'reconnect-bad-id',
        'GET',
        dl(`/conversations/${segment(rng, badId(rng))}?watermark=${watermark(rng)}`),
        json({}, `Bearer ${ctx.a.token}`),
        undefined,
        denied,
      );
    else if (kind === 1)
      http1(
        'reconnect-b',
        'GET',
        dl(`/conversations/${ctx.b.conversationId}?watermark=${watermark(rng)}`),
        json({}, deniedAuth(rng, ctx, ctx.b)),
        undefined,
        denied,
      );
    else {
      const c = rng.pick(ctx.pool);
      http1('reconnect-own', 'GET', dl(`/conversations/${c.conversationId}?watermark=${watermark(rng)}`), json({}, `Bearer ${c.token}`));
    }
  }
  // activities POST: well-formed hostile messages to the pool; everything to B refused.
  for (let i = 0; i < 3000; i += 1) {
    const c = target();
    const { body, wellFormed } = activityBody(rng);
    if (c === ctx.b) {
      http1('post-b', 'POST', dl(`/conversations/${c.conversationId}/activities`), json({}, deniedAuth(rng, ctx, c)), body, denied);
    } else if (rng.chance(0.1)) {
      http1('post-bad-id', 'POST', dl(`/conversations/${segment(rng, badId(rng))}/activities`), json({}, `Bearer ${c.token}`), body, denied);
    } else {
      // A well-formed activity sent with the conversation's own token is taken: 200; one nested
      // deeper than any client nests is refused with 400 TooDeep (http/jsonBody.ts).
      const tooDeep = typeof body === 'string' && jsonNesting(body) > MAX_NESTING;
      http1(
        wellFormed ? 'post-ok' : 'post-bad',
        'POST',
        dl(`/conversations/${c.conversationId}/activities`),
        json({}, `Bearer ${c.token}`),
        body,
        wellFormed ? (tooDeep ? tooDeepAnswer : statusIn(200)) : undefined,
      );
    }
  }
  // activities GET with hostile watermarks.
  for (let i = 0; i < 1200; i += 1) {
    const c = target();
    const auth = c === ctx.b ? deniedAuth(rng, ctx, c) : `Bearer ${c.token}`;
    http1(
      'get',
      'GET',
      dl(`/conversations/${c.conversationId}/activities?watermark=${watermark(rng)}`),
      json({}, auth),
      undefined,
      c === ctx.b ? denied : undefined,
    );
  }
  // uploads whose declared types lie, malformed multipart.
  for (let i = 0; i < 400; i += 1) {
    const c = rng.chance(0.25) ? ctx.b : rng.pick(ctx.pool);
    const { contentType, body } = multipart(rng);
    const auth = c === ctx.b ? deniedAuth(rng, ctx, c) : `Bearer ${c.token}`;
    http1(
      'upload',
      'POST',
      dl(`/conversations/${c.conversationId}/upload`),
      { 'content-type': contentType, ...(auth !== undefined ? { authorization: auth } : {}) },
      body,
      c === ctx.b ? denied : undefined,
    );
  }
  // photos of a conversation, by link token or bearer.
  for (let i = 0; i < 200; i += 1) {
    const c = target();
    const t = rng.pick([
      `?t=${enc(signer.issue({ ...claimsOf(ctx.a.token), kind: 'photo' }, 3600, new Date()))}`,
      '?t=garbage',
      '',
      `?t=${enc(hostileText(rng).slice(0, 50))}`,
    ]);
    const path = dl(`/conversations/${c.conversationId}/photos/${segment(rng, badId(rng))}/${rng.pick(['image', 'thumbnail', 'original', '..', '%00'])}${t}`);
    http1('photo', 'GET', path, c === ctx.b ? json({}, deniedAuth(rng, ctx, c)) : json({}, `Bearer ${c.token}`), undefined, denied);
  }
  // the stream URL with bad tokens.
  for (let i = 0; i < 200; i += 1) {
    const own = rng.pick(ctx.pool);
    // Stream URLs are single-use: each carries its own nonce.
    const ownStream = signer.issue({ ...claimsOf(own.token), kind: 'stream', jti: `fuzz-${i}` }, 3600, new Date());
    const aStream = signer.issue({ ...claimsOf(ctx.a.token), kind: 'stream' }, 3600, new Date());
    const ws = url.replace(/^http/, 'ws');
    const bPath = `${ws}/v3/directline/conversations/${ctx.b.conversationId}/stream`;
    const choice = rng.int(0, 6);
    const wsUrl = [
      `${bPath}?watermark=0&t=${aStream}`,
      `${bPath}?t=${enc(hostileText(rng).slice(0, 100))}`,
      `${bPath}`,
      `${bPath}?t=${signer.issue({ ...claimsOf(ctx.b.token), kind: 'stream' }, 60, new Date(Date.now() - 7_200_000))}`,
      `${bPath}?t=${ctx.b.token.slice(0, -3)}abc`,
      `${ws}/v3/directline/conversations/${segment(rng, badId(rng))}/stream?t=${aStream}`,
      `${ws}/v3/directline/conversations/${own.conversationId}/stream?t=${ownStream}&watermark=${watermark(rng)}`,
    ][choice]!;
    inputs.push({
      label: `WS ${wsUrl.slice(0, 120)}`,
      send: () => wsAttempt(wsUrl),
      // Only the conversation's own stream token opens a stream; B's is never opened.
      check: choice === 6 ? statusIn(101, 400) : statusIn(400, 401, 403, 404),
    });
  }
  // pages with hostile query strings: HTML must not reflect markup.
  for (let i = 0; i < 200; i += 1) {
    const page = rng.pick(['/', '/staff', '/?lang=', '/staff?lang=']);
    const q = `${page.includes('?') ? '' : '?lang='}${enc(rng.chance(0.5) ? rng.pick(MARKUP_PAYLOADS) : hostileText(rng))}`;
    http1('page', 'GET', `${page}${q}`, { 'accept-language': rng.pick(['fi', 'sv;q=0.5', '<script>', '*', 'x'.repeat(300)]) });
  }
  // unknown routes and methods.
  for (let i = 0; i < 200; i += 1) {
    const method = rng.pick(['GET', 'PUT', 'DELETE', 'PATCH', 'POST', 'OPTIONS']);
    const path = rng.pick([
      '/v3/directline/',
      '/v3/directline/conversations/x/y/z',
      '/staff/api/',
      '/staff/api/cases/x/unknown',
      '/api/messages',
      '/.env',
      '/../../etc/passwd',
      `/${segment(rng, badId(rng))}`,
      '/v3/directline/tokens/generate',
    ]);
    http1('route', method, path, json({}, deniedAuth(rng, ctx, ctx.b)), method === 'GET' || method === 'OPTIONS' ? undefined : activityBody(rng).body);
  }
  staffInputs(rng, ctx, http1);
  botEndpointInputs(rng, ctx, http1);

  // Interleave the areas so each batch mixes them (deterministically).
  for (let i = inputs.length - 1; i > 0; i -= 1) {
    const j = rng.int(0, i);
    [inputs[i], inputs[j]] = [inputs[j]!, inputs[i]!];
  }
  return inputs;
}

type Http1 = (label: string, method: string, path: string, headers: Record<string, string>, body?: Buffer | string, check?: FuzzInput['check']) => void;

function multipart(rng: Prng): { contentType: string; body: Buffer } {
  const boundary = `----luotsi${rng.int(0, 1e9)}`;
  const activity = rng.pick([
    JSON.stringify({ type: 'message', text: hostileText(rng) }),
    JSON.stringify({ type: 'message', attachments: [{ contentType: 'image/jpeg', name: '../../x.jpg' }] }),
    malformedJson(rng),
    JSON.stringify(wrongType(rng)),
    pollutedJson(rng, { type: 'message' }),
  ]);
  const lies: [string, string, Buffer][] = [
    ['notes.txt', 'image/jpeg', Buffer.from('just some text pretending to be a photo')],
    ['archive.jpg', 'image/jpeg', Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.alloc(200, 7)])],
    ['page.png', 'image/png', Buffer.from(`<html><body>${rng.pick(MARKUP_PAYLOADS)}</body></html>`)],
    ['x.svg', 'image/svg+xml', Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>')],
    ['doc.jpg', 'image/jpeg', Buffer.from('%PDF-1.4\n%âãÏÓ\n1 0 obj<<>>endobj')],
    ['broken.jpg', 'image/jpeg', Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10]), Buffer.from('JFIF'), Buffer.alloc(64, 0xff)])],
    ['x.gif', 'image/gif', Buffer.from('GIF89a\x01\x00\x01\x00\x00\x00\x00;', 'latin1')],
    [
      `${hostileText(rng).replace(/["\r\n]/g, '')}.jpg`,
      rng.pick(['image/jpeg', 'image/heic', 'application/octet-stream', '<script>']),
      Buffer.from(randomUnicode(rng, 100)),
    ],
    ['../../../etc/passwd', 'image/webp', Buffer.from('RIFF\x00\x00\x00\x00WEBPVP8 ', 'latin1')],
  ];
  const parts: Buffer[] = [];
  const variant = rng.int(0, 9);
  if (variant !== 0) {
    parts.push(
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="activity"; filename="blob"\r\nContent-Type: application/vnd.microsoft.activity\r\n\r\n${activity}\r\n`,
      ),
    );
  }
  const files = variant === 1 ? rng.int(4, 8) : rng.int(0, 3);
  for (let f = 0; f < files; f += 1) {
    const [name, type, bytes] = rng.pick(lies);
    parts.push(
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${name}"\r\nContent-Type: ${type}\r\n\r\n`),
      bytes,
      Buffer.from('\r\n'),
    );
  }
  if (variant !== 2) parts.push(Buffer.from(`--${boundary}--\r\n`)); // 2: unterminated
  const contentType =
    variant === 3
      ? 'image/jpeg'
      : variant === 4
        ? 'multipart/form-data'
        : variant === 5
          ? `multipart/form-data; boundary=other${boundary}`
          : `multipart/form-data; boundary=${boundary}`;
  return { contentType, body: Buffer.concat(parts) };
}

function staffInputs(rng: Prng, ctx: Context, http1: Http1): void {
  const session = (csrf: 'ok' | 'none' | 'wrong' | 'evil-origin'): Record<string, string> => ({
    cookie: ctx.staff.cookie,
    ...(csrf === 'ok' || csrf === 'evil-origin'
      ? { 'x-csrf-token': ctx.staff.csrf }
      : csrf === 'wrong'
        ? { 'x-csrf-token': `${ctx.staff.csrf.slice(0, -2)}zz` }
        : {}),
    ...(csrf === 'evil-origin' ? { origin: 'https://evil.example' } : {}),
  });
  const noLeak = (o: Outcome): string | undefined => {
    if (o.status !== 401 && o.status !== 404 && o.status !== 405) return `status ${o.status} without a session`;
    // A case id the client put in the URL may come back in a routing error; anything else is a leak.
    if (o.body.includes(LEAK_MARKER) || o.body.includes('ihottuma')) return 'staff data in a response without a session';
    return undefined;
  };

  // login
  for (let i = 0; i < 600; i += 1) {
    const variant = rng.int(0, 9);
    let body: string;
    if (variant === 0) body = JSON.stringify({ username: wrongType(rng), password: wrongType(rng) });
    else if (variant === 1) body = JSON.stringify(rng.chance(0.5) ? { username: 'nurse.fuzz' } : { password: PASSWORD });
    else if (variant === 2) body = JSON.stringify({ username: 'u'.repeat(rng.int(200, 400)), password: 'p' });
    else if (variant === 3) body = JSON.stringify({ username: 'u', password: 'p'.repeat(rng.int(15_000, 20_000)) });
    else if (variant === 4) body = pollutedJson(rng, { username: 'nurse.fuzz', password: PASSWORD });
    else if (variant === 5) body = malformedJson(rng);
    else if (variant === 6) body = deeplyNested(rng.int(1000, 5000), 'array');
    else if (variant === 7)
      body = JSON.stringify({
        username: rng.pick(["admin' --", "' OR '1'='1", '<script>', '\u0000nurse.fuzz']),
        password: rng.pick(["' OR '1'='1", 'x'.repeat(257)]),
      });
    else if (variant === 8 && rng.chance(0.1)) body = JSON.stringify({ username: `nobody-${rng.int(0, 99)}`, password: hostileText(rng).slice(0, 200) || 'x' });
    else body = JSON.stringify({ username: 'nurse.fuzz', password: PASSWORD, extra: hostileText(rng) });
    const origin: Record<string, string> = rng.chance(0.1) ? { origin: rng.pick(['https://evil.example', 'null', '<script>']) } : {};
    // No valid credentials are ever sent here: a session must never come back.
    http1('login', 'POST', '/staff/api/login', { 'content-type': 'application/json', ...origin }, body, (o) =>
      o.status === 200 ? 'login succeeded with a fuzzed body' : denied(o),
    );
  }

  const routes: [string, (id: string) => string][] = [
    ['GET', (id) => `/staff/api/cases/${id}`],
    ['GET', (id) => `/staff/api/cases/${id}/summary?lang=${enc(rng.pick(['fi', 'sv', 'en', 'de', '<script>', '', '__proto__']))}`],
    ['GET', (id) => `/staff/api/cases/${id}/audit`],
    ['GET', (id) => `/staff/api/cases/${id}/photos/${segment(rng, badId(rng))}/${rng.pick(['image', 'thumbnail', 'x'])}`],
    ['POST', (id) => `/staff/api/cases/${id}/claim`],
    ['POST', (id) => `/staff/api/cases/${id}/release`],
    ['POST', (id) => `/staff/api/cases/${id}/transfer`],
    ['POST', (id) => `/staff/api/cases/${id}/close`],
    ['POST', (id) => `/staff/api/cases/${id}/notes`],
    ['POST', (id) => `/staff/api/cases/${id}/messages`],
    [
      'GET',
      () =>
        `/staff/api/cases?queue=${enc(rng.pick(['digital_clinic', 'social_guidance', '../../etc', '', hostileText(rng).slice(0, 40)]))}&status=${enc(rng.pick(['queued', 'abandoned', 'closed', '<b>']))}`,
    ],
    ['GET', () => '/staff/api/queues'],
    ['GET', () => '/staff/api/my-cases'],
    ['GET', () => '/staff/api/me'],
    [
      'GET',
      () =>
        `/staff/api/reports/${rng.pick(['accuracy', 'feedback'])}?queue=${enc(rng.pick(['digital_clinic', 'social_guidance', 'x'.repeat(65), "'; DROP TABLE handoff_cases; --"]))}`,
    ],
    ['POST', () => '/staff/api/logout'],
  ];
  const staffBody = (): string | Buffer =>
    rng.pick<() => string | Buffer>([
      () => JSON.stringify({ note: hostileText(rng) }),
      () => JSON.stringify({ text: hostileText(rng) }),
      () => JSON.stringify({ text: 'n'.repeat(rng.int(1990, 2100)) }),
      () => JSON.stringify({ queueId: rng.pick(['general_customer_service', 'digital_clinic', 'nope', '../x', 5]), note: hostileText(rng) }),
      () =>
        JSON.stringify({
          outcome: rng.pick(['advice_given', 'no_reply', 'x', 1]),
          staffUrgency: rng.pick(['urgent', 'non_urgent', 'emergency', '<b>']),
          staffSegment: wrongType(rng),
        }),
      () => JSON.stringify({ [rng.pick(PROTO_KEYS)]: { isAdmin: true } }),
      () => pollutedJson(rng, { text: 'moi' }),
      () => malformedJson(rng),
      () => JSON.stringify(wrongType(rng)),
      () => JSON.stringify({ text: 'z'.repeat(rng.int(16_000, 20_000)) }),
      () => invalidUtf8(rng),
    ])();
  for (let i = 0; i < 1800; i += 1) {
    const [method, path] = rng.pick(routes);
    const id = rng.chance(0.5) ? rng.pick(ctx.caseIds) : segment(rng, badId(rng));
    const auth = rng.int(0, 5);
    const body = method === 'POST' ? staffBody() : undefined;
    const p = path(id);
    if (auth === 0) http1('staff-none', method, p, { 'content-type': 'application/json' }, body, noLeak);
    else if (auth === 1)
      http1(
        'staff-forged',
        method,
        p,
        {
          'content-type': 'application/json',
          cookie: rng.pick([
            `luotsi_staff=${'a'.repeat(43)}`,
            'luotsi_staff=',
            `luotsi_staff=${ctx.staff.cookie.slice(13, -2)}`,
            'luotsi_staff=%00; luotsi_staff=x',
          ]),
        },
        body,
        noLeak,
      );
    else if (p.endsWith('/logout')) {
      // A logout with the right CSRF token would end the fuzz's own session.
      http1(
        'staff-logout-csrf',
        method,
        p,
        { 'content-type': 'application/json', ...session(rng.pick(['none', 'wrong', 'evil-origin'] as const)) },
        body,
        statusIn(403),
      );
    } else if (method === 'POST' && auth === 2) {
      http1('staff-csrf', method, p, { 'content-type': 'application/json', ...session(rng.pick(['none', 'wrong', 'evil-origin'] as const)) }, body, (o) =>
        /^\/staff\/api\/cases\/[A-Za-z0-9_-]{1,64}\//.test(p) ? statusIn(403)(o) : denied(o),
      );
    } else http1('staff-session', method, p, { 'content-type': 'application/json', ...session('ok') }, body);
  }
}

function botEndpointInputs(rng: Prng, ctx: Context, http1: Http1): void {
  const activity = (serviceUrl: string) => ({
    type: rng.pick(['message', 'conversationUpdate', 'event', 'invoke', 'typing']),
    id: `fz-${rng.int(0, 1e6)}`,
    channelId: rng.pick(['emulator', 'msteams', 'directline', '<script>']),
    serviceUrl,
    from: { id: `user-${rng.int(0, 5)}`, role: 'user', name: hostileText(rng).slice(0, 100) },
    recipient: { id: 'bot-1', role: 'bot' },
    conversation: { id: `fz-conv-${rng.int(0, 5)}` },
    text: hostileText(rng),
    locale: rng.pick(['fi-FI', 'sv', '<x>', '']),
    ...(rng.chance(0.2) ? { membersAdded: [{ id: 'user-1' }] } : {}),
  });
  for (let i = 0; i < 800; i += 1) {
    const variant = rng.int(0, 3);
    if (variant === 0) {
      // A forged serviceUrl: refused before anything is processed, nothing called.
      http1(
        'botep-forged',
        'POST',
        '/api/messages',
        { 'content-type': 'application/json' },
        JSON.stringify(activity(rng.pick(FORGED_SERVICE_URLS))),
        statusIn(403),
      );
    } else if (variant === 1) {
      const body = rng.pick<() => string | Buffer>([
        () => malformedJson(rng),
        () => invalidUtf8(rng),
        () => JSON.stringify(wrongType(rng)),
        () => pollutedJson(rng, activity(rng.pick(FORGED_SERVICE_URLS))),
        () => JSON.stringify({ ...activity(ctx.connectorUrl), type: rng.pick([null, 5, [], {}, true]) }),
        () => JSON.stringify({ type: 'message', text: 'q'.repeat(rng.int(MAX_BODY_BYTES, MAX_BODY_BYTES * 2)) }),
      ])();
      http1(
        'botep-malformed',
        'POST',
        '/api/messages',
        { 'content-type': rng.pick(['application/json', 'text/plain', 'application/x-www-form-urlencoded']) },
        body,
        denied,
      );
    } else if (variant === 2) {
      const a = activity(ctx.connectorUrl) as Record<string, unknown>;
      for (const f of ['from', 'recipient', 'conversation', 'channelId', 'id', 'text', 'locale']) if (rng.chance(0.25)) a[f] = wrongType(rng);
      // An invoke the bot does not handle is answered 501 by the Bot Framework protocol itself.
      http1(
        a.type === 'invoke' ? 'botep-invoke' : 'botep-loopback-hostile',
        'POST',
        '/api/messages',
        { 'content-type': 'application/json' },
        JSON.stringify(a),
      );
    } else {
      const deep = `{"type":"event","name":"deep","serviceUrl":${JSON.stringify(ctx.connectorUrl)},"conversation":{"id":"fz-deep"},"from":{"id":"u"},"recipient":{"id":"b"},"channelId":"emulator","value":${deeplyNested(rng.int(1000, 10_000), 'array')}}`;
      http1('botep-deep', 'POST', '/api/messages', { 'content-type': 'application/json' }, deep);
    }
  }
}

// ---------------------------------------------------------------- the run

/** A stand-in Bot Connector on loopback for the /api/messages replies to loopback service URLs. */
async function fakeConnector(): Promise<{ url: string; close(): Promise<void> }> {
  const server = http.createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      res.writeHead(200, { 'Content-Type': 'application/json' });
      res.end('{"id":"r"}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as net.AddressInfo).port}`,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

async function startConversation(url: string, locale: string): Promise<Conversation> {
  const generated = JSON.parse((await request(url, 'POST', '/v3/directline/tokens/generate')).body) as { token: string };
  const started = await request(url, 'POST', '/v3/directline/conversations', json({}, `Bearer ${generated.token}`), JSON.stringify({ locale }));
  expect(started.status).toBe(201);
  return JSON.parse(started.body) as Conversation;
}

async function activitiesOf(
  url: string,
  c: Conversation,
): Promise<{ activities: { id?: string; text?: string; from: { role: string } }[]; watermark: string }> {
  const res = await request(url, 'GET', `/v3/directline/conversations/${c.conversationId}/activities`, json({}, `Bearer ${c.token}`));
  expect(res.status).toBe(200);
  return JSON.parse(res.body) as { activities: { id?: string; text?: string; from: { role: string } }[]; watermark: string };
}

function newCase(n: number): NewCase {
  return {
    conversationId: `fuzz-conv-${n}`,
    conversationReference: {},
    channel: 'directline',
    queueId: 'digital_clinic',
    urgency: 'non_urgent',
    segment: 2,
    topic: 'skin',
    subject: { kind: 'self' },
    locale: 'fi',
    answers: { 'skin.describe': `${LEAK_MARKER} <b>ihottuma</b>` },
    photoIds: [],
  };
}

describe('fuzz: hostile and malformed input to the running service', () => {
  let server: TestServer;
  let connector: { url: string; close(): Promise<void> };

  beforeAll(() => {
    net.Socket.prototype.connect = recordingConnect as unknown as typeof originalConnect;
  });

  afterAll(async () => {
    net.Socket.prototype.connect = originalConnect;
    agent.destroy();
  });

  it(`survives more than 10,000 generated inputs (seed ${SEED})`, async () => {
    connector = await fakeConnector();
    server = await startTestServer({
      DIRECTLINE_TOKEN_SECRET: SECRET,
      ALLOW_UNAUTHENTICATED_BOT_ENDPOINT: 'true',
      MAX_BODY_BYTES: String(MAX_BODY_BYTES),
      // High limits, so the fuzz inputs reach the routes instead of the limiters (tested below).
      TOKEN_RATE_LIMIT_PER_MINUTE: '100000',
      MESSAGE_RATE_LIMIT_PER_MINUTE: '100000',
      POLL_RATE_LIMIT_PER_MINUTE: '100000',
      STAFF_LOGIN_RATE_LIMIT_PER_MINUTE: '10000',
    }).catch(async (error: unknown) => {
      await connector.close();
      throw error;
    });
    try {
      const url = server.url;
      await createStaffAccount(
        server.service.database.staff,
        { username: 'nurse.fuzz', displayName: 'Nurse Fuzz', role: 'nurse', queues: ['digital_clinic'] },
        PASSWORD,
        DEFAULT_CATALOG.queues.map((q) => q.id),
        new Date(),
        FAST_SCRYPT,
      );
      const parsedLogin = JSON.parse(await loginCookie(url)) as StaffSession;
      expect(parsedLogin.cookie).toMatch(/^luotsi_staff=.+/);
      const caseIds: string[] = [];
      for (let n = 0; n < 4; n += 1) caseIds.push((await server.service.database.handoff.create(newCase(n), new Date())).id);

      const a = await startConversation(url, 'fi-FI');
      const b = await startConversation(url, 'fi-FI');
      const pool = [a];
      for (let n = 0; n < 6; n += 1) pool.push(await startConversation(url, localeFor(n)));
      const ctx: Context = { url, a, b, pool, staff: parsedLogin, caseIds, connectorUrl: connector.url };
      const bBefore = await activitiesOf(url, b);

      const rng = new Prng(SEED);
      const inputs = generateInputs(rng, ctx);
      const problems: string[] = [];
      let sent = 0;
      for (let start = 0; start < inputs.length; start += BATCH) {
        const batch = inputs.slice(start, start + BATCH);
        let next = 0;
        await Promise.all(
          Array.from({ length: CONCURRENCY }, async () => {
            while (next < batch.length) {
              const index = start + next;
              const input = batch[next]!;
              next += 1;
              const problem = await judge(input);
              sent += 1;
              if (problem) problems.push(`seed=${SEED} input #${index} ${input.label}: ${problem}`);
            }
          }),
        );
        const health = await request(url, 'GET', '/healthz');
        const ready = await request(url, 'GET', '/readyz');
        if (process.env.LUOTSI_FUZZ_PROGRESS) process.stderr.write(`fuzz: ${start + batch.length}/${inputs.length}, ${problems.length} problems\n`);
        if (health.status !== 200 || ready.status !== 200)
          problems.push(`seed=${SEED} after input #${start + batch.length - 1}: healthz ${health.status}, readyz ${ready.status}`);
      }

      if (process.env.LUOTSI_FUZZ_PROGRESS) process.stderr.write(`${problems.join('\n').slice(0, 20000)}\n`);
      expect(sent).toBeGreaterThanOrEqual(10_000);
      expect({ seed: SEED, problems: problems.slice(0, 50), count: problems.length }).toEqual({ seed: SEED, problems: [], count: 0 });
      // /api/messages never contacted a host that is not loopback.
      expect({ seed: SEED, outbound }).toEqual({ seed: SEED, outbound: [] });
      // Nothing polluted the prototypes of this process (the server runs in it).
      expect(({} as Record<string, unknown>).polluted).toBeUndefined();
      expect(({} as Record<string, unknown>).isAdmin).toBeUndefined();

      // Conversation B: the log is exactly as before, and the flow is where it was.
      const bAfter = await activitiesOf(url, b);
      expect({ seed: SEED, log: bAfter }).toEqual({ seed: SEED, log: bBefore });
      const answer = await request(
        url,
        'POST',
        `/v3/directline/conversations/${b.conversationId}/activities`,
        json({}, `Bearer ${b.token}`),
        JSON.stringify({ type: 'message', text: 'suomi' }),
      );
      expect(answer.status).toBe(200);
      const bot = (await activitiesOf(url, b)).activities.filter((x) => x.from.role === 'bot').map((x) => x.text);
      expect(bot[bot.length - 1]).toBe(fi('entry:privacy.question'));
      // The fuzz's own staff session still works (no fuzzed request ended or hijacked it).
      expect((await request(url, 'GET', '/staff/api/me', { cookie: parsedLogin.cookie })).status).toBe(200);
    } finally {
      await server.stop();
      await discardTestData(server);
      await connector.close();
    }
  }, 300_000);
});

function localeFor(n: number): string {
  return ['fi-FI', 'sv-FI', 'en-GB', 'fi', 'sv', 'en'][n % 6]!;
}

/** Logs the fuzz staff member in once more and returns the session as JSON (cookie + CSRF). */
async function loginCookie(url: string): Promise<string> {
  return new Promise<string>((resolve, reject) => {
    const target = new URL(url);
    const body = JSON.stringify({ username: 'nurse.fuzz', password: PASSWORD });
    const req = http.request(
      {
        host: target.hostname,
        port: target.port,
        method: 'POST',
        path: '/staff/api/login',
        agent,
        headers: { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(body)) },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const cookie = String(res.headers['set-cookie']?.[0] ?? '').split(';')[0]!;
          const csrf = (JSON.parse(Buffer.concat(chunks).toString('utf8')) as { csrfToken: string }).csrfToken;
          resolve(JSON.stringify({ cookie, csrf }));
        });
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

/** Sends one input and returns what is wrong with the answer, if anything. */
async function judge(input: FuzzInput): Promise<string | undefined> {
  let o: Outcome;
  try {
    o = await input.send();
  } catch (error) {
    return `no answer: ${String(error)}`;
  }
  if (o.status === 0) return `no answer: ${o.body}`;
  if (o.status >= 500 && !(o.status === 501 && input.label.includes('[botep-invoke]'))) return `status ${o.status}: ${o.body.slice(0, 300)}`;
  if (o.status >= 300 && o.status < 400 && o.status !== 101) return `status ${o.status}`;
  if (!o.nosniff) return 'no X-Content-Type-Options: nosniff';
  const path = input.label.split(' ')[1] ?? '';
  if (isApi(path) && o.body.length > 0 && !o.contentType.startsWith('application/json')) return `Content-Type ${o.contentType} on an API route`;
  if (o.contentType.startsWith('text/html')) {
    const reflected = MARKUP_PAYLOADS.find((p) => o.body.includes(p));
    if (reflected) return `HTML reflects ${reflected}`;
  }
  return input.check?.(o);
}

// ---------------------------------------------------------------- the rate limits, with low limits

describe('rate limits answer 429 with Retry-After', () => {
  it('limits token generation per client IP (TOKEN_RATE_LIMIT_PER_MINUTE)', async () => {
    const server = await startTestServer({ TOKEN_RATE_LIMIT_PER_MINUTE: '3' });
    try {
      const answers = [];
      for (let i = 0; i < 5; i += 1) answers.push(await request(server.url, 'POST', '/v3/directline/tokens/generate'));
      expect(answers.map((x) => x.status)).toEqual([200, 200, 200, 429, 429]);
      expect(Number(answers[3]!.retryAfter)).toBeGreaterThan(0);
      expect(JSON.parse(answers[3]!.body)).toMatchObject({ error: { code: 'TooManyRequests' } });
    } finally {
      await server.stop();
      await discardTestData(server);
    }
  });

  it('limits messages per conversation (MESSAGE_RATE_LIMIT_PER_MINUTE) and tells the client once, in its language', async () => {
    const server = await startTestServer({ MESSAGE_RATE_LIMIT_PER_MINUTE: '3' });
    try {
      const c = await startConversation(server.url, 'fi-FI');
      const other = await startConversation(server.url, 'fi-FI');
      const post = (conv: Conversation, body: object) =>
        request(server.url, 'POST', `/v3/directline/conversations/${conv.conversationId}/activities`, json({}, `Bearer ${conv.token}`), JSON.stringify(body));
      const statuses: number[] = [];
      let retryAfter: string | undefined;
      for (let i = 0; i < 6; i += 1) {
        const res = await post(c, { type: 'message', text: 'klingon' });
        statuses.push(res.status);
        if (res.status === 429) retryAfter ??= res.retryAfter;
      }
      expect(statuses).toEqual([200, 200, 200, 429, 429, 429]);
      expect(Number(retryAfter)).toBeGreaterThan(0);
      // Typing indicators do not count and are not refused.
      expect((await post(c, { type: 'typing' })).status).toBe(200);
      const texts = (await activitiesOf(server.url, c)).activities.map((x) => x.text);
      expect(texts.filter((t) => t === fi('common:errors.tooFast'))).toHaveLength(1);
      // The refused messages never reached the log.
      expect(texts.filter((t) => t === 'klingon')).toHaveLength(3);
      // Another conversation has its own budget.
      expect((await post(other, { type: 'message', text: 'suomi' })).status).toBe(200);
    } finally {
      await server.stop();
      await discardTestData(server);
    }
  });

  it('limits staff logins per client IP (STAFF_LOGIN_RATE_LIMIT_PER_MINUTE)', async () => {
    const server = await startTestServer({ STAFF_LOGIN_RATE_LIMIT_PER_MINUTE: '3' });
    try {
      const statuses: number[] = [];
      let retryAfter: string | undefined;
      for (let i = 0; i < 5; i += 1) {
        const res = await request(server.url, 'POST', '/staff/api/login', { 'content-type': 'application/json' }, JSON.stringify({ username: 'nobody' }));
        statuses.push(res.status);
        if (res.status === 429) retryAfter ??= res.retryAfter;
      }
      expect(statuses).toEqual([400, 400, 400, 429, 429]);
      expect(Number(retryAfter)).toBeGreaterThan(0);
    } finally {
      await server.stop();
      await discardTestData(server);
    }
  });
});

/** Deepest bracket nesting of JSON text outside strings (the test's own count, not the service's). */
function jsonNesting(text: string): number {
  let depth = 0;
  let deepest = 0;
  let inString = false;
  for (let i = 0; i < text.length; i += 1) {
    const c = text[i];
    if (inString) {
      if (c === '\\') i += 1;
      else if (c === '"') inString = false;
    } else if (c === '"') inString = true;
    else if (c === '{' || c === '[') deepest = Math.max(deepest, (depth += 1));
    else if (c === '}' || c === ']') depth -= 1;
  }
  return deepest;
}

/** 400 with the TooDeep code. */
function tooDeepAnswer(o: Outcome): string | undefined {
  return o.status === 400 && o.body.includes('TooDeep') ? undefined : `status ${o.status} ${o.body.slice(0, 120)}, expected 400 TooDeep`;
}
