import path from 'node:path';
import { loadConfig, SETTINGS } from '../config';
import { ConfigError } from '../errors';

// Random-looking, as production requires.
const SECRET = 'q7Vd2LrX9kPz4TmW8nYb3JcH6sFg1QaE5uZo0RtN';

function failure(env: Record<string, string>): ConfigError {
  try {
    loadConfig(env, '/srv/luotsi');
  } catch (error) {
    if (error instanceof ConfigError) return error;
    throw error;
  }
  throw new Error('expected a ConfigError');
}

describe('loadConfig', () => {
  it('gives the embedded defaults for an empty environment', () => {
    const config = loadConfig({}, '/srv/luotsi');
    expect(config.mode).toBe('development');
    expect(config.port).toBe(3978);
    expect(config.host).toBe('127.0.0.1');
    expect(config.dataDir).toBe(path.resolve('/srv/luotsi', 'data'));
    expect(config.topicModelDir).toBe(path.resolve('/srv/luotsi', 'data', 'nlu'));
    expect(config.tokenSecret).toBeUndefined();
    expect(config.defaultLocale).toBe('fi');
    expect(config.botFramework.appId).toBeUndefined();
    expect(config.botFramework.allowUnauthenticated).toBe(false);
  });

  it('keeps the topic model beside the data unless TOPIC_MODEL_DIR says where', () => {
    expect(loadConfig({ DATA_DIR: 'var' }, '/srv/luotsi').topicModelDir).toBe('/srv/luotsi/var/nlu');
    expect(loadConfig({ DATA_DIR: 'var', TOPIC_MODEL_DIR: '/opt/luotsi/model' }, '/srv/luotsi').topicModelDir).toBe('/opt/luotsi/model');
  });

  it('reads typed values', () => {
    const config = loadConfig(
      { PORT: '8080', TRUST_PROXY: 'true', MAX_MESSAGE_LENGTH: '500', DEFAULT_LOCALE: 'sv', PUBLIC_URL: 'https://chat.example.fi/path' },
      '/',
    );
    expect(config.port).toBe(8080);
    expect(config.trustProxy).toBe(true);
    expect(config.maxMessageLength).toBe(500);
    expect(config.defaultLocale).toBe('sv');
    expect(config.publicUrl).toBe('https://chat.example.fi');
  });

  it.each([
    [{ PORT: 'eighty' }, 'PORT'],
    [{ PORT: '70000' }, 'PORT'],
    [{ NODE_ENV: 'staging' }, 'NODE_ENV'],
    [{ TRUST_PROXY: 'maybe' }, 'TRUST_PROXY'],
    [{ DEFAULT_LOCALE: 'de' }, 'DEFAULT_LOCALE'],
    [{ PUBLIC_URL: 'not a url' }, 'PUBLIC_URL'],
    [{ PUBLIC_URL: 'ftp://example.fi' }, 'PUBLIC_URL'],
    [{ DIRECTLINE_TOKEN_SECRET: 'short' }, 'DIRECTLINE_TOKEN_SECRET'],
    [{ NODE_ENV: 'production' }, 'DIRECTLINE_TOKEN_SECRET'],
    [{ MicrosoftAppId: 'abc' }, 'MicrosoftAppPassword'],
    [{ MicrosoftAppType: 'SingleTenant', MicrosoftAppId: 'a', MicrosoftAppPassword: 'b' }, 'MicrosoftAppTenantId'],
    [{ NODE_ENV: 'production', DIRECTLINE_TOKEN_SECRET: SECRET, ALLOW_UNAUTHENTICATED_BOT_ENDPOINT: 'true' }, 'ALLOW_UNAUTHENTICATED_BOT_ENDPOINT'],
    [{ ALLOW_UNAUTHENTICATED_BOT_ENDPOINT: 'true', MicrosoftAppId: 'a', MicrosoftAppPassword: 'b' }, 'ALLOW_UNAUTHENTICATED_BOT_ENDPOINT'],
    [{ NODE_ENV: 'production', DIRECTLINE_TOKEN_SECRET: 'x'.repeat(40) }, 'DIRECTLINE_TOKEN_SECRET'],
    [{ NODE_ENV: 'production', DIRECTLINE_TOKEN_SECRET: 'change-me-to-a-long-random-value-ABCDEFGHIJ' }, 'DIRECTLINE_TOKEN_SECRET'],
    [{ NODE_ENV: 'production', DIRECTLINE_TOKEN_SECRET: SECRET, STAFF_SECURE_COOKIES: 'false' }, 'STAFF_SECURE_COOKIES'],
    [{ DATABASE_URL: 'mysql://db/luotsi' }, 'DATABASE_URL'],
    [{ DATABASE_SCHEMA: 'Robert"); DROP' }, 'DATABASE_SCHEMA'],
    [{ MESSAGE_RATE_LIMIT_PER_MINUTE: '0' }, 'MESSAGE_RATE_LIMIT_PER_MINUTE'],
  ])('fails fast naming the bad variable for %j', (env, variable) => {
    const error = failure(env as Record<string, string>);
    expect(error.variable).toBe(variable);
    expect(error.message).toContain(variable);
  });

  it('accepts production with a real secret', () => {
    expect(loadConfig({ NODE_ENV: 'production', DIRECTLINE_TOKEN_SECRET: SECRET }, '/').mode).toBe('production');
  });

  it('documents every variable it reads', () => {
    const documented = new Set(SETTINGS.map((s) => s.name));
    const source = require('node:fs').readFileSync(path.join(__dirname, '..', 'config.ts'), 'utf8') as string;
    const read = [...source.matchAll(/\(env, '([A-Za-z_]+)'/g)].map((m) => m[1]);
    expect(read.length).toBeGreaterThan(10);
    for (const name of read) expect(documented).toContain(name);
  });

  it.each(['.env.example', 'README.md'])('is documented variable by variable in %s', (file) => {
    const text = require('node:fs').readFileSync(path.join(__dirname, '..', file), 'utf8') as string;
    for (const setting of SETTINGS) expect(text).toContain(setting.name);
  });
});
