import { TokenBuckets } from '../http/tokenBuckets';

const HOUR_MS = 3_600_000;

/**
 * Photo files one conversation may have checked per hour, refused ones included: decoding is
 * the expensive part, and a refused photo (unreadable, too many pixels) would otherwise cost
 * nothing to send again and again. A token bucket per conversation, refilled evenly.
 */
export class AttemptBudget {
  private readonly buckets: TokenBuckets;

  constructor(
    perHour: number,
    private readonly clock: () => Date,
    maxKeys = 20_000,
  ) {
    this.buckets = new TokenBuckets(perHour, HOUR_MS, maxKeys);
  }

  /** Takes `count` attempts for `key`; false (and nothing taken) when the budget has not that many left. */
  take(key: string, count: number): boolean {
    return this.buckets.take(key, count, this.clock().getTime()) >= count;
  }

  /** Conversations whose budget is not full again yet; one idle for an hour is forgotten. */
  get trackedKeys(): number {
    return this.buckets.size;
  }
}
