// The one place that knows how to speak to a client later, outside their own turn (staff joined,
// staff messages, queue place, "your nurse lost the connection", closing and feedback): on the
// local web channel through its in-process adapter, on Azure Bot Service channels through
// CloudAdapter.continueConversationAsync with the app's credentials.

import type { BotAdapter, CloudAdapter, ConversationReference, TurnContext } from 'botbuilder';
import { LuotsiError } from '../errors';

/** A conversation's channel cannot be reached proactively (not configured, or it refused). */
export class ProactiveDeliveryError extends LuotsiError {
  readonly code = 'ProactiveDeliveryFailed';
}

/** Speaks to a client outside their turn, on whichever channel their conversation is. */
export interface ProactiveSender {
  /** Runs `logic` in a turn of the referenced conversation; throws ProactiveDeliveryError when the channel does not take it. */
  continue(channel: string, reference: Partial<ConversationReference>, logic: (context: TurnContext) => Promise<void>): Promise<void>;
}

/** Waits before each retry of a failed Azure delivery. */
const RETRY_DELAYS_MS: readonly number[] = [250, 1000, 4000];

/** A connector answer worth trying again: throttled, a server error, or no answer at all. */
function isTransient(error: unknown): boolean {
  const status = (error as { statusCode?: unknown } | undefined)?.statusCode;
  return typeof status !== 'number' || status === 429 || status >= 500;
}

/** The proactive sender of a service: the web channel always, Azure channels when /api/messages is on. */
export function createProactiveSender(deps: {
  webChannelId: string;
  webAdapter: BotAdapter;
  /** The CloudAdapter of /api/messages and the bot's app id (undefined only in local development). */
  cloud?: { adapter: CloudAdapter; appId: string | undefined };
  retryDelaysMs?: readonly number[];
  /** Told of each failed attempt (ids and status only). */
  onRetry?: (channel: string, attempt: number, error: unknown) => void;
}): ProactiveSender {
  const delays = deps.retryDelaysMs ?? RETRY_DELAYS_MS;
  return {
    async continue(channel, reference, logic) {
      // The adapters hand a failing turn to their onTurnError (which would tell the client "something
      // went wrong" and swallow it): a proactive turn's failure belongs to the caller instead.
      let failure: { error: unknown } | undefined;
      const guarded = async (context: TurnContext) => {
        try {
          await logic(context);
        } catch (error) {
          failure = { error };
        }
      };
      // Read through a function: the compiler cannot see the closure assign it.
      const failed = (): { error: unknown } | undefined => failure;
      if (channel === deps.webChannelId) {
        await deps.webAdapter.continueConversation(reference, guarded);
        const outcome = failed();
        if (outcome) throw outcome.error;
        return;
      }
      const cloud = deps.cloud;
      if (!cloud) throw new ProactiveDeliveryError(`no proactive route to channel ${channel}: /api/messages is not configured`);
      // A retry runs the whole logic again: a message may arrive twice, but it is never lost silently.
      for (let attempt = 0; ; attempt += 1) {
        try {
          failure = undefined;
          await cloud.adapter.continueConversationAsync(cloud.appId ?? '', reference, guarded);
          const outcome = failed();
          if (outcome) throw outcome.error;
          return;
        } catch (error) {
          if (attempt >= delays.length || !isTransient(error))
            throw new ProactiveDeliveryError(`channel ${channel} did not take the message`, { cause: error });
          deps.onRetry?.(channel, attempt + 1, error);
          await new Promise((resolve) => setTimeout(resolve, delays[attempt]));
        }
      }
    },
  };
}
