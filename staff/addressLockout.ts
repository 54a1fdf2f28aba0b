// Failed staff logins counted per (username, client address). Five wrong passwords from one
// address lock that username for that address only: someone who merely knows a colleague's
// username cannot lock them out of the console from elsewhere (the account-wide lock in the
// store is the softer backstop against guesses spread over many addresses).

/** Pairs tracked at most; the least recently used fall out so a flood cannot grow memory. */
const MAX_PAIRS = 20_000;

interface Failures {
  count: number;
  lockedUntil: number | undefined;
}

/** In-process counter of failed logins per (username, address), with a timed lock. */
export class AddressLockout {
  private readonly pairs = new Map<string, Failures>();

  constructor(
    private readonly maxFailures: number,
    private readonly lockoutMs: number,
  ) {}

  /** Whether the pair is locked at `now`. */
  isLocked(username: string, address: string, now: Date): boolean {
    const entry = this.pairs.get(keyOf(username, address));
    return entry?.lockedUntil !== undefined && entry.lockedUntil > now.getTime();
  }

  /** Counts one failure; the one that reaches the limit locks the pair. Returns whether it is locked. */
  recordFailure(username: string, address: string, now: Date): boolean {
    const key = keyOf(username, address);
    const entry = this.pairs.get(key) ?? { count: 0, lockedUntil: undefined };
    this.pairs.delete(key);
    if (entry.lockedUntil !== undefined && entry.lockedUntil <= now.getTime()) {
      entry.count = 0;
      entry.lockedUntil = undefined;
    }
    entry.count += 1;
    if (entry.count >= this.maxFailures) {
      entry.count = 0;
      entry.lockedUntil = now.getTime() + this.lockoutMs;
    }
    this.pairs.set(key, entry);
    if (this.pairs.size > MAX_PAIRS) {
      const oldest = this.pairs.keys().next().value;
      if (oldest !== undefined) this.pairs.delete(oldest);
    }
    return entry.lockedUntil !== undefined;
  }

  /** Forgets the pair's failures after a successful login. */
  clear(username: string, address: string): void {
    this.pairs.delete(keyOf(username, address));
  }
}

function keyOf(username: string, address: string): string {
  return `${username}\u0000${address}`;
}
