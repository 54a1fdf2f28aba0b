// The verified identity on a case: sealed (identity/identitySealer.ts) with the case id as its
// additional data, in handoff_cases.identity_sealed, so it goes wherever the case goes: export,
// transfer, and deletion by retention or erasure. Reading it for staff is the staff API's job
// (queue access checked, each view audited); the store only keeps the sealed text.

/** Keeps the sealed identity of a case. */
export interface CaseIdentityStore {
  /**
   * Seals an identity onto the conversation's open case (waiting, claimed or a contact request);
   * `seal` gets the case id. Returns the case id, or undefined when the conversation has none open.
   */
  attachToOpenCase(conversationId: string, seal: (caseId: string) => string): Promise<string | undefined>;
  /** The case's queue and sealed identity (undefined: no such case); the caller checks access. */
  sealedOf(caseId: string): Promise<{ queueId: string; sealed: string | undefined } | undefined>;
}
