// What the staff consoles hear live: that a queue's cases changed, that a case got a message,
// that a client is typing. A signal carries ids and codes only (no text, no names): a console
// re-reads what changed through the staff API, which applies every access rule again.
import type { Coordination } from '../storage/coordination';
import type { QueuedUrgency } from './caseTypes';

/** Why a case's signal was sent. */
export type CaseChange = 'new' | 'status' | 'message';

const CHANGES: readonly CaseChange[] = ['new', 'status', 'message'];
const URGENCIES: readonly QueuedUrgency[] = ['urgent', 'non_urgent', 'self_care'];
const ID = /^[A-Za-z0-9_:-]{1,80}$/;

/** One live signal to the consoles. */
export type StaffSignal =
  /** A case changed; `queueId` is absent when the changer did not know it (then only the id goes out). */
  | { kind: 'case'; caseId: string; change: CaseChange; queueId?: string; urgency?: QueuedUrgency }
  /** The client of a case staff hold is typing. */
  | { kind: 'typing'; caseId: string; queueId: string }
  /** Something changed in unknown queues (abandoned cases, missed signals): re-read everything. */
  | { kind: 'resync' };

/** Reads a signal another instance sent; undefined for anything malformed. */
export function parseStaffSignal(payload: string): StaffSignal | undefined {
  let raw: unknown;
  try {
    raw = JSON.parse(payload);
  } catch {
    return undefined;
  }
  if (typeof raw !== 'object' || raw === null) return undefined;
  const s = raw as Record<string, unknown>;
  const id = (v: unknown): v is string => typeof v === 'string' && ID.test(v);
  if (s.kind === 'resync') return { kind: 'resync' };
  if (s.kind === 'typing' && id(s.caseId) && id(s.queueId)) return { kind: 'typing', caseId: s.caseId, queueId: s.queueId };
  if (s.kind !== 'case' || !id(s.caseId) || !(CHANGES as readonly unknown[]).includes(s.change)) return undefined;
  if (s.queueId !== undefined && !id(s.queueId)) return undefined;
  if (s.urgency !== undefined && !(URGENCIES as readonly unknown[]).includes(s.urgency)) return undefined;
  return {
    kind: 'case',
    caseId: s.caseId,
    change: s.change as CaseChange,
    ...(s.queueId !== undefined && { queueId: s.queueId as string }),
    ...(s.urgency !== undefined && { urgency: s.urgency as QueuedUrgency }),
  };
}

/** Whether a member of staff of `queues` may hear the signal. */
export function signalFor(signal: StaffSignal, queues: readonly string[]): boolean {
  if (signal.kind === 'resync') return true;
  if (signal.queueId === undefined) return true;
  return queues.includes(signal.queueId);
}

/**
 * The signal bus of one instance: listeners in this process hear a signal at once, and the
 * coordination carries it to the other instances (PostgreSQL NOTIFY; nothing on SQLite).
 */
export class StaffSignals {
  private readonly listeners = new Set<(signal: StaffSignal) => void>();

  constructor(
    private readonly coordination: Pick<Coordination, 'signal' | 'onSignal'>,
    private readonly onError: (error: unknown) => void,
  ) {
    coordination.onSignal((payload) => {
      const signal = payload === undefined ? ({ kind: 'resync' } as const) : parseStaffSignal(payload);
      if (signal) this.deliver(signal);
    });
  }

  /** Tells every console, here and on the other instances; never throws. */
  emit(signal: StaffSignal): void {
    this.deliver(signal);
    this.coordination.signal(JSON.stringify(signal)).catch(this.onError);
  }

  /** Registers a listener; returns the function that removes it. */
  subscribe(listener: (signal: StaffSignal) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Listeners now (for the stream count and tests). */
  get size(): number {
    return this.listeners.size;
  }

  private deliver(signal: StaffSignal): void {
    for (const listener of this.listeners) {
      try {
        listener(signal);
      } catch (error) {
        this.onError(error);
      }
    }
  }
}
