import {
  ActivityTypes,
  BotAdapter,
  TurnContext,
  type Activity,
  type ConversationReference,
  type ResourceResponse,
} from 'botbuilder';
import { NotImplementedError } from '../errors';
import type { ActivityLog } from '../storage/activityLog';
import type { StreamHub } from './streamHub';

/** Channel id of the local web channel. */
export const WEB_CHANNEL_ID = 'webchat';
/** Service URL stamped on web channel activities; it names this adapter, it is never dialled. */
export const WEB_SERVICE_URL = 'urn:luotsi:web-channel';
/** The bot's identity on the web channel. */
export const WEB_BOT_ACCOUNT = { id: 'luotsi', name: 'Luotsi', role: 'bot' } as const;

/** Longest 'delay' activity honoured, so a bot cannot stall its conversation. */
const MAX_DELAY_MS = 5000;

type BotLogic = (context: TurnContext) => Promise<void>;

/**
 * The in-process Bot Framework adapter of the web channel: runs the bot on activities
 * the channel received, and writes the bot's replies straight into the activity log
 * (ids, timestamps, watermark order) from where the streams and polling read them.
 */
export class WebChannelAdapter extends BotAdapter {
  constructor(
    private readonly log: ActivityLog,
    private readonly hub: StreamHub,
    private readonly clock: () => Date = () => new Date(),
  ) {
    super();
  }

  /** Runs the bot on one incoming activity. */
  async processActivity(activity: Partial<Activity>, logic: BotLogic): Promise<void> {
    const context = new TurnContext(this, activity);
    await this.runMiddleware(context, logic);
  }

  async sendActivities(context: TurnContext, activities: Partial<Activity>[]): Promise<ResourceResponse[]> {
    const responses: ResourceResponse[] = [];
    const conversationId = context.activity.conversation?.id;
    if (!conversationId) throw new Error('turn without conversation');
    for (const activity of activities) {
      if (activity.type === 'delay') {
        const ms = typeof activity.value === 'number' ? Math.min(activity.value, MAX_DELAY_MS) : 1000;
        await new Promise((resolve) => setTimeout(resolve, ms));
        responses.push({ id: '' });
        continue;
      }
      if (activity.type === ActivityTypes.InvokeResponse) {
        responses.push({ id: '' });
        continue;
      }
      const { timestamp: _ignoredTimestamp, localTimestamp: _ignoredLocal, ...rest } = activity;
      const logged = await this.log.append(
        conversationId,
        {
          ...rest,
          channelId: WEB_CHANNEL_ID,
          serviceUrl: WEB_SERVICE_URL,
          // Everything this adapter sends is the bot speaking, whatever reference it came from.
          from: { ...WEB_BOT_ACCOUNT, ...activity.from, role: 'bot' },
          conversation: { ...context.activity.conversation, id: conversationId },
        },
        this.clock(),
      );
      responses.push({ id: logged.activity.id });
    }
    this.hub.publish(conversationId);
    return responses;
  }

  async updateActivity(_context: TurnContext, _activity: Partial<Activity>): Promise<void> {
    throw new NotImplementedError('the web channel does not update sent activities');
  }

  async deleteActivity(_context: TurnContext, _reference: Partial<ConversationReference>): Promise<void> {
    throw new NotImplementedError('the web channel does not delete sent activities');
  }

  /** Proactive turn (queue updates, staff messages) on a stored conversation reference. */
  async continueConversation(reference: Partial<ConversationReference>, logic: BotLogic): Promise<void> {
    const activity = TurnContext.applyConversationReference(
      { type: ActivityTypes.Event, name: 'continueConversation' },
      reference,
      true,
    );
    const context = new TurnContext(this, activity);
    await this.runMiddleware(context, logic);
  }
}
