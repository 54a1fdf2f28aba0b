import { loadConfig } from '../../config';
import { ConfigError } from '../../errors';
import { createServer } from '../../index';
import { createLogger } from '../../logger';
import { tempDataDir } from '../support/testServer';

// Random-looking, as production requires.
const SECRET = 'q7Vd2LrX9kPz4TmW8nYb3JcH6sFg1QaE5uZo0RtN';
const KEY = Buffer.alloc(32, 7).toString('base64');
const PRODUCTION = { NODE_ENV: 'production', DIRECTLINE_TOKEN_SECRET: SECRET };

function failure(env: Record<string, string>): ConfigError {
  try {
    loadConfig(env, '/srv/luotsi');
  } catch (error) {
    if (error instanceof ConfigError) return error;
    throw error;
  }
  throw new Error('expected a ConfigError');
}

describe('identification settings', () => {
  it('offer the marked test provider in development, none by default in production', () => {
    expect(loadConfig({}, '/').identity.identification.provider).toBe('test');
    expect(loadConfig(PRODUCTION, '/').identity.identification.provider).toBe('none');
  });

  it('read an OpenID Connect provider with its claim mapping', () => {
    const config = loadConfig(
      { OIDC_ISSUER: 'https://tunnistus.example.fi/', OIDC_CLIENT_ID: 'luotsi', OIDC_CLIENT_SECRET: 's', OIDC_CLAIM_IDENTITY_CODE: 'hetu' },
      '/',
    );
    expect(config.identity.identification).toMatchObject({
      provider: 'oidc',
      issuer: 'https://tunnistus.example.fi',
      clientId: 'luotsi',
      authentication: { kind: 'client_secret', secret: 's' },
      claims: { identityCode: 'hetu', givenName: 'given_name', familyName: 'family_name' },
    });
  });

  it('take a private_key_jwt key from the environment', () => {
    const jwk = JSON.stringify({ kty: 'EC', crv: 'P-256', x: 'x', y: 'y', d: 'd', kid: 'k1', alg: 'ES256' });
    const config = loadConfig({ OIDC_ISSUER: 'https://tunnistus.example.fi', OIDC_CLIENT_ID: 'luotsi', OIDC_PRIVATE_KEY_JWK: jwk }, '/');
    expect(config.identity.identification).toMatchObject({ authentication: { kind: 'private_key_jwt', privateKeyJwk: { kid: 'k1' } } });
  });

  it.each([
    [{ ...PRODUCTION, IDENTIFICATION_PROVIDER: 'test' }, 'IDENTIFICATION_PROVIDER'],
    [{ IDENTIFICATION_PROVIDER: 'saml' }, 'IDENTIFICATION_PROVIDER'],
    [{ IDENTIFICATION_PROVIDER: 'oidc' }, 'OIDC_ISSUER'],
    [{ OIDC_ISSUER: 'http://tunnistus.example.fi', OIDC_CLIENT_ID: 'c', OIDC_CLIENT_SECRET: 's' }, 'OIDC_ISSUER'],
    [{ OIDC_ISSUER: 'https://tunnistus.example.fi', OIDC_CLIENT_SECRET: 's' }, 'OIDC_CLIENT_ID'],
    [{ OIDC_ISSUER: 'https://tunnistus.example.fi', OIDC_CLIENT_ID: 'c' }, 'OIDC_CLIENT_SECRET'],
    [{ OIDC_ISSUER: 'https://tunnistus.example.fi', OIDC_CLIENT_ID: 'c', OIDC_PRIVATE_KEY_JWK: '{"kty":"RSA"}' }, 'OIDC_PRIVATE_KEY_JWK'],
    [{ OIDC_ISSUER: 'https://tunnistus.example.fi', OIDC_CLIENT_ID: 'c', OIDC_CLIENT_SECRET: 's', OIDC_SCOPES: 'profile' }, 'OIDC_SCOPES'],
    [{ ...PRODUCTION, OIDC_ISSUER: 'https://tunnistus.example.fi', OIDC_CLIENT_ID: 'c', OIDC_CLIENT_SECRET: 's' }, 'IDENTITY_ENCRYPTION_KEY'],
    [{ ...PRODUCTION, OIDC_ALLOW_HTTP: 'true', IDENTITY_ENCRYPTION_KEY: KEY }, 'OIDC_ALLOW_HTTP'],
    [{ IDENTITY_ENCRYPTION_KEY: 'c2hvcnQ=' }, 'IDENTITY_ENCRYPTION_KEY'],
  ])('refuse %j naming the variable', (env, variable) => {
    expect(failure(env as Record<string, string>).variable).toBe(variable);
  });

  it('let production start with a provider and a key, but not without a provider while queues require identification', () => {
    const withProvider = loadConfig(
      { ...PRODUCTION, OIDC_ISSUER: 'https://tunnistus.example.fi', OIDC_CLIENT_ID: 'c', OIDC_CLIENT_SECRET: 's', IDENTITY_ENCRYPTION_KEY: KEY },
      '/',
    );
    expect(withProvider.identity.encryptionKey?.length).toBe(32);
    const dataDir = tempDataDir();
    const noProvider = loadConfig({ ...PRODUCTION, DATA_DIR: dataDir }, '/');
    let refused: unknown;
    try {
      createServer(noProvider, { logger: createLogger('silent') });
    } catch (error) {
      refused = error;
    }
    expect(refused).toBeInstanceOf(ConfigError);
    expect((refused as ConfigError).variable).toBe('IDENTIFICATION_PROVIDER');
    expect((refused as ConfigError).message).toContain('digital_clinic');
  });
});
