/**
 * What instances sharing one database agree on: whose turn a conversation is, which instance
 * runs a periodic job, and that a conversation's log grew. One process on SQLite needs none of
 * it across processes, so `LocalCoordination` keeps it in memory; PostgreSQL uses advisory locks
 * and LISTEN/NOTIFY (storage/postgres/pgCoordination.ts).
 */
export interface Coordination {
  /** Runs `work` while no other instance runs a turn of the same conversation. */
  withConversationLock<T>(conversationId: string, work: () => Promise<T>): Promise<T>;
  /** Runs `work` unless another instance is running the job of the same name; false when skipped. */
  runExclusive(job: string, work: () => Promise<void>): Promise<boolean>;
  /** Tells the other instances that the conversation's log has new activities. */
  announce(conversationId: string): Promise<void>;
  /**
   * Registers a listener for announcements. `undefined` means "announcements may have been
   * missed" (the listening connection was re-established): re-check every open stream.
   */
  onAnnounce(listener: (conversationId: string | undefined) => void): void;
  /** Sends a short signal (ids and codes only, never personal data) to the other instances. */
  signal(payload: string): Promise<void>;
  /**
   * Registers a listener for other instances' signals. `undefined` means "signals may have been
   * missed" (the listening connection was re-established): re-read everything.
   */
  onSignal(listener: (payload: string | undefined) => void): void;
  close(): Promise<void>;
}

/** Coordination inside one process. */
export class LocalCoordination implements Coordination {
  private readonly running = new Set<string>();

  async withConversationLock<T>(_conversationId: string, work: () => Promise<T>): Promise<T> {
    // channels/turnQueue.ts already serializes a conversation's turns inside the process.
    return work();
  }

  async runExclusive(job: string, work: () => Promise<void>): Promise<boolean> {
    if (this.running.has(job)) return false;
    this.running.add(job);
    try {
      await work();
      return true;
    } finally {
      this.running.delete(job);
    }
  }

  async announce(_conversationId: string): Promise<void> {
    // No other instance shares an embedded database.
  }

  onAnnounce(_listener: (conversationId: string | undefined) => void): void {
    // Nothing is ever announced from elsewhere.
  }

  async signal(_payload: string): Promise<void> {
    // The process's own listeners hear its signals directly (handoff/staffSignals.ts).
  }

  onSignal(_listener: (payload: string | undefined) => void): void {
    // No other instance sends any.
  }

  async close(): Promise<void> {}
}
