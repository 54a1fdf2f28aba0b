import { ConversationState, type TurnContext } from 'botbuilder';
import { deferStateWrite } from './turnWrites';

/** A turn's cached state and its JSON text as last read or written ('' forces the next save). */
interface Cached {
  state: Record<string, unknown>;
  json: string;
}

/**
 * Bot Framework's ConversationState without its change hash, and with the web channel's
 * held-back writes. botbuilder's BotState hashes the state (its own stringify plus sha256) on load,
 * on save and after the write, three times a turn; here the baseline is the state's JSON text,
 * and a save writes only when that text changed (as the hash decided). Inside a turn whose writes
 * are held back (storage/turnWrites.ts) the write joins the turn's commit instead of the store.
 */
export class TurnConversationState extends ConversationState {
  /** Own cache slot: the base class's is private, so every method that touches it is overridden. */
  private readonly cacheKey = Symbol('luotsi.conversationState');

  override async load(context: TurnContext, force = false): Promise<Record<string, unknown>> {
    const cached = context.turnState.get(this.cacheKey) as Cached | undefined;
    if (cached && !force) return cached.state;
    const key = await this.storageKey(context);
    const items = await this.storage.read([key]);
    const state = (items[key] ?? {}) as Record<string, unknown>;
    context.turnState.set(this.cacheKey, { state, json: JSON.stringify(state) } satisfies Cached);
    return state;
  }

  override async saveChanges(context: TurnContext, force = false): Promise<void> {
    let cached = context.turnState.get(this.cacheKey) as Cached | undefined;
    if (!force && (cached === undefined || JSON.stringify(cached.state) === cached.json)) return;
    cached ??= { state: {}, json: '' };
    const key = await this.storageKey(context);
    // As the base class: the turn lock orders a conversation's turns, so the write is unconditional.
    cached.state.eTag = '*';
    const changes = { [key]: cached.state };
    if (!deferStateWrite(context, changes)) await this.storage.write(changes);
    cached.json = JSON.stringify(cached.state);
    context.turnState.set(this.cacheKey, cached);
  }

  override async clear(context: TurnContext): Promise<void> {
    context.turnState.set(this.cacheKey, { state: {}, json: '' } satisfies Cached);
  }

  override async delete(context: TurnContext): Promise<void> {
    context.turnState.delete(this.cacheKey);
    const key = await this.storageKey(context);
    await this.storage.delete([key]);
  }

  override get(context: TurnContext): Record<string, unknown> | undefined {
    return (context.turnState.get(this.cacheKey) as Cached | undefined)?.state;
  }
}
