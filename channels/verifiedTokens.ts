import type { ChannelTokenClaims, TokenSigner } from './tokens';

/** Verified conversation tokens remembered at most: about 0.5 KiB each, a miss costs one HMAC. */
const DEFAULT_MAX_ENTRIES = 2_000;
/**
 * How long a verdict is remembered: a client in a conversation polls about once a second, so a
 * minute covers its turns, and a finished conversation leaves nothing behind a minute later.
 */
const DEFAULT_REMEMBER_MS = 60_000;

interface Verdict {
  claims: ChannelTokenClaims;
  verifiedAt: number;
}

/**
 * Conversation tokens already verified, so a turn's POST and GET do not each redo the HMAC and
 * the JSON of the same token. Only the signature check is remembered: a token's claims are a
 * pure function of its text and the key, so nothing can make a remembered verdict wrong except
 * time, and expiry is checked against the clock on every hit. Whether the conversation still
 * exists (erasure, retention) is not remembered here: the channel asks the database on every
 * request, so a deleted conversation is refused at once on every instance.
 */
export class VerifiedTokens {
  /** In the order verified (a Map keeps insertion order), so the oldest are at the front. */
  private readonly verified = new Map<string, Verdict>();

  constructor(
    private readonly signer: TokenSigner,
    private readonly maxEntries = DEFAULT_MAX_ENTRIES,
    private readonly rememberMs = DEFAULT_REMEMBER_MS,
  ) {}

  /** As TokenSigner.verify for a conversation token; throws the same errors. */
  verifyConversation(token: string, now: Date): ChannelTokenClaims {
    const at = now.getTime();
    const known = this.verified.get(token);
    if (known !== undefined && known.verifiedAt + this.rememberMs > at && known.claims.exp * 1000 > at) return known.claims;
    // Unknown, stale or expired: the signer decides (and names the error).
    this.verified.delete(token);
    const claims = this.signer.verify(token, 'conversation', now);
    for (const [old, verdict] of this.verified) {
      if (verdict.verifiedAt + this.rememberMs > at && this.verified.size < this.maxEntries) break;
      this.verified.delete(old);
    }
    this.verified.set(token, { claims, verifiedAt: at });
    return claims;
  }

  /** Tokens remembered now (for memory checks). */
  get size(): number {
    return this.verified.size;
  }
}
