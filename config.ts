import os from 'node:os';
import path from 'node:path';
import { ConfigError } from './errors';
import { IDENTITY_VARIABLES, loadIdentitySettings, type IdentitySettings } from './identity/identityConfig';
import { loadStaffOidcSettings, STAFF_OIDC_VARIABLES, type StaffOidcSettings } from './staff/staffOidcConfig';

/** Runtime mode; production refuses unsafe development shortcuts. */
export type RuntimeMode = 'development' | 'production' | 'test';

/** The validated, typed configuration of one Luotsi process. */
export interface Config {
  mode: RuntimeMode;
  host: string;
  port: number;
  /** Public base URL (scheme://host[:port]) used in streamUrls; derived from the request when unset. */
  publicUrl: string | undefined;
  dataDir: string;
  /** Where the trained topic model is cached (keyed by its corpus hash); DATA_DIR/nlu unless set. */
  topicModelDir: string;
  /** PostgreSQL backend; SQLite in dataDir when `url` is unset. */
  database: {
    url: string | undefined;
    schema: string;
    poolSize: number;
    connectTimeoutMs: number;
  };
  /** HMAC key for channel tokens; when unset outside production one is generated into dataDir. */
  tokenSecret: string | undefined;
  tokenTtlSeconds: number;
  tokenRateLimitPerMinute: number;
  /** Identification pages (start, callback, test provider) per client IP per minute. */
  identifyRateLimitPerMinute: number;
  /** Messages (and uploads) per conversation per minute. */
  messageRateLimitPerMinute: number;
  /** Activity polls (GET …/activities) per conversation per minute. */
  pollRateLimitPerMinute: number;
  /** Open WebSocket streams per conversation (a new one closes the oldest) and per client address. */
  streams: { perConversation: number; perAddress: number };
  maxBodyBytes: number;
  maxMessageLength: number;
  photo: {
    /** Largest photo file accepted. */
    maxBytes: number;
    /** Photos per question. */
    maxPerQuestion: number;
    /** Pixel limit against decompression bombs. */
    maxInputPixels: number;
    /** Largest whole upload request. */
    maxUploadBytes: number;
    /** Images decoded at once in the whole process; the rest queue. */
    decodeConcurrency: number;
    /** Photo files one conversation may have checked per hour, refused ones included. */
    attemptsPerHour: number;
    /** Hosts Azure Bot Service channel attachments may be fetched from. */
    trustedAttachmentHosts: string[];
  };
  activityRetentionDays: number;
  /** Days an ended (closed, abandoned) handoff case is kept. */
  caseRetentionDays: number;
  /** Days audit entries are kept. */
  auditRetentionDays: number;
  flowIdleMinutes: number;
  turnTimeoutMs: number;
  shutdownTimeoutMs: number;
  trustProxy: boolean;
  /** Trusted proxies in front of the service; the client IP is the entry the outermost one appended. */
  proxyHops: number;
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  defaultLocale: 'fi' | 'sv' | 'en';
  /** Bearer token that /metrics requires; /metrics is off (404) without it. */
  metricsToken: string | undefined;
  /** Sums wall time per turn phase for the benchmark's breakdown (metrics/turnPhases.ts). */
  phaseTiming: boolean;
  /** Port of the primary's /metrics for all workers together (several workers only). */
  metricsPort: number | undefined;
  /** Worker processes sharing the port (node cluster); 1 runs in this process. */
  workers: number;
  botFramework: {
    appId: string | undefined;
    appPassword: string | undefined;
    appType: 'MultiTenant' | 'SingleTenant' | 'UserAssignedMSI';
    tenantId: string | undefined;
    /** Local development only: accept unauthenticated /api/messages from loopback service URLs. */
    allowUnauthenticated: boolean;
  };
  /** Staff console sessions, lockout and login limits. */
  staff: {
    /** Always mark the session cookie Secure (also set automatically on https requests). */
    secureCookies: boolean;
    /** Failed logins from one address that lock the username for that address. */
    maxFailedLogins: number;
    lockoutMinutes: number;
    /** Failed logins from all addresses together that lock the account everywhere (backstop). */
    accountLockFailures: number;
    sessionIdleMinutes: number;
    sessionMaxHours: number;
    /** A staff member counts as online for a queue this long after their last request. */
    presenceMinutes: number;
    loginRateLimitPerMinute: number;
    /** Login attempts per username per minute, from all addresses together. */
    usernameRateLimitPerMinute: number;
  };
  handoff: {
    /** Handling time the wait estimate uses while a queue has no history of its own. */
    defaultHandlingMinutes: number;
    /** A waiting client silent this long is marked abandoned (staff see it). */
    abandonMinutes: number;
    /** Shortest time between two queue-position updates to one client. */
    updateIntervalSeconds: number;
    /** A claimed case returns to its queue when its staff member has made no request for this long. */
    staffDropGraceSeconds: number;
  };
  /** Citizen identification (OpenID Connect, the test provider, or none) and the key sealing identities. */
  identity: IdentitySettings;
  /** Staff sign-in with the county's OpenID Connect provider; undefined: password accounts only. */
  staffOidc: StaffOidcSettings | undefined;
}

