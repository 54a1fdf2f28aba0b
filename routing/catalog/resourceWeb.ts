// Which web address to show a client: the service's page in the client's language where the
// catalog has one (Swedish speakers get the Swedish page), its main address otherwise.

import type { Locale } from '../../flows/contract';
import type { Resource } from './types';

/** The web address of a resource for a client who speaks `locale`, if it has one. */
export function resourceWeb(resource: Resource, locale: Locale): string | undefined {
  return resource.webIn?.[locale] ?? resource.web;
}
