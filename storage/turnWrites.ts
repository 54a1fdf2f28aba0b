import { AsyncLocalStorage } from 'node:async_hooks';
import type { StoreItems } from 'botbuilder';

/** Conversation state a turn has saved but not yet committed. */
export interface DeferredTurnWrites {
  state: StoreItems | undefined;
}

const scope = new AsyncLocalStorage<DeferredTurnWrites>();

/**
 * Runs a bot turn with its state writes held back: inside `work`, bot state `write` only records
 * the changes, and the caller commits them together with the turn's replies in one transaction
 * (LuotsiDatabase.commitTurn). So a turn is either wholly kept (state and replies) or not at all.
 */
export async function withDeferredStateWrites(work: () => Promise<void>): Promise<DeferredTurnWrites> {
  const writes: DeferredTurnWrites = { state: undefined };
  await scope.run(writes, work);
  return writes;
}

/** The deferred writes of the turn running now, if any (bot state stores call this in `write`). */
export function deferredTurnWrites(): DeferredTurnWrites | undefined {
  return scope.getStore();
}

/** Records a state write in the running turn; false when no turn defers its writes. */
export function deferStateWrite(changes: StoreItems): boolean {
  const writes = scope.getStore();
  if (!writes) return false;
  writes.state = { ...writes.state, ...changes };
  return true;
}