type Env = Record<string, string | undefined>;

/** One documented environment variable; README's configuration table is generated from this list. */
export interface SettingDoc {
  name: string;
  default: string;
  description: string;
}

/** Every variable config.ts reads, with its default and meaning. */
export const SETTINGS: readonly SettingDoc[] = [
  { name: 'NODE_ENV', default: 'development', description: 'development, production or test; production refuses development shortcuts' },
  { name: 'HOST', default: '127.0.0.1', description: 'interface to listen on (0.0.0.0 in a container)' },
  { name: 'PORT', default: '3978', description: 'TCP port' },
  { name: 'PUBLIC_URL', default: '(from request)', description: 'public base URL, e.g. https://chat.example.fi, used in WebSocket stream URLs' },
  { name: 'DATA_DIR', default: './data', description: 'directory of the SQLite database and the generated development token key' },
  {
    name: 'TOPIC_MODEL_DIR',
    default: 'DATA_DIR/nlu',
    description:
      'where the trained topic model is cached, keyed by the hash of its corpus (a shared or read-only copy saves the training at start; the tests share one)',
  },
  {
    name: 'DATABASE_URL',
    default: '(unset: SQLite)',
    description: 'postgresql://user:password@host:5432/db — use PostgreSQL (required for several instances); unset, the embedded SQLite in DATA_DIR',
  },
  { name: 'DATABASE_SCHEMA', default: 'public', description: "PostgreSQL schema of Luotsi's tables (created if missing)" },
  { name: 'DATABASE_POOL_SIZE', default: '10', description: 'PostgreSQL connections per instance for queries (and as many again for turn locks)' },
  {
    name: 'DATABASE_CONNECT_TIMEOUT_MS',
    default: '5000',
    description: 'how long a request waits for a PostgreSQL connection before it is answered 503 + Retry-After',
  },
  {
    name: 'DIRECTLINE_TOKEN_SECRET',
    default: '(generated in development)',
    description: 'HMAC key (at least 32 characters) that signs web channel tokens; required in production',
  },
  {
    name: 'METRICS_TOKEN',
    default: '(unset: /metrics off)',
    description: 'bearer token (at least 24 characters) that Prometheus sends to scrape `/metrics` (see Metrics for operations)',
  },
  {
    name: 'PHASE_TIMING',
    default: 'false',
    description:
      "true: sum wall time per turn phase (request, auth, state read, transition, render, commit) for the benchmark's breakdown; names and sums only",
  },
  {
    name: 'METRICS_PORT',
    default: '(unset)',
    description:
      'with several workers: port on which the primary process serves `/metrics` for all workers together (same bearer token); unset, each worker answers `/metrics` for itself on the service port',
  },
  {
    name: 'WEB_CONCURRENCY',
    default: '1 (production on PostgreSQL: the number of cores)',
    description: 'worker processes sharing the port (node cluster); more than 1 needs PostgreSQL',
  },
  { name: 'TOKEN_TTL_SECONDS', default: '3600', description: 'lifetime of a web channel token; clients refresh before it ends' },
  { name: 'TOKEN_RATE_LIMIT_PER_MINUTE', default: '20', description: 'token generations allowed per client IP per minute' },
  {
    name: 'IDENTIFY_RATE_LIMIT_PER_MINUTE',
    default: '30',
    description: 'identification pages (start, return from the provider, test provider) per client IP per minute; beyond it 429 and a page asking to wait',
  },
  {
    name: 'MESSAGE_RATE_LIMIT_PER_MINUTE',
    default: '60',
    description: 'messages and uploads one conversation may send per minute (burst of as many); beyond it 429 + Retry-After and a notice in the chat',
  },
  {
    name: 'POLL_RATE_LIMIT_PER_MINUTE',
    default: '120',
    description:
      'activity polls (GET …/activities) one conversation may make per minute (the official client polls once a second); beyond it 429 + Retry-After. Fresh stream URLs: 30 per conversation per minute',
  },
  {
    name: 'STREAMS_PER_CONVERSATION',
    default: '3',
    description: 'open WebSocket streams one conversation may have (tabs); a new one closes the oldest. Stream URLs are single-use',
  },
  {
    name: 'STREAMS_PER_ADDRESS',
    default: '30',
    description: 'open WebSocket streams per client IP over all its conversations; beyond it the upgrade is refused 429',
  },
  { name: 'MAX_BODY_BYTES', default: '65536', description: 'largest accepted JSON request body' },
  { name: 'MAX_MESSAGE_LENGTH', default: '2000', description: 'longest chat message in characters; longer ones get a "too long" answer' },
  { name: 'PHOTO_MAX_BYTES', default: '10485760', description: 'largest photo file in bytes (10 MB); larger ones get a "too large" answer' },
  { name: 'PHOTO_MAX_PER_QUESTION', default: '3', description: 'photos a client may attach to one question' },
  {
    name: 'PHOTO_MAX_INPUT_PIXELS',
    default: '25000000',
    description: 'largest image in pixels (width x height) that is decoded (a 24 MP phone photo fits); protects against decompression bombs and decoding cost',
  },
  {
    name: 'IMAGE_DECODE_CONCURRENCY',
    default: '2',
    description:
      'images decoded at once in the whole process (one libvips thread each); further uploads wait their turn, so decoding never takes the thread pool that password hashing needs',
  },
  {
    name: 'PHOTO_ATTEMPTS_PER_HOUR',
    default: '15',
    description: 'photo files one conversation may have checked per hour, refused ones included; beyond it the chat says to try again later',
  },
  {
    name: 'UV_THREADPOOL_SIZE',
    default: '8',
    description: "Node's libuv thread pool (image decoding, password hashing, file access); Luotsi sets 8 unless the environment says otherwise",
  },
  {
    name: 'TRUSTED_ATTACHMENT_HOSTS',
    default: 'directline.botframework.com,*.directline.botframework.com,smba.trafficmanager.net',
    description: 'comma-separated hosts (or *.suffix) that photos sent on Azure Bot Service channels are fetched from; nothing else is fetched',
  },
  {
    name: 'UPLOAD_MAX_BODY_BYTES',
    default: '32505856',
    description: 'largest whole upload request in bytes (default: 3 photos of 10 MB and 1 MB for the rest)',
  },
  {
    name: 'ACTIVITY_RETENTION_DAYS',
    default: '30',
    description: 'days a web conversation, its messages, its bot state and its photos not handed to staff are kept after its last activity',
  },
  {
    name: 'CASE_RETENTION_DAYS',
    default: '90',
    description:
      'days a closed or abandoned (incl. withdrawn) handoff case, its messages and its photos are kept after it ended: time for follow-up contacts and complaints; the record of care belongs in the client/patient record system',
  },
  {
    name: 'AUDIT_RETENTION_DAYS',
    default: '730',
    description:
      "days staff audit entries (views, claims, exports, deletions, client erasures) are kept, also after the case is gone; set per the county's records management plan",
  },
  { name: 'FLOW_IDLE_MINUTES', default: '30', description: 'idle minutes after which the next message starts the conversation afresh' },
  { name: 'TURN_TIMEOUT_MS', default: '15000', description: 'longest time the channel waits for the bot to finish a turn' },
  { name: 'SHUTDOWN_TIMEOUT_MS', default: '10000', description: 'how long shutdown waits for turns in flight' },
  {
    name: 'TRUST_PROXY',
    default: 'false',
    description:
      'true behind a load balancer: take the client IP from X-Forwarded-For (the entry the proxy appended, never the client-written ones to its left)',
  },
  {
    name: 'TRUST_PROXY_HOPS',
    default: '1',
    description:
      'with TRUST_PROXY: how many proxies each append an X-Forwarded-For entry (e.g. 2 for a CDN in front of the load balancer); the client IP is that many entries from the right',
  },
  { name: 'LOG_LEVEL', default: 'info', description: 'pino log level' },
  { name: 'DEFAULT_LOCALE', default: 'fi', description: 'language when the client does not say (fi, sv, en)' },
  { name: 'MicrosoftAppId', default: '(unset)', description: 'Azure Bot app id; enables /api/messages with Bot Framework authentication' },
  { name: 'MicrosoftAppPassword', default: '(unset)', description: 'Azure Bot client secret' },
  { name: 'MicrosoftAppType', default: 'MultiTenant', description: 'MultiTenant, SingleTenant or UserAssignedMSI' },
  { name: 'MicrosoftAppTenantId', default: '(unset)', description: 'tenant id for SingleTenant and UserAssignedMSI' },
  {
    name: 'STAFF_SECURE_COOKIES',
    default: 'true in production, else false',
    description: 'always mark the staff session cookie Secure (it is Secure on https requests anyway); set true behind a TLS-terminating proxy',
  },
  {
    name: 'STAFF_MAX_FAILED_LOGINS',
    default: '5',
    description: 'consecutive failed staff logins from one client address that lock the username for that address (others can still log in)',
  },
  {
    name: 'STAFF_ACCOUNT_LOCK_FAILURES',
    default: '30',
    description: 'consecutive failed logins from all addresses together that lock the account everywhere: the backstop against guessing from many addresses',
  },
  { name: 'STAFF_LOCKOUT_MINUTES', default: '15', description: 'how long a locked staff account stays locked' },
  { name: 'STAFF_SESSION_IDLE_MINUTES', default: '30', description: 'a staff session unused this long ends' },
  { name: 'STAFF_SESSION_MAX_HOURS', default: '12', description: 'a staff session ends this long after login however active it is' },
  { name: 'STAFF_PRESENCE_MINUTES', default: '5', description: 'a staff member counts as online for their queues this long after their last request' },
  { name: 'STAFF_LOGIN_RATE_LIMIT_PER_MINUTE', default: '10', description: 'staff login attempts allowed per client IP per minute (429 + Retry-After beyond)' },
  {
    name: 'STAFF_LOGIN_RATE_LIMIT_PER_USERNAME_PER_MINUTE',
    default: '10',
    description: 'staff login attempts allowed per username per minute from all addresses together (429 + Retry-After beyond)',
  },
  { name: 'HANDOFF_ABANDON_MINUTES', default: '30', description: "minutes of silence after which a waiting client's case is marked abandoned" },
  { name: 'HANDOFF_UPDATE_SECONDS', default: '60', description: 'shortest time between two queue position updates to one waiting client' },
  {
    name: 'HANDOFF_STAFF_DROP_GRACE_SECONDS',
    default: '180',
    description:
      'a claimed case goes back to its queue (arrival time kept, with a note, the client told) when the staff member holding it has made no request for this long',
  },
  {
    name: 'HANDOFF_DEFAULT_HANDLING_MINUTES',
    default: '10',
    description: 'handling time per case the queue wait estimate uses while a queue has no closed cases in the last 48 hours',
  },
  {
    name: 'ALLOW_UNAUTHENTICATED_BOT_ENDPOINT',
    default: 'false',
    description: 'development only: serve /api/messages without an app id, replying to loopback service URLs only (Bot Framework Emulator)',
  },
  ...IDENTITY_VARIABLES,
  ...STAFF_OIDC_VARIABLES,
];

