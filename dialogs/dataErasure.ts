// The bridge between a turn and the stores for the client's "delete my data".
import type { ConversationState, TurnContext } from 'botbuilder';
import { erasedInTurn } from '../channels/webChannelAdapter';
import { eraseClientConversation, type DataStores } from '../storage/dataProtection';

/** What the eraser needs from the composition root. */
export interface ConversationEraserDeps {
  stores: DataStores;
  conversationState: ConversationState;
  clock: () => Date;
}

/**
 * The FlowDialog's `eraseData`: deletes the turn's conversation data and drops the turn's cached
 * state, so the end-of-turn save does not write the deleted state back, nor the web channel's
 * commit the turn's own message.
 */
export function createConversationEraser(deps: ConversationEraserDeps): (turn: TurnContext) => Promise<void> {
  return async (turn) => {
    const conversationId = turn.activity.conversation?.id;
    const channelId = turn.activity.channelId;
    if (!conversationId || !channelId) throw new Error('the turn has no conversation to erase');
    await eraseClientConversation(deps.stores, { channelId, conversationId }, deps.clock());
    // On the web channel the turn's own message is logged by its commit: leave it out as well.
    erasedInTurn(turn);
    await deps.conversationState.delete(turn);
  };
}
