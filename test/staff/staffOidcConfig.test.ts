// Staff sign-in settings: each bad value names its variable; the claim mapping refuses people in
// no listed group. Pure: no provider is needed to read settings.
import { ConfigError } from '../../errors';
import { accessFromClaims } from '../../staff/staffOidcAccess';
import { loadStaffOidcSettings } from '../../staff/staffOidcConfig';

const GOOD = {
  STAFF_OIDC_ISSUER: 'https://login.example.fi/tenant/v2.0',
  STAFF_OIDC_CLIENT_ID: 'luotsi',
  STAFF_OIDC_CLIENT_SECRET: 'secret',
  STAFF_OIDC_GROUP_ROLES: JSON.stringify({ nurses: { role: 'nurse', queues: ['digital_clinic'] } }),
};

function variableOf(env: Record<string, string>, publicUrl: string | null = 'https://chat.example.fi', mode: 'production' | 'test' = 'test'): string {
  try {
    loadStaffOidcSettings(env, mode, publicUrl ?? undefined);
    return 'none';
  } catch (error) {
    if (error instanceof ConfigError) return error.variable;
    throw error;
  }
}

test('without an issuer there is no staff provider: password accounts only', () => {
  expect(loadStaffOidcSettings({}, 'production', undefined)).toBeUndefined();
});

test('good settings read with their defaults and the redirect base from PUBLIC_URL', () => {
  const settings = loadStaffOidcSettings(GOOD, 'production', 'https://chat.example.fi');
  expect(settings?.redirectBaseUrl).toBe('https://chat.example.fi');
  expect(settings?.mapping.accountClaim).toBe('preferred_username');
  expect(settings?.mapping.groupsClaim).toBe('groups');
  expect(settings?.mapping.groups).toEqual([['nurses', { role: 'nurse', queues: ['digital_clinic'] }]]);
});

test.each([
  ['STAFF_OIDC_CLIENT_ID', { ...GOOD, STAFF_OIDC_CLIENT_ID: '' }],
  ['STAFF_OIDC_CLIENT_SECRET', { ...GOOD, STAFF_OIDC_CLIENT_SECRET: '' }],
  ['STAFF_OIDC_ISSUER', { ...GOOD, STAFF_OIDC_ISSUER: 'http://login.example.fi' }],
  ['STAFF_OIDC_SCOPES', { ...GOOD, STAFF_OIDC_SCOPES: 'profile email' }],
  ['STAFF_OIDC_GROUP_ROLES', { ...GOOD, STAFF_OIDC_GROUP_ROLES: '' }],
  ['STAFF_OIDC_GROUP_ROLES', { ...GOOD, STAFF_OIDC_GROUP_ROLES: '{not json' }],
  ['STAFF_OIDC_GROUP_ROLES', { ...GOOD, STAFF_OIDC_GROUP_ROLES: JSON.stringify({ g: { role: 'boss', queues: ['digital_clinic'] } }) }],
  ['STAFF_OIDC_GROUP_ROLES', { ...GOOD, STAFF_OIDC_GROUP_ROLES: JSON.stringify({ g: { role: 'nurse', queues: [] } }) }],
  ['STAFF_OIDC_GROUP_ROLES', { ...GOOD, STAFF_OIDC_GROUP_ROLES: '{}' }],
])('a bad %s is refused by name', (variable, env) => {
  expect(variableOf(env)).toBe(variable);
});

test('a provider needs a fixed callback base, and plain http is refused in production', () => {
  expect(variableOf(GOOD, null)).toBe('STAFF_OIDC_REDIRECT_BASE_URL');
  expect(variableOf({ ...GOOD, STAFF_OIDC_ALLOW_HTTP: 'true' }, null, 'production')).toBe('STAFF_OIDC_ALLOW_HTTP');
});

test('claims map to an oidc: account; no listed group or no account claim gives a refusal', () => {
  const mapping = {
    accountClaim: 'preferred_username',
    nameClaim: 'name',
    groupsClaim: 'groups',
    groups: [
      ['admins', { role: 'admin' as const, queues: ['a'] }],
      ['nurses', { role: 'nurse' as const, queues: ['b', 'a'] }],
    ] as const,
  };
  expect(accessFromClaims({ preferred_username: 'Anna@X.fi', name: 'Anna  A', groups: ['nurses', 'admins'] }, mapping)).toEqual({
    username: 'oidc:anna@x.fi',
    displayName: 'Anna A',
    role: 'admin',
    queues: ['a', 'b'],
  });
  expect(accessFromClaims({ preferred_username: 'anna', groups: 'nurses' }, mapping)).toEqual({
    username: 'oidc:anna',
    displayName: 'anna',
    role: 'nurse',
    queues: ['b', 'a'],
  });
  expect(accessFromClaims({ preferred_username: 'anna', groups: ['other'] }, mapping)).toBe('no_group');
  expect(accessFromClaims({ preferred_username: 'anna' }, mapping)).toBe('no_group');
  expect(accessFromClaims({ groups: ['nurses'] }, mapping)).toBe('no_account_claim');
  expect(accessFromClaims({ preferred_username: '<b>', groups: ['nurses'] }, mapping)).toBe('no_account_claim');
});
