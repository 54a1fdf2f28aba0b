import type { Activity } from 'botbuilder';
import { activityId, answering, type ActivityLog, type ChannelConversation, type LoggedActivity, type TurnClientActivity } from '../activityLog';
import type { PgDb, PgQueryable } from './pgClient';

interface ConversationRow {
  id: string;
  user_id: string;
  locale: string | null;
  created_at: number;
  last_activity_at: number;
  started: boolean;
}

/** The web channel's activity log in PostgreSQL, shared by every instance on the database. */
export class PgActivityLog implements ActivityLog {
  constructor(private readonly db: PgDb) {}

  async createConversation(c: Omit<ChannelConversation, 'started' | 'lastActivityAt'>): Promise<void> {
    await this.db.query('INSERT INTO channel_conversations (id, user_id, locale, created_at, last_activity_at) VALUES ($1, $2, $3, $4, $4)', [
      c.id,
      c.userId,
      c.locale ?? null,
      c.createdAt,
    ]);
  }

  async getConversation(id: string): Promise<ChannelConversation | undefined> {
    const { rows } = await this.db.query<ConversationRow>(
      'SELECT id, user_id, locale, created_at, last_activity_at, started FROM channel_conversations WHERE id = $1',
      [id],
    );
    const row = rows[0];
    if (!row) return undefined;
    return {
      id: row.id,
      userId: row.user_id,
      locale: row.locale ?? undefined,
      createdAt: row.created_at,
      lastActivityAt: row.last_activity_at,
      started: row.started,
    };
  }

  async markStarted(id: string): Promise<boolean> {
    const { rowCount } = await this.db.query('UPDATE channel_conversations SET started = TRUE WHERE id = $1 AND NOT started', [id]);
    return rowCount === 1;
  }

  async append(
    conversationId: string,
    activity: Omit<Partial<Activity>, 'timestamp' | 'localTimestamp'>,
    now: Date,
    clientActivityId?: string,
  ): Promise<LoggedActivity> {
    return this.db.transaction((tx) => this.appendIn(tx, conversationId, activity, now, clientActivityId));
  }

  async findClientActivity(conversationId: string, clientActivityId: string): Promise<{ logged: LoggedActivity; answered: boolean } | undefined> {
    const { rows } = await this.db.query<{ watermark: number; activity: string; answered: boolean }>(
      'SELECT watermark, activity, answered FROM channel_activities WHERE conversation_id = $1 AND client_activity_id = $2',
      [conversationId, clientActivityId],
    );
    const row = rows[0];
    if (!row) return undefined;
    return { logged: { watermark: row.watermark, activity: JSON.parse(row.activity) as LoggedActivity['activity'] }, answered: row.answered };
  }

  /** Inside the turn's transaction: the client activity at `watermark` has had its answer. */
  async markAnsweredIn(tx: PgQueryable, conversationId: string, watermark: number): Promise<void> {
    await tx.query('UPDATE channel_activities SET answered = TRUE WHERE conversation_id = $1 AND watermark = $2', [conversationId, watermark]);
  }

  /** `append` inside the caller's transaction. */
  async appendIn(
    tx: PgQueryable,
    conversationId: string,
    activity: Omit<Partial<Activity>, 'timestamp' | 'localTimestamp'>,
    now: Date,
    clientActivityId?: string,
  ): Promise<LoggedActivity> {
    return (await this.appendAllIn(tx, conversationId, [activity], now, clientActivityId))[0]!;
  }

  /**
   * Appends `activities` in order inside the caller's transaction in two statements whatever
   * their number (one watermark UPDATE, one INSERT). The first one may be a client activity:
   * `client` names its own id, or is the turn's client activity (TurnClientActivity), logged
   * already answered, whose answers point at it.
   */
  async appendAllIn(
    tx: PgQueryable,
    conversationId: string,
    activities: readonly Omit<Partial<Activity>, 'timestamp' | 'localTimestamp'>[],
    now: Date,
    client?: string | TurnClientActivity,
  ): Promise<LoggedActivity[]> {
    if (activities.length === 0) return [];
    // The UPDATE locks the conversation's row until commit, so appenders on other instances
    // queue here and each takes its own watermarks.
    const { rows } = await tx.query<{ watermark: number }>(
      `UPDATE channel_conversations SET next_watermark = next_watermark + $1, last_activity_at = $2
       WHERE id = $3 RETURNING next_watermark - $1 AS watermark`,
      [activities.length, now.getTime(), conversationId],
    );
    const taken = rows[0];
    if (!taken) throw new Error('conversation does not exist');
    const timestamp = now.toISOString();
    const turnClient = typeof client === 'object' ? client : undefined;
    const clientActivityId = typeof client === 'object' ? client.clientActivityId : client;
    const firstId = activityId(conversationId, taken.watermark);
    const logged = activities.map((activity, index): LoggedActivity => {
      const watermark = taken.watermark + index;
      return {
        watermark,
        activity: { ...answering(activity, index > 0 ? turnClient : undefined, firstId), id: activityId(conversationId, watermark), timestamp },
      };
    });
    const values: unknown[] = [];
    const tuples = logged.map((entry, index) => {
      // The turn's own client activity is answered by the commit that logs it: no UPDATE after.
      values.push(
        conversationId,
        entry.watermark,
        JSON.stringify(entry.activity),
        index === 0 ? (clientActivityId ?? null) : null,
        index === 0 && turnClient !== undefined,
      );
      const at = index * 5;
      return `($${at + 1}, $${at + 2}, $${at + 3}, $${at + 4}, $${at + 5})`;
    });
    await tx.query(`INSERT INTO channel_activities (conversation_id, watermark, activity, client_activity_id, answered) VALUES ${tuples.join(', ')}`, values);
    return logged;
  }

  async listAfter(conversationId: string, watermark: number, limit: number): Promise<LoggedActivity[]> {
    const { rows } = await this.db.query<{ watermark: number; activity: string }>(
      'SELECT watermark, activity FROM channel_activities WHERE conversation_id = $1 AND watermark > $2 ORDER BY watermark LIMIT $3',
      [conversationId, watermark, limit],
    );
    return rows.map((row) => ({ watermark: row.watermark, activity: JSON.parse(row.activity) as LoggedActivity['activity'] }));
  }

  async eraseActivities(conversationId: string): Promise<number> {
    const { rowCount } = await this.db.query('DELETE FROM channel_activities WHERE conversation_id = $1', [conversationId]);
    return rowCount;
  }

  async purgeIdleBefore(cutoff: Date): Promise<number> {
    const { rowCount } = await this.db.query('DELETE FROM channel_conversations WHERE last_activity_at < $1', [cutoff.getTime()]);
    return rowCount;
  }
}
