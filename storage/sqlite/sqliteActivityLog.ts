import type { Activity } from 'botbuilder';
import { activityId, answering, type ActivityLog, type ChannelConversation, type LoggedActivity, type TurnClientActivity } from '../activityLog';
import type { SqliteHandle } from './openSqlite';

interface ConversationRow {
  id: string;
  user_id: string;
  locale: string | null;
  created_at: number;
  last_activity_at: number;
  started: number;
}

/** The web channel's activity log in SQLite. */
export class SqliteActivityLog implements ActivityLog {
  private readonly insertConversation;
  private readonly selectConversation;
  private readonly setStarted;
  private readonly takeWatermark;
  private readonly insertActivity;
  private readonly selectAfter;
  private readonly purgeConversations;
  private readonly eraseConversation;
  private readonly selectByClientId;
  private readonly setAnswered;

  constructor(private readonly db: SqliteHandle) {
    this.insertConversation = db.prepare('INSERT INTO channel_conversations (id, user_id, locale, created_at, last_activity_at) VALUES (?, ?, ?, ?, ?)');
    this.selectConversation = db.prepare<[string], ConversationRow>(
      'SELECT id, user_id, locale, created_at, last_activity_at, started FROM channel_conversations WHERE id = ?',
    );
    this.setStarted = db.prepare('UPDATE channel_conversations SET started = 1 WHERE id = ? AND started = 0');
    // One UPDATE takes the watermarks of all a write's activities (a turn's replies), not one each.
    this.takeWatermark = db.prepare<[number, number, string, number], { watermark: number }>(
      `UPDATE channel_conversations SET next_watermark = next_watermark + ?, last_activity_at = ?
       WHERE id = ? RETURNING next_watermark - ? AS watermark`,
    );
    this.insertActivity = db.prepare(
      'INSERT INTO channel_activities (conversation_id, watermark, activity, client_activity_id, answered) VALUES (?, ?, ?, ?, ?)',
    );
    this.selectByClientId = db.prepare<[string, string], { watermark: number; activity: string; answered: number }>(
      'SELECT watermark, activity, answered FROM channel_activities WHERE conversation_id = ? AND client_activity_id = ?',
    );
    this.setAnswered = db.prepare('UPDATE channel_activities SET answered = 1 WHERE conversation_id = ? AND watermark = ?');
    this.selectAfter = db.prepare<[string, number, number], { watermark: number; activity: string }>(
      'SELECT watermark, activity FROM channel_activities WHERE conversation_id = ? AND watermark > ? ORDER BY watermark LIMIT ?',
    );
    this.purgeConversations = db.prepare('DELETE FROM channel_conversations WHERE last_activity_at < ?');
    this.eraseConversation = db.prepare('DELETE FROM channel_activities WHERE conversation_id = ?');
  }

  async createConversation(c: Omit<ChannelConversation, 'started' | 'lastActivityAt'>): Promise<void> {
    this.insertConversation.run(c.id, c.userId, c.locale ?? null, c.createdAt, c.createdAt);
  }

  async getConversation(id: string): Promise<ChannelConversation | undefined> {
    const row = this.selectConversation.get(id);
    if (!row) return undefined;
    return {
      id: row.id,
      userId: row.user_id,
      locale: row.locale ?? undefined,
      createdAt: row.created_at,
      lastActivityAt: row.last_activity_at,
      started: row.started === 1,
    };
  }

  async markStarted(id: string): Promise<boolean> {
    return this.setStarted.run(id).changes === 1;
  }

  async append(
    conversationId: string,
    activity: Omit<Partial<Activity>, 'timestamp' | 'localTimestamp'>,
    now: Date,
    clientActivityId?: string,
  ): Promise<LoggedActivity> {
    return this.db.transaction(() => this.appendInTransaction(conversationId, activity, now, clientActivityId)).immediate();
  }

  async findClientActivity(conversationId: string, clientActivityId: string): Promise<{ logged: LoggedActivity; answered: boolean } | undefined> {
    const row = this.selectByClientId.get(conversationId, clientActivityId);
    if (!row) return undefined;
    return { logged: { watermark: row.watermark, activity: JSON.parse(row.activity) as LoggedActivity['activity'] }, answered: row.answered === 1 };
  }

  /** Inside the turn's transaction: the client activity at `watermark` has had its answer. */
  markAnsweredInTransaction(conversationId: string, watermark: number): void {
    this.setAnswered.run(conversationId, watermark);
  }

  /** `append` inside the caller's (synchronous) transaction. */
  appendInTransaction(
    conversationId: string,
    activity: Omit<Partial<Activity>, 'timestamp' | 'localTimestamp'>,
    now: Date,
    clientActivityId?: string,
  ): LoggedActivity {
    return this.appendAllInTransaction(conversationId, [activity], now, clientActivityId)[0]!;
  }

  /**
   * Appends `activities` in order inside the caller's (synchronous) transaction, with one
   * watermark UPDATE for all of them. The first one may be a client activity: `client` names its
   * own id, or is the turn's client activity (TurnClientActivity), logged already answered, whose
   * answers point at it.
   */
  appendAllInTransaction(
    conversationId: string,
    activities: readonly Omit<Partial<Activity>, 'timestamp' | 'localTimestamp'>[],
    now: Date,
    client?: string | TurnClientActivity,
  ): LoggedActivity[] {
    if (activities.length === 0) return [];
    const taken = this.takeWatermark.get(activities.length, now.getTime(), conversationId, activities.length);
    if (!taken) throw new Error('conversation does not exist');
    const timestamp = now.toISOString();
    const turnClient = typeof client === 'object' ? client : undefined;
    const clientActivityId = typeof client === 'object' ? client.clientActivityId : client;
    const firstId = activityId(conversationId, taken.watermark);
    return activities.map((activity, index) => {
      const watermark = taken.watermark + index;
      const logged: LoggedActivity = {
        watermark,
        activity: { ...answering(activity, index > 0 ? turnClient : undefined, firstId), id: activityId(conversationId, watermark), timestamp },
      };
      // The turn's own client activity is answered by the commit that logs it.
      this.insertActivity.run(
        conversationId,
        watermark,
        JSON.stringify(logged.activity),
        index === 0 ? (clientActivityId ?? null) : null,
        index === 0 && turnClient ? 1 : 0,
      );
      return logged;
    });
  }

  async listAfter(conversationId: string, watermark: number, limit: number): Promise<LoggedActivity[]> {
    return this.selectAfter.all(conversationId, watermark, limit).map((row) => ({
      watermark: row.watermark,
      activity: JSON.parse(row.activity) as LoggedActivity['activity'],
    }));
  }

  async eraseActivities(conversationId: string): Promise<number> {
    return this.eraseConversation.run(conversationId).changes;
  }

  async purgeIdleBefore(cutoff: Date): Promise<number> {
    return this.purgeConversations.run(cutoff.getTime()).changes;
  }
}
