// Unit test with stand-ins (says so): a counting in-memory log and minimal sockets, to show the
// hub reads the log once per page for all of a conversation's streams, not once per stream (M3).
import { EventEmitter } from 'node:events';
import type { WebSocket } from 'ws';
import { StreamHub } from '../../channels/streamHub';
import type { ActivityLog, LoggedActivity } from '../../storage/activityLog';

class FakeSocket extends EventEmitter {
  readonly OPEN = 1;
  readyState = 1;
  bufferedAmount = 0;
  readonly frames: string[] = [];
  send(frame: string): void {
    this.frames.push(frame);
  }
  close(): void {
    this.readyState = 3;
    this.emit('close');
  }
}

function countingLog(entries: LoggedActivity[]): { log: ActivityLog; reads: () => number } {
  let reads = 0;
  const log = {
    listAfter: async (_c: string, watermark: number, limit: number) => {
      reads += 1;
      return entries.filter((e) => e.watermark > watermark).slice(0, limit);
    },
  } as unknown as ActivityLog;
  return { log, reads: () => reads };
}

const entry = (watermark: number): LoggedActivity => ({
  watermark,
  activity: { id: `c|${watermark}`, type: 'message', text: `m${watermark}`, timestamp: '2026-12-02T10:00:00.000Z' },
});
const settle = () => new Promise((resolve) => setImmediate(resolve));

describe('StreamHub', () => {
  it('one log read and one encoding per new page for all streams of a conversation; late joiners get what they missed', async () => {
    const entries = [entry(1), entry(2)];
    const { log, reads } = countingLog(entries);
    const hub = new StreamHub(
      log,
      (e) => {
        throw e;
      },
      undefined,
      { perConversation: 50, perAddress: 100 },
    );
    const sockets = Array.from({ length: 40 }, () => new FakeSocket());
    for (const s of sockets) hub.subscribe('c', s as unknown as WebSocket, 2);
    await settle();
    const before = reads();

    entries.push(entry(3));
    hub.publish('c');
    await settle();
    expect(reads() - before).toBe(1);
    const frames = new Set(sockets.map((s) => s.frames.at(-1)));
    expect(frames.size).toBe(1);
    expect(JSON.parse([...frames][0]!)).toMatchObject({ watermark: '3', activities: [{ text: 'm3' }] });

    const late = new FakeSocket();
    hub.subscribe('c', late as unknown as WebSocket, 0);
    await settle();
    expect(JSON.parse(late.frames[0]!).activities.map((a: { text: string }) => a.text)).toEqual(['m1', 'm2', 'm3']);
    // Nobody got anything twice.
    expect(sockets.every((s) => s.frames.length === 1)).toBe(true);
  });
});
