/** One key's bucket: tokens left at `at` (epoch ms). */
interface Bucket {
  tokens: number;
  at: number;
}

/**
 * Token buckets per key (a client address, a conversation), refilled continuously, that keep
 * only the keys seen within one refill window: a bucket refilled to the brim is the same as no
 * bucket, so it is forgotten. The map is in least-recently-touched order, which is also
 * last-touch-time order, so the forgettable ones are always at its front and each call drops
 * them in amortized constant time. Memory thus follows the keys active in the last window, not
 * the keys ever seen (a county's finished conversations leave nothing behind); `maxKeys` is the
 * hard cap under a flood.
 */
export class TokenBuckets {
  private readonly buckets = new Map<string, Bucket>();
  private readonly ratePerMs: number;

  constructor(
    /** Tokens a full bucket holds. */
    private readonly capacity: number,
    /** Milliseconds an empty bucket takes to fill again. */
    refillMs: number,
    private readonly maxKeys: number,
  ) {
    this.ratePerMs = capacity / refillMs;
  }

  /**
   * Takes `count` tokens from `key`'s bucket at `now` when it holds that many; returns the tokens
   * it held before (so a result below `count` means refused and nothing was taken).
   */
  take(key: string, count: number, now: number): number {
    this.forgetFull(now);
    const bucket = this.buckets.get(key) ?? { tokens: this.capacity, at: now };
    this.buckets.delete(key);
    bucket.tokens = this.tokensAt(bucket, now);
    bucket.at = now;
    this.buckets.set(key, bucket);
    if (this.buckets.size > this.maxKeys) {
      const oldest = this.buckets.keys().next().value;
      if (oldest !== undefined) this.buckets.delete(oldest);
    }
    const held = bucket.tokens;
    if (held >= count) bucket.tokens -= count;
    return held;
  }

  /** Milliseconds until a bucket holding `tokens` has `wanted`. */
  waitMs(tokens: number, wanted: number): number {
    return (wanted - tokens) / this.ratePerMs;
  }

  /** Keys with a bucket that is not yet full again (for tests and metrics). */
  get size(): number {
    return this.buckets.size;
  }

  private tokensAt(bucket: Bucket, now: number): number {
    return Math.min(this.capacity, bucket.tokens + Math.max(0, now - bucket.at) * this.ratePerMs);
  }

  private forgetFull(now: number): void {
    for (const [key, bucket] of this.buckets) {
      if (this.tokensAt(bucket, now) < this.capacity) return;
      this.buckets.delete(key);
    }
  }
}
