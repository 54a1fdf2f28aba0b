import type { StoreItems, TurnContext } from 'botbuilder';

/** Conversation state a turn has saved but not yet committed. */
export interface DeferredTurnWrites {
  state: StoreItems | undefined;
}

/** Turn-state key of the held-back writes: the turn carries them, no process-wide async context. */
const DEFERRED_WRITES = Symbol('luotsi.deferredTurnWrites');

/**
 * Holds back the conversation state writes of the turn `context` runs: its conversation state
 * (TurnConversationState) records its changes in the returned slot instead of writing them, and the
 * caller commits them together with the turn's replies in one transaction (LuotsiDatabase.commitTurn).
 * So a turn is either wholly kept (state and replies) or not at all.
 */
export function deferStateWrites(context: TurnContext): DeferredTurnWrites {
  const writes: DeferredTurnWrites = { state: undefined };
  context.turnState.set(DEFERRED_WRITES, writes);
  return writes;
}

/** Records a state write in the turn's held-back writes; false when the turn does not hold its writes back. */
export function deferStateWrite(context: TurnContext, changes: StoreItems): boolean {
  const writes = context.turnState.get(DEFERRED_WRITES) as DeferredTurnWrites | undefined;
  if (!writes) return false;
  writes.state = { ...writes.state, ...changes };
  return true;
}
