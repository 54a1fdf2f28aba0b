import {
  ActivityTypes,
  BotAdapter,
  TurnContext,
  type Activity,
  type ChannelAccount,
  type ConversationAccount,
  type ConversationReference,
  type ResourceResponse,
} from 'botbuilder';
import { NotImplementedError } from '../errors';
import { answering, type ActivityLog, type TurnClientActivity } from '../storage/activityLog';
import type { LuotsiDatabase } from '../storage/database';
import { isStorageUnavailable } from '../storage/unavailable';
import { deferStateWrites } from '../storage/turnWrites';
import { systemClock } from '../clock';

/** Channel id of the local web channel: its own, never one of Azure Bot Service's (theirs include `webchat`). */
export const WEB_CHANNEL_ID = 'luotsi-web';
/** Service URL stamped on web channel activities; it names this adapter, it is never dialled. */
export const WEB_SERVICE_URL = 'urn:luotsi:web-channel';
/** The bot's identity on the web channel. */
export const WEB_BOT_ACCOUNT = { id: 'luotsi', name: 'Luotsi', role: 'bot' } as const;

/** Longest 'delay' activity honoured, so a bot cannot stall its conversation. */
const MAX_DELAY_MS = 5000;

type BotLogic = (context: TurnContext) => Promise<void>;

/** Turn-state key of the replies a client turn holds back until it has finished. */
const HELD_REPLIES = Symbol('luotsi.heldReplies');
/** Turn-state key set when the turn erased its conversation's log (see erasedInTurn). */
const ERASED_IN_TURN = Symbol('luotsi.erasedInTurn');

/**
 * Tells the web channel that this turn erased its conversation's log: the client's message of the
 * turn, which the commit would log, is left out too (the erasure covers everything said so far).
 */
export function erasedInTurn(context: TurnContext): void {
  context.turnState.set(ERASED_IN_TURN, true);
}

/**
 * The in-process Bot Framework adapter of the web channel: runs the bot on activities
 * the channel received, and writes the bot's replies straight into the activity log
 * (ids, timestamps, watermark order) from where the streams and polling read them.
 */
export class WebChannelAdapter extends BotAdapter {
  constructor(
    private readonly log: ActivityLog,
    /**
     * Called after replies are in the log, so streams (on this and other instances) push them;
     * `announced` when the commit already told the other instances.
     */
    private readonly onAppended: (conversationId: string, announced?: boolean) => void,
    private readonly clock: () => Date = systemClock,
    /** Writes a client turn's state and replies in one transaction; without it they are written one by one. */
    private readonly commitTurn?: LuotsiDatabase['commitTurn'],
    /** The bot's name in the activity's language; without it every message is from "Luotsi". */
    private readonly botName?: (locale: string | undefined) => string,
  ) {
    super();
  }

  /**
   * Runs the bot on one incoming activity. The turn's replies are held back and written to the
   * log only after the bot's logic has finished, conversation state save included: a turn that
   * fails (database gone, process killed) shows the client nothing, so what the client sees
   * never runs ahead of what the bot remembers, and the client's retry meets the same question.
   * `answers` is the watermark of the client activity the turn answers: the commit marks it, so
   * a resend of it after the commit (whose answer was lost) runs no second turn. Or it is the
   * client's activity itself, not yet logged: the commit logs it first (one write for the whole
   * turn) and this resolves with its logged id (the provisional one when the turn erased the
   * conversation, which leaves it out); when the turn fails short of an outage it is logged on
   * its own, so the client's message is kept.
   */
  async processActivity(activity: Partial<Activity>, logic: BotLogic, answers?: number | TurnClientActivity): Promise<string | undefined> {
    const context = new TurnContext(this, activity);
    const held: Partial<Activity>[] = [];
    context.turnState.set(HELD_REPLIES, held);
    const conversationId = this.conversationIdOf(context);
    const client = typeof answers === 'object' ? answers : undefined;
    const commit = this.commitTurn;
    if (!commit) {
      const loggedClient = client ? await this.log.append(conversationId, client.activity, this.clock(), client.clientActivityId) : undefined;
      await this.runMiddleware(context, logic);
      context.turnState.delete(HELD_REPLIES);
      await this.write(context, loggedClient ? held.map((reply) => answering(reply, client, loggedClient.activity.id)) : held);
      return loggedClient?.activity.id;
    }
    // The state the bot saves during the turn waits too, and both go in one transaction.
    const writes = deferStateWrites(context);
    try {
      await this.runMiddleware(context, logic);
      context.turnState.delete(HELD_REPLIES);
      const conversation = { ...context.activity.conversation, id: conversationId };
      const erased = context.turnState.get(ERASED_IN_TURN) === true;
      const logged = await commit(
        conversationId,
        writes.state,
        held.map((reply) => this.asLogged(conversation, reply)),
        this.clock(),
        client && erased ? undefined : answers,
      );
      if (logged.length > 0) this.onAppended(conversationId, true);
      if (!client) return undefined;
      // Left out by an erasure: the client knows its message by the id its answers point at.
      return erased ? client.provisionalId : logged[0]!.activity.id;
    } catch (error) {
      if (client && context.turnState.get(ERASED_IN_TURN) !== true) await this.keepClientActivity(conversationId, client, error);
      throw error;
    }
  }

