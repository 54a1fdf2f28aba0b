/**
 * Runs at most `max` tasks at once; the rest wait in arrival order. Image decoding goes through
 * one of these for the whole process: libvips works on the libuv thread pool that password
 * hashing (scrypt) and file access share, so unbounded decoding would starve them.
 */
export class ConcurrencyLimit {
  private running = 0;
  private readonly waiting: (() => void)[] = [];

  constructor(private max: number) {}

  /** Changes the limit (configuration at start-up); waiting tasks start if there is room now. */
  resize(max: number): void {
    this.max = Math.max(1, max);
    this.startWaiting();
  }

  /** Tasks running now and waiting for a slot (for benchmarks and health figures). */
  get load(): { running: number; waiting: number } {
    return { running: this.running, waiting: this.waiting.length };
  }

  /** Runs `task` when a slot is free and releases the slot when it settles. */
  async run<T>(task: () => Promise<T>): Promise<T> {
    if (this.running >= this.max) await new Promise<void>((resolve) => this.waiting.push(resolve));
    else this.running += 1;
    try {
      return await task();
    } finally {
      this.running -= 1;
      this.startWaiting();
    }
  }

  private startWaiting(): void {
    while (this.running < this.max && this.waiting.length > 0) {
      this.running += 1;
      this.waiting.shift()!();
    }
  }
}
