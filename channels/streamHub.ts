import type { WebSocket } from 'ws';
import type { ActivityLog, WireActivity } from '../storage/activityLog';

const PAGE_SIZE = 100;
/** A socket whose client reads slower than this is closed rather than buffered without bound. */
const MAX_BUFFERED_BYTES = 4 * 1024 * 1024;

interface Subscriber {
  socket: WebSocket;
  sentWatermark: number;
  pumping: boolean;
  again: boolean;
}

/**
 * Pushes a conversation's activities to its open WebSocket streams in watermark order.
 * A publish only says "something new"; each subscriber then reads the log after the
 * last watermark it sent, so nothing is skipped or sent twice, whatever the timing.
 */
export class StreamHub {
  private readonly subscribers = new Map<string, Set<Subscriber>>();

  constructor(
    private readonly log: ActivityLog,
    private readonly onError: (error: unknown) => void,
    /** Last touch before an activity leaves (e.g. photo links signed for this conversation). */
    private readonly present: (conversationId: string, activity: WireActivity) => WireActivity = (_c, a) => a,
  ) {}

  /** Attaches a socket; it first receives everything after `watermark`. */
  subscribe(conversationId: string, socket: WebSocket, watermark: number): void {
    const subscriber: Subscriber = { socket, sentWatermark: watermark, pumping: false, again: false };
    let set = this.subscribers.get(conversationId);
    if (!set) {
      set = new Set();
      this.subscribers.set(conversationId, set);
    }
    set.add(subscriber);
    socket.on('close', () => {
      set.delete(subscriber);
      if (set.size === 0 && this.subscribers.get(conversationId) === set) this.subscribers.delete(conversationId);
    });
    void this.pump(conversationId, subscriber);
  }

  /** Tells the conversation's streams that new activities are in the log. */
  publish(conversationId: string): void {
    const set = this.subscribers.get(conversationId);
    if (!set) return;
    for (const subscriber of set) void this.pump(conversationId, subscriber);
  }

  /** Re-checks every open stream (after announcements may have been missed). */
  publishAll(): void {
    for (const conversationId of this.subscribers.keys()) this.publish(conversationId);
  }

  /** Number of open streams (for readiness and shutdown). */
  get size(): number {
    let n = 0;
    for (const set of this.subscribers.values()) n += set.size;
    return n;
  }

  /** Closes every stream with 1001 (going away) so clients reconnect elsewhere. */
  closeAll(): void {
    for (const set of this.subscribers.values()) for (const s of set) s.socket.close(1001, 'server shutting down');
    this.subscribers.clear();
  }

  private async pump(conversationId: string, subscriber: Subscriber): Promise<void> {
    if (subscriber.pumping) {
      subscriber.again = true;
      return;
    }
    subscriber.pumping = true;
    try {
      do {
        subscriber.again = false;
        for (;;) {
          if (subscriber.socket.readyState !== subscriber.socket.OPEN) return;
          const page = await this.log.listAfter(conversationId, subscriber.sentWatermark, PAGE_SIZE);
          if (page.length === 0) break;
          const last = page[page.length - 1]!.watermark;
          subscriber.socket.send(
            JSON.stringify({ activities: page.map((entry) => this.present(conversationId, entry.activity)), watermark: String(last) }),
          );
          subscriber.sentWatermark = last;
          if (subscriber.socket.bufferedAmount > MAX_BUFFERED_BYTES) {
            subscriber.socket.close(1013, 'client too slow');
            return;
          }
          if (page.length < PAGE_SIZE) break;
        }
      } while (subscriber.again);
    } catch (error) {
      this.onError(error);
      subscriber.socket.close(1011, 'stream error');
    } finally {
      subscriber.pumping = false;
    }
  }
}
