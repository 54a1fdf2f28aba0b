// Builds staff sign-in from its settings, checking the group grants against the catalog's queues
// at start: a grant naming an unknown queue stops the start with the variable's name.
import { ConfigError } from '../errors';
import { validateQueues } from './accounts';
import type { StaffAuthenticator } from './authentication';
import type { StaffOidcSettings } from './staffOidcConfig';
import { StaffOidcSignIn } from './staffOidcSignIn';
import type { StaffStore } from './staffStore';

/** The staff sign-in service for configured settings; throws ConfigError for an unknown queue. */
export function createStaffOidcSignIn(
  settings: StaffOidcSettings,
  store: StaffStore,
  authenticator: StaffAuthenticator,
  knownQueueIds: readonly string[],
): StaffOidcSignIn {
  const groups = settings.mapping.groups.map(([group, grant]) => {
    try {
      return [group, { role: grant.role, queues: validateQueues(grant.queues, knownQueueIds) }] as const;
    } catch (cause) {
      throw new ConfigError('STAFF_OIDC_GROUP_ROLES', `group "${group}": ${(cause as Error).message}`, { cause });
    }
  });
  return new StaffOidcSignIn(store, authenticator, {
    relyingParty: {
      issuer: settings.issuer,
      clientId: settings.clientId,
      authentication: { kind: 'client_secret', secret: settings.clientSecret },
      scopes: settings.scopes,
      redirectBaseUrl: settings.redirectBaseUrl,
      allowHttp: settings.allowHttp,
    },
    mapping: { ...settings.mapping, groups },
  });
}
