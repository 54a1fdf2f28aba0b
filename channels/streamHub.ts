import type { WebSocket } from 'ws';
import { RateLimitedError } from '../errors';
import type { ActivityLog, LoggedActivity, WireActivity } from '../storage/activityLog';

const PAGE_SIZE = 100;
/** A socket whose client reads slower than this is closed rather than buffered without bound. */
const MAX_BUFFERED_BYTES = 4 * 1024 * 1024;
/** Close code for a stream replaced by a newer one of the same conversation (4000–4999: application). */
export const STREAM_REPLACED_CODE = 4001;

/** How many streams may be open at once. */
export interface StreamLimits {
  /** Per conversation; a new one beyond it closes the oldest (a reloaded tab replaces its old stream). */
  perConversation: number;
  /** Per client address, over all its conversations; beyond it the upgrade is refused (429). */
  perAddress: number;
}

/** Defaults: three tabs of one conversation, and what a household behind one NAT needs. */
export const DEFAULT_STREAM_LIMITS: StreamLimits = { perConversation: 3, perAddress: 30 };

interface Subscriber {
  socket: WebSocket;
  address: string;
  sentWatermark: number;
}

interface Conversation {
  subscribers: Subscriber[];
  pumping: boolean;
  again: boolean;
}

/**
 * Pushes a conversation's activities to its open WebSocket streams in watermark order.
 * A publish only says "something new"; the conversation's pump then reads the log once after
 * the lowest watermark any of its streams has been sent, encodes each distinct frame once, and
 * sends every stream what it has not had yet, so nothing is skipped or sent twice, and a crowd
 * of streams costs one read, not one per stream.
 */
export class StreamHub {
  private readonly conversations = new Map<string, Conversation>();
  private readonly perAddress = new Map<string, number>();

  constructor(
    private readonly log: ActivityLog,
    private readonly onError: (error: unknown) => void,
    /** Last touch before an activity leaves (e.g. photo links signed for this conversation). */
    private readonly present: (conversationId: string, activity: WireActivity) => WireActivity = (_c, a) => a,
    private readonly limits: StreamLimits = DEFAULT_STREAM_LIMITS,
  ) {}

  /** Throws RateLimitedError when the address already holds its share of streams. */
  assertRoomFor(address: string): void {
    if ((this.perAddress.get(address) ?? 0) >= this.limits.perAddress) throw new RateLimitedError(30);
  }

  /** Attaches a socket; it first receives everything after `watermark`. The oldest stream beyond the cap is closed. */
  subscribe(conversationId: string, socket: WebSocket, watermark: number, address = 'unknown'): void {
    const subscriber: Subscriber = { socket, address, sentWatermark: watermark };
    let conversation = this.conversations.get(conversationId);
    if (!conversation) {
      conversation = { subscribers: [], pumping: false, again: false };
      this.conversations.set(conversationId, conversation);
    }
    const entry = conversation;
    entry.subscribers.push(subscriber);
    this.perAddress.set(address, (this.perAddress.get(address) ?? 0) + 1);
    socket.on('close', () => this.detach(conversationId, entry, subscriber));
    while (entry.subscribers.length > this.limits.perConversation) {
      const oldest = entry.subscribers[0]!;
      this.detach(conversationId, entry, oldest);
      oldest.socket.close(STREAM_REPLACED_CODE, 'replaced by a newer stream');
    }
    void this.pump(conversationId, entry);
  }

  /** Tells the conversation's streams that new activities are in the log. */
  publish(conversationId: string): void {
    const conversation = this.conversations.get(conversationId);
    if (conversation) void this.pump(conversationId, conversation);
  }

  /** Re-checks every open stream (after announcements may have been missed). */
  publishAll(): void {
    for (const conversationId of this.conversations.keys()) this.publish(conversationId);
  }

  /** Number of open streams (for readiness and shutdown). */
  get size(): number {
    let n = 0;
    for (const conversation of this.conversations.values()) n += conversation.subscribers.length;
    return n;
  }

  /** Conversations with an open stream here (their entry goes with their last stream). */
  get conversationCount(): number {
    return this.conversations.size;
  }

  /** Closes every stream with 1001 (going away) so clients reconnect elsewhere. */
  closeAll(): void {
    for (const conversation of this.conversations.values()) for (const s of conversation.subscribers) s.socket.close(1001, 'server shutting down');
    this.conversations.clear();
    this.perAddress.clear();
  }

  private detach(conversationId: string, conversation: Conversation, subscriber: Subscriber): void {
    const index = conversation.subscribers.indexOf(subscriber);
    if (index < 0) return;
    conversation.subscribers.splice(index, 1);
    const left = (this.perAddress.get(subscriber.address) ?? 1) - 1;
    if (left > 0) this.perAddress.set(subscriber.address, left);
    else this.perAddress.delete(subscriber.address);
    if (conversation.subscribers.length === 0 && this.conversations.get(conversationId) === conversation) this.conversations.delete(conversationId);
  }

  private async pump(conversationId: string, conversation: Conversation): Promise<void> {
    if (conversation.pumping) {
      conversation.again = true;
      return;
    }
    conversation.pumping = true;
    try {
      do {
        conversation.again = false;
        for (;;) {
          const open = conversation.subscribers.filter((s) => s.socket.readyState === s.socket.OPEN);
          if (open.length === 0) return;
          const from = Math.min(...open.map((s) => s.sentWatermark));
          const page = await this.log.listAfter(conversationId, from, PAGE_SIZE);
          if (page.length === 0) break;
          this.deliver(conversationId, open, page);
          if (page.length < PAGE_SIZE) break;
        }
      } while (conversation.again);
    } catch (error) {
      this.onError(error);
      for (const s of conversation.subscribers) s.socket.close(1011, 'stream error');
    } finally {
      conversation.pumping = false;
    }
  }

  // Streams at the same watermark get the same frame, encoded once.
  private deliver(conversationId: string, subscribers: Subscriber[], page: LoggedActivity[]): void {
    const last = page[page.length - 1]!.watermark;
    const frames = new Map<number, string | undefined>();
    for (const subscriber of subscribers) {
      if (subscriber.sentWatermark >= last) continue;
      let frame = frames.get(subscriber.sentWatermark);
      if (!frames.has(subscriber.sentWatermark)) {
        const unseen = page.filter((entry) => entry.watermark > subscriber.sentWatermark);
        frame =
          unseen.length === 0
            ? undefined
            : JSON.stringify({ activities: unseen.map((entry) => this.present(conversationId, entry.activity)), watermark: String(last) });
        frames.set(subscriber.sentWatermark, frame);
      }
      if (frame === undefined) continue;
      subscriber.socket.send(frame);
      subscriber.sentWatermark = last;
      if (subscriber.socket.bufferedAmount > MAX_BUFFERED_BYTES) subscriber.socket.close(1013, 'client too slow');
    }
  }
}
