/**
 * Photo files one conversation may have checked per hour, refused ones included: decoding is
 * the expensive part, and a refused photo (unreadable, too many pixels) would otherwise cost
 * nothing to send again and again. A token bucket per conversation, refilled evenly.
 */
export class AttemptBudget {
  private readonly buckets = new Map<string, { tokens: number; at: number }>();

  constructor(
    private readonly perHour: number,
    private readonly clock: () => Date,
    private readonly maxKeys = 20_000,
  ) {}

  /** Takes `count` attempts for `key`; false (and nothing taken) when the budget has not that many left. */
  take(key: string, count: number): boolean {
    const now = this.clock().getTime();
    const bucket = this.buckets.get(key) ?? { tokens: this.perHour, at: now };
    this.buckets.delete(key);
    bucket.tokens = Math.min(this.perHour, bucket.tokens + ((now - bucket.at) * this.perHour) / 3_600_000);
    bucket.at = now;
    this.buckets.set(key, bucket);
    if (this.buckets.size > this.maxKeys) this.buckets.delete(this.buckets.keys().next().value as string);
    if (bucket.tokens < count) return false;
    bucket.tokens -= count;
    return true;
  }
}