  /**
   * After a failed turn, the client's activity is logged on its own (unanswered: a resend runs
   * its turn). Not while the database is out of reach: nothing can be written then, and the
   * client is told to send again (503).
   */
  private async keepClientActivity(conversationId: string, client: TurnClientActivity, failure: unknown): Promise<void> {
    if (isStorageUnavailable(failure)) return;
    try {
      await this.log.append(conversationId, client.activity, this.clock(), client.clientActivityId);
      this.onAppended(conversationId);
    } catch {
      // The turn's own failure is what the caller reports; this one adds nothing to it.
    }
  }

  async sendActivities(context: TurnContext, activities: Partial<Activity>[]): Promise<ResourceResponse[]> {
    const held = context.turnState.get(HELD_REPLIES) as Partial<Activity>[] | undefined;
    const outgoing = activities.filter((activity) => activity.type !== ActivityTypes.InvokeResponse);
    if (held) {
      // Pauses between held replies mean nothing: they are all written together after the turn.
      held.push(...outgoing.filter((activity) => activity.type !== 'delay'));
      return activities.map(() => ({ id: '' }));
    }
    const responses: ResourceResponse[] = [];
    for (const activity of outgoing) {
      if (activity.type === 'delay') {
        const ms = typeof activity.value === 'number' ? Math.min(activity.value, MAX_DELAY_MS) : 1000;
        await new Promise((resolve) => setTimeout(resolve, ms));
        responses.push({ id: '' });
        continue;
      }
      responses.push(...(await this.write(context, [activity])));
    }
    return responses;
  }

  /** Appends the bot's activities to the log in order, then lets the streams know. */
  private async write(context: TurnContext, activities: Partial<Activity>[]): Promise<ResourceResponse[]> {
    if (activities.length === 0) return [];
    const conversationId = this.conversationIdOf(context);
    const conversation = { ...context.activity.conversation, id: conversationId };
    const responses: ResourceResponse[] = [];
    for (const activity of activities) {
      const logged = await this.log.append(conversationId, this.asLogged(conversation, activity), this.clock());
      responses.push({ id: logged.activity.id });
    }
    this.onAppended(conversationId);
    return responses;
  }

  private conversationIdOf(context: TurnContext): string {
    const conversationId = context.activity.conversation?.id;
    if (!conversationId) throw new Error('turn without conversation');
    return conversationId;
  }

  /** Writes a message of the channel's own, outside any turn and any bot state (e.g. "you send too fast"). */
  async sendNotice(conversationId: string, recipient: ChannelAccount, activity: Partial<Activity>): Promise<void> {
    await this.log.append(conversationId, { ...this.asLogged({ id: conversationId }, activity), recipient }, this.clock());
    this.onAppended(conversationId);
  }

  private ownName(activity: Partial<Activity>): { name: string } | undefined {
    const id = activity.from?.id ?? WEB_BOT_ACCOUNT.id;
    return this.botName && id === WEB_BOT_ACCOUNT.id ? { name: this.botName(activity.locale) } : undefined;
  }

  /** The bot's activity as the log keeps it. */
  private asLogged(
    conversation: Partial<ConversationAccount> & { id: string },
    activity: Partial<Activity>,
  ): Omit<Partial<Activity>, 'timestamp' | 'localTimestamp'> {
    const { timestamp: _ignoredTimestamp, localTimestamp: _ignoredLocal, ...rest } = activity;
    return {
      ...rest,
      channelId: WEB_CHANNEL_ID,
      serviceUrl: WEB_SERVICE_URL,
      // Everything this adapter sends is the bot speaking, whatever reference it came from; the
      // bot itself under its name in the message's language (staff keep their own name).
      from: { ...WEB_BOT_ACCOUNT, ...activity.from, ...this.ownName(activity), role: 'bot' },
      conversation: conversation as ConversationAccount,
    };
  }

  async updateActivity(_context: TurnContext, _activity: Partial<Activity>): Promise<void> {
    throw new NotImplementedError('the web channel does not update sent activities');
  }

  async deleteActivity(_context: TurnContext, _reference: Partial<ConversationReference>): Promise<void> {
    throw new NotImplementedError('the web channel does not delete sent activities');
  }

  /** Proactive turn (queue updates, staff messages) on a stored conversation reference. */
  async continueConversation(reference: Partial<ConversationReference>, logic: BotLogic): Promise<void> {
    const activity = TurnContext.applyConversationReference({ type: ActivityTypes.Event, name: 'continueConversation' }, reference, true);
    const context = new TurnContext(this, activity);
    await this.runMiddleware(context, logic);
  }
}
