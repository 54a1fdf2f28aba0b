import type { Activity } from 'botbuilder';

/** A web channel conversation as the channel stores it. */
export interface ChannelConversation {
  id: string;
  userId: string;
  locale: string | undefined;
  createdAt: number;
  lastActivityAt: number;
  /** Whether the bot has been told that the conversation began (conversationUpdate sent). */
  started: boolean;
}

/** An activity as it travels over the wire: timestamps are ISO strings. */
export type WireActivity = Omit<Partial<Activity>, 'timestamp' | 'localTimestamp'> & {
  id: string;
  timestamp: string;
  localTimestamp?: string;
};

/** An activity with its place in the conversation. */
export interface LoggedActivity {
  watermark: number;
  activity: WireActivity;
}

/** The web channel's persistent, ordered activity log (history for reconnects and polling). */
export interface ActivityLog {
  createConversation(conversation: Omit<ChannelConversation, 'started' | 'lastActivityAt'>): Promise<void>;
  getConversation(id: string): Promise<ChannelConversation | undefined>;
  /** Marks the conversation started; true only for the call that changed it. */
  markStarted(id: string): Promise<boolean>;
  /**
   * Appends an activity, assigning id, timestamp and the next watermark. A client's activity
   * carries its own id (`clientActivityId`), unique in the conversation, so a resend can be found.
   */
  append(
    conversationId: string,
    activity: Omit<Partial<Activity>, 'timestamp' | 'localTimestamp'>,
    now: Date,
    clientActivityId?: string,
  ): Promise<LoggedActivity>;
  /** The client's activity logged under its own id, and whether the bot's turn on it committed. */
  findClientActivity(conversationId: string, clientActivityId: string): Promise<{ logged: LoggedActivity; answered: boolean } | undefined>;
  /** Activities after the watermark, oldest first. */
  listAfter(conversationId: string, watermark: number, limit: number): Promise<LoggedActivity[]>;
  /**
   * The client's erasure: deletes every activity of the conversation so far; returns how many.
   * The conversation row (ids, locale, times, next watermark) stays so the token and the
   * watermark sequence keep working for the confirmation that follows; retention removes it later.
   */
  eraseActivities(conversationId: string): Promise<number>;
  /** Deletes conversations idle since before `cutoff` with their activities; returns how many. */
  purgeIdleBefore(cutoff: Date): Promise<number>;
}

/**
 * A client's activity that the turn's commit logs, first and in the same transaction as the bot's
 * replies, so a message turn is one write. Replies answering it (`replyToId` = the id the bot saw
 * during the turn) point at its logged id.
 */
export interface TurnClientActivity {
  activity: Omit<Partial<Activity>, 'timestamp' | 'localTimestamp'>;
  /** The client's own id of it, so a resend is found (see ActivityLog.append). */
  clientActivityId?: string;
  /** The id the bot saw during the turn, before the activity had its watermark. */
  provisionalId: string;
}

/** The turn's activities for the log: the client's first when the commit logs it, then the replies. */
export function turnActivities(
  client: TurnClientActivity | undefined,
  replies: readonly Omit<Partial<Activity>, 'timestamp' | 'localTimestamp'>[],
): Omit<Partial<Activity>, 'timestamp' | 'localTimestamp'>[] {
  return client ? [client.activity, ...replies] : [...replies];
}

/** A reply answering the turn's client activity points at its logged id, not the provisional one. */
export function answering<T extends { replyToId?: string }>(activity: T, client: TurnClientActivity | undefined, clientId: string): T {
  return client && activity.replyToId === client.provisionalId ? { ...activity, replyToId: clientId } : activity;
}

/** Activity ids look like Direct Line's: `<conversationId>|<zero-padded watermark>`. */
export function activityId(conversationId: string, watermark: number): string {
  return `${conversationId}|${String(watermark).padStart(7, '0')}`;
}
