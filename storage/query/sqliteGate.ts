// better-sqlite3 is one connection. A Kysely transaction stays open across awaits; a plain
// better-sqlite3 statement that other code runs meanwhile on the same handle would silently
// join it (and be rolled back with it, or commit early). The gate is the one turn-taking rule
// for the handle: Kysely's driver holds it from acquiring the connection to releasing it, and
// the stores that still call better-sqlite3 directly run their synchronous work through it.

/** Turn-taking for the one SQLite connection of a process (see the comment at the top). */
export class SqliteGate {
  private held = false;
  private readonly waiting: (() => void)[] = [];

  /** Waits until the handle is free and takes it; `release` gives it back. */
  async acquire(): Promise<void> {
    if (!this.held) {
      this.held = true;
      return;
    }
    await new Promise<void>((resolve) => this.waiting.push(resolve));
  }

  /** Gives the handle to the next waiter in order, or frees it. */
  release(): void {
    const next = this.waiting.shift();
    // Handed over without freeing in between, so nothing synchronous can slip in before the waiter.
    if (next) next();
    else this.held = false;
  }

  /**
   * Runs synchronous database work: at once when nothing holds the handle (it cannot be
   * interrupted, and no one waits then), else after the current holder and those before it.
   * Only what `work` does before its first await is inside the gate: the direct better-sqlite3
   * stores do all their statements synchronously, before any await.
   */
  run<T>(work: () => Promise<T>): Promise<T> {
    if (!this.held) return work();
    return this.acquire().then(() => {
      try {
        return work();
      } finally {
        this.release();
      }
    });
  }

  /** True while a caller holds the handle (tests and diagnostics). */
  get busy(): boolean {
    return this.held;
  }
}

/**
 * The object with each of its methods run through the gate. For the stores that still use
 * better-sqlite3 directly: their methods do all their statements before their first await.
 */
export function throughGate<T extends object>(target: T, gate: SqliteGate): T {
  const wrapped = new Map<PropertyKey, unknown>();
  return new Proxy(target, {
    get(object, key, receiver) {
      const value: unknown = Reflect.get(object, key, receiver);
      if (typeof value !== 'function') return value;
      let gated = wrapped.get(key);
      if (gated === undefined) {
        const method = value as (...args: unknown[]) => Promise<unknown>;
        gated = (...args: unknown[]) => gate.run(() => method.apply(object, args));
        wrapped.set(key, gated);
      }
      return gated;
    },
  });
}
