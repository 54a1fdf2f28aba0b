// A nurse's connection drops mid-chat: the case stays hers through the grace period, then goes
// back to its queue (arrival kept, internal note), and the client hears it through the web
// channel adapter. A nurse who is still there keeps her case. Runs on the run's backend.
import { WEB_CHANNEL_ID, WebChannelAdapter } from '../../channels/webChannelAdapter';
import { createProactiveSender } from '../../dialogs/proactiveSender';
import { QueueDesk } from '../../dialogs/queueDesk';
import { StaffConnectionWatch } from '../../dialogs/staffConnectionWatch';
import type { NewCase } from '../../handoff/caseTypes';
import { DEFAULT_CATALOG } from '../../routing';
import { createStaffAccount } from '../../staff/accounts';
import { StaffAuthenticator } from '../../staff/authentication';
import { i18n } from '../support/dialogHarness';
import { openTestDatabase } from '../support/testDatabase';

const fi = i18n.getFixedT('fi');
const QUEUE = 'general_customer_service';
const GRACE_MS = 180_000;
const FAST = { logN: 10, r: 8, p: 1 };

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

describe('a staff member whose connection drops mid-chat', () => {
  it('keeps the case for the grace period, then it returns to the queue with a note and the client is told', async () => {
    const db = await openTestDatabase();
    let now = new Date('2026-11-23T08:00:00Z');
    const clock = () => now;
    const adapter = new WebChannelAdapter(db.activityLog, () => undefined, clock);
    const desk = new QueueDesk({
      handoff: db.handoff,
      blobStore: db.blobStore,
      catalog: DEFAULT_CATALOG,
      clock,
      staffOnline: async () => ({ [QUEUE]: 1 }),
      defaultHandlingMs: 600_000,
    });
    const watch = new StaffConnectionWatch({
      handoff: db.handoff,
      staff: db.staff,
      desk,
      sender: createProactiveSender({ webChannelId: WEB_CHANNEL_ID, webAdapter: adapter }),
      i18n,
      clock,
      graceMs: GRACE_MS,
      noteLocale: 'fi',
    });
    const auth = new StaffAuthenticator(db.staff, undefined, FAST);
    const queues = DEFAULT_CATALOG.queues.map((q) => q.id);
    try {
      const dropped = await createStaffAccount(
        db.staff,
        { username: 'maija', displayName: 'Maija', role: 'nurse', queues: [QUEUE] },
        'salasana-joka-on-pitkä',
        queues,
        now,
        FAST,
      );
      const present = await createStaffAccount(
        db.staff,
        { username: 'ville', displayName: 'Ville', role: 'social_counsellor', queues: [QUEUE] },
        'toinen-pitkä-salasana',
        queues,
        now,
        FAST,
      );
      const maija = await auth.login('maija', 'salasana-joka-on-pitkä', now);
      const ville = await auth.login('ville', 'toinen-pitkä-salasana', now);
      for (const id of ['c-dropped', 'c-kept', 'c-later']) await db.activityLog.createConversation({ id, userId: 'u', locale: 'fi', createdAt: now.getTime() });
      const droppedCase = await db.handoff.create(waitingCase('c-dropped'), now);
      const keptCase = await db.handoff.create(waitingCase('c-kept'), new Date(now.getTime() + 1000));
      await db.handoff.create(waitingCase('c-later'), new Date(now.getTime() + 2000));
      await db.handoff.claim({ staffId: dropped.id, queues: [QUEUE] }, droppedCase.id, now);
      await db.handoff.claim({ staffId: present.id, queues: [QUEUE] }, keptCase.id, now);

      // Inside the grace period nothing moves, even though Maija has gone quiet.
      now = new Date(now.getTime() + GRACE_MS - 1000);
      await auth.authenticate(ville.sessionId, now);
      expect(await watch.tick()).toEqual([]);
      expect(await db.handoff.findOpenByConversation('c-dropped')).toMatchObject({ status: 'claimed', claimedBy: dropped.id });

      // Past it: Maija's case goes back; Ville, who keeps using the console, keeps his.
      now = new Date(now.getTime() + 2000);
      expect(await watch.tick()).toEqual([droppedCase.id]);
      const back = await db.handoff.findOpenByConversation('c-dropped');
      expect(back).toMatchObject({ status: 'waiting', claimedBy: undefined });
      // The arrival time survives, so the client is ahead of the one who came later.
      expect(back!.createdAt.getTime()).toBe(droppedCase.createdAt.getTime());
      expect(await db.handoff.findOpenByConversation('c-kept')).toMatchObject({ status: 'claimed', claimedBy: present.id });
      const notes = await db.handoff.listMessages({ staffId: present.id, queues: [QUEUE] }, droppedCase.id);
      expect(notes.map((m) => m.text)).toContain(fi('staff:notes.connectionLost', { minutes: 3 }));

      const told = (await db.activityLog.listAfter('c-dropped', 0, 10)).map((e) => e.activity.text);
      // One staff member online, no history: the default 10 minutes per case.
      expect(told).toEqual([fi('common:handoff.staffLost'), fi('common:handoff.position', { position: 1, minutes: 10 })]);

      // Nothing is returned twice; Maija coming back later finds the case in the queue, not hers.
      expect(await watch.tick()).toEqual([]);
      await auth.authenticate(maija.sessionId, now);
      expect(await db.handoff.listClaimedBy({ staffId: dropped.id, queues: [QUEUE] })).toEqual([]);
    } finally {
      await db.close();
    }
  });
});
