/**
 * Runs one conversation's turns one after another (state is read, changed and written
 * per turn, so two turns of one conversation must not interleave), and lets shutdown
 * wait for every turn in flight.
 */
export class TurnQueue {
  private readonly tails = new Map<string, Promise<unknown>>();
  private inFlight = 0;
  private idleWaiters: (() => void)[] = [];

  /** Queues `work` behind the conversation's earlier turns and resolves with its result. */
  run<T>(conversationId: string, work: () => Promise<T>): Promise<T> {
    const previous = this.tails.get(conversationId) ?? Promise.resolve();
    this.inFlight += 1;
    const result = previous.then(work, work);
    const tail = result.then(
      () => undefined,
      () => undefined,
    );
    this.tails.set(conversationId, tail);
    void tail.then(() => {
      if (this.tails.get(conversationId) === tail) this.tails.delete(conversationId);
      this.inFlight -= 1;
      if (this.inFlight === 0) {
        const waiters = this.idleWaiters;
        this.idleWaiters = [];
        waiters.forEach((resolve) => resolve());
      }
    });
    return result;
  }

  /** Number of turns queued or running. */
  get size(): number {
    return this.inFlight;
  }

  /** Conversations with a turn queued or running (their entry goes with their last turn). */
  get conversations(): number {
    return this.tails.size;
  }

  /** Resolves when no turn is queued or running. */
  idle(): Promise<void> {
    if (this.inFlight === 0) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }
}
