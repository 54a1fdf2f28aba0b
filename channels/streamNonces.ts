// Stream URLs are single-use: each carries a nonce, remembered until the URL would expire
// anyway, and a second upgrade with the same one is refused. A client that needs another
// stream asks for a fresh URL (GET /conversations/:id), which is rate limited.

/** Nonces remembered at most; beyond it the oldest go (they are about to expire anyway). */
const MAX_NONCES = 200_000;

/** The nonces of stream URLs already used, each until its URL's expiry. */
export class UsedStreamNonces {
  // Insertion order is expiry order: every URL lives equally long.
  private readonly used = new Map<string, number>();

  /** Records the nonce; false when it was used before (the URL is being replayed). */
  claim(nonce: string, expiresAtMs: number, nowMs: number): boolean {
    for (const [old, expiry] of this.used) {
      if (expiry > nowMs && this.used.size < MAX_NONCES) break;
      this.used.delete(old);
    }
    if (this.used.has(nonce)) return false;
    this.used.set(nonce, expiresAtMs);
    return true;
  }
}
