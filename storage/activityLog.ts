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
  append(conversationId: string, activity: Omit<Partial<Activity>, 'timestamp' | 'localTimestamp'>, now: Date, clientActivityId?: string): Promise<LoggedActivity>;
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

/** Activity ids look like Direct Line's: `<conversationId>|<zero-padded watermark>`. */
export function activityId(conversationId: string, watermark: number): string {
  return `${conversationId}|${String(watermark).padStart(7, '0')}`;
}
