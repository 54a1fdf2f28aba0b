// The web channel adapter on the real database: a message turn is one write (the client's
// activity, state and replies in one commit), and a turn that fails still keeps the client's
// message, except while the database is out of reach.
import { ActivityTypes, type Activity, type TurnContext } from 'botbuilder';
import { StorageUnavailableError } from '../../errors';
import { erasedInTurn, WebChannelAdapter } from '../../channels/webChannelAdapter';
import type { TurnClientActivity } from '../../storage/activityLog';
import type { LuotsiDatabase } from '../../storage/database';
import { dropSchema, freshSchema, openTestDatabase, TEST_BACKEND, testPostgresUrl } from '../support/testDatabase';

const t0 = new Date('2026-11-01T10:00:00Z');

describe(`a web channel turn's commit (${TEST_BACKEND})`, () => {
  const schema = freshSchema();
  let db: LuotsiDatabase;
  let adapter: WebChannelAdapter;
  let appended: string[];
  let count = 0;
  beforeAll(async () => {
    db = await openTestDatabase(schema);
    appended = [];
    adapter = new WebChannelAdapter(
      db.activityLog,
      (conversationId) => appended.push(conversationId),
      () => t0,
      db.commitTurn,
    );
  });
  afterAll(async () => {
    await db.close();
    if (TEST_BACKEND === 'postgres') await dropSchema(testPostgresUrl(), schema);
  });

  /** A new conversation with a client message for its turn, as WebChannel.postActivity prepares it. */
  async function clientTurn(clientActivityId?: string): Promise<{ conversationId: string; activity: Partial<Activity>; client: TurnClientActivity }> {
    count += 1;
    const conversationId = `commit-${count}`;
    await db.activityLog.createConversation({ id: conversationId, userId: 'u', locale: 'fi', createdAt: t0.getTime() });
    const message = { type: ActivityTypes.Message, text: 'hei', from: { id: 'u', role: 'user' }, conversation: { id: conversationId } } as Partial<Activity>;
    const provisionalId = `${conversationId}|pending`;
    return { conversationId, activity: { ...message, id: provisionalId, timestamp: t0 }, client: { activity: message, clientActivityId, provisionalId } };
  }

  it('logs the client activity first, answered, with the replies pointing at its logged id', async () => {
    const { conversationId, activity, client } = await clientTurn('client-1');
    const loggedId = await adapter.processActivity(
      activity,
      async (context: TurnContext) => {
        expect(context.activity.id).toBe(client.provisionalId);
        await context.sendActivities([
          { type: 'message', text: 'yksi' },
          { type: 'message', text: 'kaksi' },
        ]);
      },
      client,
    );
    expect(loggedId).toBe(`${conversationId}|0000001`);
    const entries = await db.activityLog.listAfter(conversationId, 0, 10);
    expect(entries.map((e) => [e.watermark, e.activity.text])).toEqual([
      [1, 'hei'],
      [2, 'yksi'],
      [3, 'kaksi'],
    ]);
    expect(entries.slice(1).map((e) => e.activity.replyToId)).toEqual([loggedId, loggedId]);
    expect(await db.activityLog.findClientActivity(conversationId, 'client-1')).toMatchObject({ logged: { watermark: 1 }, answered: true });
    expect(appended).toContain(conversationId);
  });

  it('logs the client activity alone, unanswered, when the turn fails', async () => {
    const { conversationId, activity, client } = await clientTurn('client-2');
    await expect(
      adapter.processActivity(
        activity,
        async (context) => {
          await context.sendActivity({ type: 'message', text: 'never shown' });
          throw new Error('the bot broke');
        },
        client,
      ),
    ).rejects.toThrow('the bot broke');
    const entries = await db.activityLog.listAfter(conversationId, 0, 10);
    expect(entries.map((e) => e.activity.text)).toEqual(['hei']);
    expect(await db.activityLog.findClientActivity(conversationId, 'client-2')).toMatchObject({ answered: false });
  });

  it('writes nothing when the turn failed because the database is out of reach', async () => {
    const { conversationId, activity, client } = await clientTurn('client-3');
    await expect(
      adapter.processActivity(
        activity,
        async () => {
          throw new StorageUnavailableError('database did not answer');
        },
        client,
      ),
    ).rejects.toBeInstanceOf(StorageUnavailableError);
    expect(await db.activityLog.listAfter(conversationId, 0, 10)).toEqual([]);
  });

  it('leaves the client activity out of a turn that erased the conversation, and answers under the provisional id', async () => {
    const { conversationId, activity, client } = await clientTurn('client-5');
    await db.activityLog.append(conversationId, { type: 'message', text: 'vanha' }, t0);
    const id = await adapter.processActivity(
      activity,
      async (context) => {
        await db.activityLog.eraseActivities(conversationId);
        erasedInTurn(context);
        await context.sendActivity({ type: 'message', text: 'poistettu' });
      },
      client,
    );
    expect(id).toBe(client.provisionalId);
    const entries = await db.activityLog.listAfter(conversationId, 0, 10);
    expect(entries.map((e) => [e.activity.text, e.activity.replyToId])).toEqual([['poistettu', client.provisionalId]]);
    expect(await db.activityLog.findClientActivity(conversationId, 'client-5')).toBeUndefined();
  });

  it('still marks an activity logged earlier as answered when the turn names its watermark', async () => {
    const { conversationId, activity, client } = await clientTurn();
    const earlier = await db.activityLog.append(conversationId, client.activity, t0, 'client-4');
    await adapter.processActivity(
      { ...activity, id: earlier.activity.id },
      async (context) => {
        await context.sendActivity({ type: 'message', text: 'vastaus' });
      },
      earlier.watermark,
    );
    const entries = await db.activityLog.listAfter(conversationId, 0, 10);
    expect(entries.map((e) => [e.watermark, e.activity.text, e.activity.replyToId])).toEqual([
      [1, 'hei', undefined],
      [2, 'vastaus', earlier.activity.id],
    ]);
    expect(await db.activityLog.findClientActivity(conversationId, 'client-4')).toMatchObject({ answered: true });
  });
});
