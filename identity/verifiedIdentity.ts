/** Who identified, as the provider verified them; kept sealed on the case only. */
export interface VerifiedIdentity {
  givenName: string;
  familyName: string;
  /** Finnish personal identity code (henkilötunnus). */
  identityCode: string;
  /** The provider's assurance level (acr), or `test` from the built-in test provider. */
  assurance: string;
  provider: 'oidc' | 'test';
  /** ISO time of the identification. */
  identifiedAt: string;
  /**
   * Whose matter the case is: the identified person's own, or someone else's (a relative acting
   * for them identifies as themselves; a mandate or guardianship is not checked).
   */
  matterOf?: 'self' | 'other';
}

/** "Maija M.": what the chat says back, never the identity code. */
export function shortName(identity: Pick<VerifiedIdentity, 'givenName' | 'familyName'>): string {
  const initial = [...identity.familyName.trim()][0];
  return initial ? `${identity.givenName.trim()} ${initial}.` : identity.givenName.trim();
}
