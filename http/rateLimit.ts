import { RateLimitedError } from '../errors';
import { epochMsOf, systemClock } from '../clock';

interface Bucket {
  tokens: number;
  updatedAt: number;
}

/** Keys tracked at most; the least recently used fall out, so memory stays bounded under a flood. */
const MAX_KEYS = 50_000;

/** Token bucket per key (client IP): `perMinute` calls, refilled continuously. */
export class RateLimiter {
  private readonly buckets = new Map<string, Bucket>();

  constructor(
    private readonly perMinute: number,
    private readonly clock: () => number = epochMsOf(systemClock),
  ) {}

  /** Takes one call for `key` or throws RateLimitedError with the seconds to wait. */
  take(key: string): void {
    const now = this.clock();
    const ratePerMs = this.perMinute / 60_000;
    const bucket = this.buckets.get(key) ?? { tokens: this.perMinute, updatedAt: now };
    this.buckets.delete(key);
    bucket.tokens = Math.min(this.perMinute, bucket.tokens + (now - bucket.updatedAt) * ratePerMs);
    bucket.updatedAt = now;
    this.buckets.set(key, bucket);
    if (this.buckets.size > MAX_KEYS) {
      const oldest = this.buckets.keys().next().value;
      if (oldest !== undefined) this.buckets.delete(oldest);
    }
    if (bucket.tokens < 1) {
      throw new RateLimitedError(Math.max(1, Math.ceil((1 - bucket.tokens) / ratePerMs / 1000)));
    }
    bucket.tokens -= 1;
  }
}