function intSetting(env: Env, name: string, fallback: number, min: number, max: number): number {
  const raw = env[name];
  if (raw === undefined || raw.trim() === '') return fallback;
  if (!/^\d+$/.test(raw.trim())) throw new ConfigError(name, `must be a whole number, got "${raw}"`);
  const value = Number(raw.trim());
  if (value < min || value > max) throw new ConfigError(name, `must be between ${min} and ${max}, got ${value}`);
  return value;
}

function boolSetting(env: Env, name: string, fallback: boolean): boolean {
  const raw = env[name];
  if (raw === undefined || raw.trim() === '') return fallback;
  const value = raw.trim().toLowerCase();
  if (['true', '1', 'yes'].includes(value)) return true;
  if (['false', '0', 'no'].includes(value)) return false;
  throw new ConfigError(name, `must be true or false, got "${raw}"`);
}

function oneOf<T extends string>(env: Env, name: string, allowed: readonly T[], fallback: T): T {
  const raw = env[name];
  if (raw === undefined || raw.trim() === '') return fallback;
  const value = raw.trim() as T;
  if (!allowed.includes(value)) throw new ConfigError(name, `must be one of ${allowed.join(', ')}, got "${raw}"`);
  return value;
}

function optional(env: Env, name: string): string | undefined {
  const raw = env[name];
  return raw === undefined || raw.trim() === '' ? undefined : raw.trim();
}

