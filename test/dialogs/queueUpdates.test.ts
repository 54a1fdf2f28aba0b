import { WEB_CHANNEL_ID, WebChannelAdapter } from '../../channels/webChannelAdapter';
import { createProactiveSender } from '../../dialogs/proactiveSender';
import { QueueDesk } from '../../dialogs/queueDesk';
import { QueuePositionNotifier } from '../../dialogs/queueUpdates';
import type { NewCase } from '../../handoff/caseTypes';
import { DEFAULT_CATALOG } from '../../routing';
import { openTestDatabase } from '../support/testDatabase';
import { i18n } from '../support/dialogHarness';

const fi = i18n.getFixedT('fi');
const QUEUE = 'general_customer_service';

function waitingCase(conversationId: string): NewCase {
  return {
    conversationId,
    conversationReference: {
      channelId: WEB_CHANNEL_ID,
      serviceUrl: 'urn:luotsi:web-channel',
      conversation: { id: conversationId, isGroup: false, conversationType: 'personal', name: '' },
      bot: { id: 'luotsi', name: 'Luotsi' },
      user: { id: 'u', name: '' },
    },
    channel: WEB_CHANNEL_ID,
    queueId: QUEUE,
    urgency: 'non_urgent',
    locale: 'fi',
    answers: {},
    photoIds: [],
  };
}

describe("queue position updates through the web channel adapter (store of the run's backend)", () => {
  it('tells a waiting client when the place changes, at most once per interval, never repeating itself', async () => {
    const db = await openTestDatabase();
    let now = new Date('2026-11-23T08:00:00Z');
    const adapter = new WebChannelAdapter(
      db.activityLog,
      () => undefined,
      () => now,
    );
    for (const id of ['c-first', 'c-second']) await db.activityLog.createConversation({ id, userId: 'u', locale: 'fi', createdAt: now.getTime() });
    const said = async (conversationId: string) => (await db.activityLog.listAfter(conversationId, 0, 100)).map((e) => e.activity);
    const desk = new QueueDesk({
      handoff: db.handoff,
      blobStore: db.blobStore,
      catalog: DEFAULT_CATALOG,
      clock: () => now,
      staffOnline: async () => ({ [QUEUE]: 1 }),
      defaultHandlingMs: 600_000,
    });
    const notifier = new QueuePositionNotifier({
      handoff: db.handoff,
      desk,
      catalog: DEFAULT_CATALOG,
      sender: createProactiveSender({ webChannelId: WEB_CHANNEL_ID, webAdapter: adapter }),
      i18n,
      clock: () => now,
      minIntervalMs: 60_000,
    });
    try {
      const first = await db.handoff.create(waitingCase('c-first'), now);
      now = new Date(now.getTime() + 1000);
      await db.handoff.create(waitingCase('c-second'), now);

      // The first round only learns what the clients were told when they joined.
      expect(await notifier.tick()).toBe(0);
      expect(await said('c-second')).toHaveLength(0);

      // The first case is taken: the second client moves up, but not within the interval.
      now = new Date(now.getTime() + 10_000);
      await db.handoff.claim({ staffId: 's', queues: [QUEUE] }, first.id, now);
      expect(await notifier.tick()).toBe(0);

      now = new Date(now.getTime() + 61_000);
      expect(await notifier.tick()).toBe(1);
      const update = await said('c-second');
      expect(update).toHaveLength(1);
      expect(update[0]!.text).toBe(fi('common:handoff.position', { position: 1, minutes: 10 }));
      expect(await said('c-first')).toHaveLength(0);

      // Nothing changed: nothing said.
      now = new Date(now.getTime() + 120_000);
      expect(await notifier.tick()).toBe(0);
    } finally {
      await db.close();
    }
  });
});
