/**
 * Lets one typing signal per key through per interval: a client's typing indicators cost a case
 * lookup each, and nothing but the client's own page limits how often it sends them.
 */
export class TypingThrottle {
  private readonly last = new Map<string, number>();

  constructor(
    private readonly intervalMs: number,
    private readonly now: () => number,
  ) {}

  /** True when `key` may signal now (and counts it); false within the interval of the last one. */
  take(key: string): boolean {
    const at = this.now();
    const previous = this.last.get(key);
    if (previous !== undefined && at - previous < this.intervalMs && at >= previous) return false;
    this.last.set(key, at);
    // Kept small: keys quiet for ten intervals are forgotten.
    if (this.last.size > 1000) for (const [k, t] of this.last) if (at - t > this.intervalMs * 10) this.last.delete(k);
    return true;
  }
}