function hostList(env: Env, name: string, fallback: string[]): string[] {
  const raw = optional(env, name);
  if (raw === undefined) return fallback;
  const hosts = raw
    .split(',')
    .map((h) => h.trim().toLowerCase())
    .filter((h) => h !== '');
  for (const host of hosts) {
    if (!/^(\*\.)?[a-z0-9-]+(\.[a-z0-9-]+)+$/.test(host)) throw new ConfigError(name, `"${host}" is not a host name or *.suffix`);
  }
  return hosts;
}

function databaseUrlSetting(env: Env): string | undefined {
  const raw = optional(env, 'DATABASE_URL');
  if (raw === undefined) return undefined;
  let url: URL;
  try {
    url = new URL(raw);
  } catch (cause) {
    // The value may hold a password: never echo it.
    throw new ConfigError('DATABASE_URL', 'is not a URL', { cause });
  }
  if (url.protocol !== 'postgres:' && url.protocol !== 'postgresql:') throw new ConfigError('DATABASE_URL', 'must be a postgres:// or postgresql:// URL');
  return raw;
}

function schemaSetting(env: Env): string {
  const schema = optional(env, 'DATABASE_SCHEMA') ?? 'public';
  if (!/^[a-z_][a-z0-9_]{0,62}$/.test(schema)) throw new ConfigError('DATABASE_SCHEMA', `must be a lower-case SQL name (a-z, 0-9, _), got "${schema}"`);
  return schema;
}

