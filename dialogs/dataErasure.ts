// The bridge between a turn and the stores for the client's "delete my data".
import type { ConversationState, TurnContext } from 'botbuilder';
import { eraseClientConversation, type DataStores } from '../storage/dataProtection';

/** What the eraser needs from the composition root. */
export interface ConversationEraserDeps {
  stores: DataStores;
  conversationState: ConversationState;
  clock: () => Date;
}

/**
 * The FlowDialog's `eraseData`: deletes the turn's conversation data and drops the turn's cached
 * state, so the end-of-turn save does not write the deleted state back.
 */
export function createConversationEraser(deps: ConversationEraserDeps): (turn: TurnContext) => Promise<void> {
  return async (turn) => {
    const conversationId = turn.activity.conversation?.id;
    const channelId = turn.activity.channelId;
    if (!conversationId || !channelId) throw new Error('the turn has no conversation to erase');
    await eraseClientConversation(deps.stores, { channelId, conversationId }, deps.clock());
    await deps.conversationState.delete(turn);
  };
}
