import { eventStreamFrames, type SseFrame } from '../../bench/eventStreamFrames';

/** A reader of GET /staff/api/events for tests: parses SSE frames and waits for the one wanted. */
export type { SseFrame };

export interface StaffEventStream {
  status: number;
  contentType: string;
  /** Every frame received so far, in order. */
  frames: SseFrame[];
  /** Resolves with the first frame (from the start) that matches; rejects when the stream ends first. */
  next(match: (frame: SseFrame) => boolean): Promise<SseFrame>;
  /** Resolves when the server ends the stream. */
  ended: Promise<void>;
  close(): void;
}

/** Opens the console stream with a session cookie (or none). */
export async function openStaffEvents(baseUrl: string, cookie?: string): Promise<StaffEventStream> {
  const controller = new AbortController();
  const res = await fetch(`${baseUrl}/staff/api/events`, { headers: cookie ? { cookie, accept: 'text/event-stream' } : {}, signal: controller.signal });
  const frames: SseFrame[] = [];
  const waiters: { match: (f: SseFrame) => boolean; resolve: (f: SseFrame) => void; reject: (e: Error) => void; from: number }[] = [];
  let done = false;
  const settle = () => {
    for (const w of [...waiters]) {
      const found = frames.slice(w.from).find(w.match);
      if (found) {
        waiters.splice(waiters.indexOf(w), 1);
        w.resolve(found);
      } else if (done) {
        waiters.splice(waiters.indexOf(w), 1);
        w.reject(new Error(`stream ended without the frame; had ${JSON.stringify(frames)}`));
      }
    }
  };
  const ended = (async () => {
    if (!res.body || !(res.headers.get('content-type') ?? '').startsWith('text/event-stream')) return;
    try {
      for await (const frame of eventStreamFrames(res.body as unknown as AsyncIterable<Uint8Array>)) {
        frames.push(frame);
        settle();
      }
    } catch {
      // Aborted by close().
    } finally {
      done = true;
      settle();
    }
  })();
  return {
    status: res.status,
    contentType: res.headers.get('content-type') ?? '',
    frames,
    ended,
    next(match) {
      return new Promise((resolve, reject) => {
        waiters.push({ match, resolve, reject, from: 0 });
        settle();
      });
    },
    close: () => controller.abort(),
  };
}