function workersSetting(env: Env, mode: RuntimeMode, postgres: boolean): number {
  // Workers share one database; the embedded SQLite is one process's file.
  const fallback = postgres && mode === 'production' ? os.availableParallelism() : 1;
  const workers = intSetting(env, 'WEB_CONCURRENCY', fallback, 1, 64);
  if (workers > 1 && !postgres) throw new ConfigError('WEB_CONCURRENCY', 'needs PostgreSQL (DATABASE_URL): the embedded SQLite runs in one process');
  return workers;
}

function metricsTokenSetting(env: Env): string | undefined {
  const token = optional(env, 'METRICS_TOKEN');
  // The metrics show load and queue lengths: a guessable token would make them public.
  if (token !== undefined && token.length < 24) throw new ConfigError('METRICS_TOKEN', 'must be at least 24 characters (a random key, see .env.example)');
  return token;
}

function publicUrlSetting(env: Env): string | undefined {
  const raw = optional(env, 'PUBLIC_URL');
  if (raw === undefined) return undefined;
  let url: URL;
  try {
    url = new URL(raw);
  } catch (cause) {
    throw new ConfigError('PUBLIC_URL', `is not a URL: "${raw}"`, { cause });
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new ConfigError('PUBLIC_URL', 'must use http or https');
  return url.origin;
}

/** Reads and validates the environment; throws ConfigError naming the first bad variable. */
export function loadConfig(env: Env = process.env, cwd: string = process.cwd()): Config {
  const mode = oneOf(env, 'NODE_ENV', ['development', 'production', 'test'] as const, 'development');
  const tokenSecret = optional(env, 'DIRECTLINE_TOKEN_SECRET');
  if (tokenSecret !== undefined && tokenSecret.length < 32) {
    throw new ConfigError('DIRECTLINE_TOKEN_SECRET', 'must be at least 32 characters');
  }
  if (mode === 'production' && tokenSecret === undefined) {
    throw new ConfigError('DIRECTLINE_TOKEN_SECRET', 'is required in production');
  }
  // A key typed by hand ("changeme…", "xxxx…") or left from an example is guessable: production
  // takes only a random one (the README and .env.example show how to generate it).
  if (
    mode === 'production' &&
    tokenSecret !== undefined &&
    (new Set(tokenSecret).size < 10 || /change.?me|example|secret|password|development/i.test(tokenSecret))
  ) {
    throw new ConfigError('DIRECTLINE_TOKEN_SECRET', 'looks like a placeholder, not a random key; generate one (see .env.example)');
  }
  const appId = optional(env, 'MicrosoftAppId');
  const appPassword = optional(env, 'MicrosoftAppPassword');
  const appType = oneOf(env, 'MicrosoftAppType', ['MultiTenant', 'SingleTenant', 'UserAssignedMSI'] as const, 'MultiTenant');
  const tenantId = optional(env, 'MicrosoftAppTenantId');
  if (appId !== undefined && appType !== 'UserAssignedMSI' && appPassword === undefined) {
    throw new ConfigError('MicrosoftAppPassword', 'is required when MicrosoftAppId is set');
  }
  if (appType !== 'MultiTenant' && tenantId === undefined) {
    throw new ConfigError('MicrosoftAppTenantId', `is required for ${appType}`);
  }
  const allowUnauthenticated = boolSetting(env, 'ALLOW_UNAUTHENTICATED_BOT_ENDPOINT', false);
  if (allowUnauthenticated && mode === 'production') {
    throw new ConfigError('ALLOW_UNAUTHENTICATED_BOT_ENDPOINT', 'cannot be used in production');
  }
  if (allowUnauthenticated && appId !== undefined) {
    throw new ConfigError('ALLOW_UNAUTHENTICATED_BOT_ENDPOINT', 'makes no sense with MicrosoftAppId set; unset one of them');
  }
  const dataDirRaw = optional(env, 'DATA_DIR') ?? './data';
  if (mode === 'production' && optional(env, 'STAFF_SECURE_COOKIES') !== undefined && !boolSetting(env, 'STAFF_SECURE_COOKIES', true)) {
    throw new ConfigError('STAFF_SECURE_COOKIES', 'cannot be false in production: staff sessions travel only over HTTPS');
  }
  return {
    mode,
    host: optional(env, 'HOST') ?? '127.0.0.1',
    port: intSetting(env, 'PORT', 3978, 0, 65535),
    publicUrl: publicUrlSetting(env),
    dataDir: path.resolve(cwd, dataDirRaw),
    topicModelDir: path.resolve(cwd, optional(env, 'TOPIC_MODEL_DIR') ?? path.join(dataDirRaw, 'nlu')),
    database: {
      url: databaseUrlSetting(env),
      schema: schemaSetting(env),
      poolSize: intSetting(env, 'DATABASE_POOL_SIZE', 10, 1, 200),
      connectTimeoutMs: intSetting(env, 'DATABASE_CONNECT_TIMEOUT_MS', 5000, 100, 120000),
    },
    tokenSecret,
    tokenTtlSeconds: intSetting(env, 'TOKEN_TTL_SECONDS', 3600, 60, 86400),
    tokenRateLimitPerMinute: intSetting(env, 'TOKEN_RATE_LIMIT_PER_MINUTE', 20, 1, 100000),
    identifyRateLimitPerMinute: intSetting(env, 'IDENTIFY_RATE_LIMIT_PER_MINUTE', 30, 1, 100000),
    messageRateLimitPerMinute: intSetting(env, 'MESSAGE_RATE_LIMIT_PER_MINUTE', 60, 1, 1_000_000),
    pollRateLimitPerMinute: intSetting(env, 'POLL_RATE_LIMIT_PER_MINUTE', 120, 1, 1_000_000),
    streams: {
      perConversation: intSetting(env, 'STREAMS_PER_CONVERSATION', 3, 1, 20),
      perAddress: intSetting(env, 'STREAMS_PER_ADDRESS', 30, 1, 100000),
    },
    maxBodyBytes: intSetting(env, 'MAX_BODY_BYTES', 65536, 1024, 10 * 1024 * 1024),
    maxMessageLength: intSetting(env, 'MAX_MESSAGE_LENGTH', 2000, 10, 100000),
    photo: {
      maxBytes: intSetting(env, 'PHOTO_MAX_BYTES', 10 * 1024 * 1024, 1024, 100 * 1024 * 1024),
      maxPerQuestion: intSetting(env, 'PHOTO_MAX_PER_QUESTION', 3, 1, 10),
      maxInputPixels: intSetting(env, 'PHOTO_MAX_INPUT_PIXELS', 25_000_000, 10_000, 500_000_000),
      decodeConcurrency: intSetting(env, 'IMAGE_DECODE_CONCURRENCY', 2, 1, 64),
      attemptsPerHour: intSetting(env, 'PHOTO_ATTEMPTS_PER_HOUR', 15, 1, 100_000),
      maxUploadBytes: intSetting(env, 'UPLOAD_MAX_BODY_BYTES', 31 * 1024 * 1024, 1024, 1024 * 1024 * 1024),
      trustedAttachmentHosts: hostList(env, 'TRUSTED_ATTACHMENT_HOSTS', [
        'directline.botframework.com',
        '*.directline.botframework.com',
        'smba.trafficmanager.net',
      ]),
    },
    activityRetentionDays: intSetting(env, 'ACTIVITY_RETENTION_DAYS', 30, 1, 3650),
    caseRetentionDays: intSetting(env, 'CASE_RETENTION_DAYS', 90, 1, 3650),
    auditRetentionDays: intSetting(env, 'AUDIT_RETENTION_DAYS', 730, 30, 7300),
    flowIdleMinutes: intSetting(env, 'FLOW_IDLE_MINUTES', 30, 1, 10080),
    turnTimeoutMs: intSetting(env, 'TURN_TIMEOUT_MS', 15000, 100, 120000),
    shutdownTimeoutMs: intSetting(env, 'SHUTDOWN_TIMEOUT_MS', 10000, 0, 120000),
    trustProxy: boolSetting(env, 'TRUST_PROXY', false),
    proxyHops: intSetting(env, 'TRUST_PROXY_HOPS', 1, 1, 10),
    logLevel: oneOf(env, 'LOG_LEVEL', ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const, 'info'),
    defaultLocale: oneOf(env, 'DEFAULT_LOCALE', ['fi', 'sv', 'en'] as const, 'fi'),
    metricsToken: metricsTokenSetting(env),
    phaseTiming: boolSetting(env, 'PHASE_TIMING', false),
    metricsPort: optional(env, 'METRICS_PORT') === undefined ? undefined : intSetting(env, 'METRICS_PORT', 0, 1, 65535),
    workers: workersSetting(env, mode, databaseUrlSetting(env) !== undefined),
    botFramework: { appId, appPassword, appType, tenantId, allowUnauthenticated },
    staff: {
      secureCookies: boolSetting(env, 'STAFF_SECURE_COOKIES', mode === 'production'),
      maxFailedLogins: intSetting(env, 'STAFF_MAX_FAILED_LOGINS', 5, 1, 100),
      lockoutMinutes: intSetting(env, 'STAFF_LOCKOUT_MINUTES', 15, 1, 1440),
      accountLockFailures: intSetting(env, 'STAFF_ACCOUNT_LOCK_FAILURES', 30, 1, 10000),
      sessionIdleMinutes: intSetting(env, 'STAFF_SESSION_IDLE_MINUTES', 30, 1, 1440),
      sessionMaxHours: intSetting(env, 'STAFF_SESSION_MAX_HOURS', 12, 1, 168),
      presenceMinutes: intSetting(env, 'STAFF_PRESENCE_MINUTES', 5, 1, 120),
      loginRateLimitPerMinute: intSetting(env, 'STAFF_LOGIN_RATE_LIMIT_PER_MINUTE', 10, 1, 10000),
      usernameRateLimitPerMinute: intSetting(env, 'STAFF_LOGIN_RATE_LIMIT_PER_USERNAME_PER_MINUTE', 10, 1, 10000),
    },
    handoff: {
      defaultHandlingMinutes: intSetting(env, 'HANDOFF_DEFAULT_HANDLING_MINUTES', 10, 1, 600),
      abandonMinutes: intSetting(env, 'HANDOFF_ABANDON_MINUTES', 30, 1, 1440),
      updateIntervalSeconds: intSetting(env, 'HANDOFF_UPDATE_SECONDS', 60, 5, 3600),
      staffDropGraceSeconds: intSetting(env, 'HANDOFF_STAFF_DROP_GRACE_SECONDS', 180, 30, 3600),
    },
    identity: loadIdentitySettings(env, mode),
    staffOidc: loadStaffOidcSettings(env, mode, publicUrlSetting(env)),
  };
}
