import { RateLimitedError } from '../errors';
import { epochMsOf, systemClock } from '../clock';
import { TokenBuckets } from './tokenBuckets';

/** Keys tracked at most; the least recently used fall out, so memory stays bounded under a flood. */
const MAX_KEYS = 50_000;
const MINUTE_MS = 60_000;

/** Token bucket per key (client IP, conversation): `perMinute` calls, refilled continuously. */
export class RateLimiter {
  private readonly buckets: TokenBuckets;

  constructor(
    perMinute: number,
    private readonly clock: () => number = epochMsOf(systemClock),
  ) {
    this.buckets = new TokenBuckets(perMinute, MINUTE_MS, MAX_KEYS);
  }

  /** Takes one call for `key` or throws RateLimitedError with the seconds to wait. */
  take(key: string): void {
    const held = this.buckets.take(key, 1, this.clock());
    if (held < 1) throw new RateLimitedError(Math.max(1, Math.ceil(this.buckets.waitMs(held, 1) / 1000)));
  }

  /** Keys whose bucket is not full again yet; a key idle for a minute is forgotten. */
  get trackedKeys(): number {
    return this.buckets.size;
  }
}
