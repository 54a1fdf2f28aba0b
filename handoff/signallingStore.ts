// The handoff store as the service uses it: every change a console shows (a new case, a claim,
// a transfer, a client's message, ...) also sends a staff signal after it is stored, so the
// consoles re-read at once instead of on their next poll.
import type { HandoffCase } from './caseTypes';
import type { HandoffStore } from './handoffStore';
import type { StaffSignals } from './staffSignals';

/** Wraps `store` so its changes reach the consoles; reads pass through untouched. */
export function withStaffSignals(store: HandoffStore, signals: StaffSignals): HandoffStore {
  const changed = (c: HandoffCase) => signals.emit({ kind: 'case', caseId: c.id, change: 'status', queueId: c.queueId });
  const overrides: Partial<HandoffStore> = {
    async create(input, now) {
      const created = await store.create(input, now);
      signals.emit({ kind: 'case', caseId: created.id, change: 'new', queueId: created.queueId, urgency: created.urgency });
      return created;
    },
    async claim(caller, caseId, now) {
      const claimed = await store.claim(caller, caseId, now);
      changed(claimed);
      return claimed;
    },
    async release(caller, caseId, note, now) {
      const released = await store.release(caller, caseId, note, now);
      changed(released);
      return released;
    },
    async transfer(caller, caseId, toQueueId, note, now) {
      const moved = await store.transfer(caller, caseId, toQueueId, note, now);
      changed(moved);
      // The queue it left is not in the answer: every console re-reads its counts.
      signals.emit({ kind: 'resync' });
      return moved;
    },
    async close(caller, caseId, closing, now) {
      const closed = await store.close(caller, caseId, closing, now);
      changed(closed);
      return closed;
    },
    async addMessage(caseId, author, text, now) {
      const message = await store.addMessage(caseId, author, text, now);
      if (author.kind === 'client') {
        const open = await store.findOpenByConversation(author.conversationId);
        signals.emit({ kind: 'case', caseId, change: 'message', ...(open?.id === caseId && { queueId: open.queueId }) });
      } else {
        // Staff of the case's queues: the id alone goes out, the console's re-read checks access.
        signals.emit({ kind: 'case', caseId, change: 'message' });
      }
      return message;
    },
    async withdraw(conversationId, now) {
      const left = await store.withdraw(conversationId, now);
      if (left) changed(left);
      return left;
    },
    async markAbandoned(idleCutoff, now) {
      const ids = await store.markAbandoned(idleCutoff, now);
      if (ids.length > 0) signals.emit({ kind: 'resync' });
      return ids;
    },
    async deleteCase(caller, caseId, now) {
      const deleted = await store.deleteCase(caller, caseId, now);
      changed(deleted);
      return deleted;
    },
    async eraseConversation(conversationId, now) {
      const ids = await store.eraseConversation(conversationId, now);
      if (ids.length > 0) signals.emit({ kind: 'resync' });
      return ids;
    },
  };
  // Every other method is the store's own, bound to it (the stores are classes).
  return new Proxy(store, {
    get(target, property, receiver) {
      const own = (overrides as Record<PropertyKey, unknown>)[property];
      if (own !== undefined) return own;
      const value: unknown = Reflect.get(target, property, receiver);
      return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
    },
  });
}
