import { MemoryStorage, type Activity } from 'botbuilder';
import type { PersistedFlow } from '../../dialogs/flowTypes';
import { helsinkiDateTime } from '../../routing/helsinkiTime';
import { QueueDesk } from '../../dialogs/queueDesk';
import { DEFAULT_CATALOG } from '../../routing';
import type { LuotsiDatabase } from '../../storage/database';
import { openTestDatabase } from '../support/testDatabase';
import { DialogHarness, i18n, texts } from '../support/dialogHarness';

const fi = i18n.getFixedT('fi');
const CONVERSATION = 'Convo1'; // TestAdapter's conversation
const STAFF = { staffId: 'staff-1', queues: ['general_customer_service'] };

function buttons(replies: Partial<Activity>[]): { title?: string; value?: unknown }[] {
  return replies.flatMap((r) => r.suggestedActions?.actions ?? []);
}

describe("the handoff queue from the client side (real store of the run's backend, TestAdapter)", () => {
  let db: LuotsiDatabase;
  let desk: QueueDesk;
  let now = new Date('2026-11-23T08:00:00Z'); // Monday 10.00 in Helsinki: customer service is open
  beforeAll(async () => {
    db = await openTestDatabase();
    desk = new QueueDesk({
      handoff: db.handoff,
      blobStore: db.blobStore,
      catalog: DEFAULT_CATALOG,
      clock: () => now,
      staffOnline: async () => ({ general_customer_service: 1 }),
      defaultHandlingMs: 10 * 60_000,
    });
  });
  afterAll(() => db.close());

  it('keeps the outcome when the client types "ok" after it: the same join buttons again, and the join still works', async () => {
    const h = new DialogHarness({ queueDesk: desk });
    h.now = now;
    await h.join();
    const outcome = await h.send('ihminen');
    const offered = buttons(outcome).map((b) => b.value);
    expect(offered).toContainEqual({ joinQueue: 'general_customer_service' });
    const again = await h.send('ok');
    expect(texts(again)).toEqual([fi('common:outcome.stillHere')]);
    expect(buttons(again).map((b) => b.value)).toEqual([...offered, { globalWord: 'restart' }]);
    const joined = await h.send({ type: 'message', value: { joinQueue: 'general_customer_service' } });
    expect(texts(joined)[1]).toBe(fi('common:handoff.position', { position: 1, minutes: 10 }));
    await h.send({ type: 'message', value: buttons(joined)[0]!.value });
  });

  it('joins an open queue from the outcome, tells the place and wait, takes messages, and keeps quiet once staff hold the case', async () => {
    const h = new DialogHarness({ queueDesk: desk });
    h.now = now;
    await h.join();
    const outcome = await h.send('ihminen');
    const join = buttons(outcome).find((b) => (b.value as { joinQueue?: string } | undefined)?.joinQueue === 'general_customer_service');
    expect(join?.title).toBe(fi('common:handoff.join', { queue: DEFAULT_CATALOG.queues.find((q) => q.id === 'general_customer_service')!.name.fi }));

    // A queue the outcome did not offer cannot be joined by a forged press.
    expect(texts(await h.send({ type: 'message', value: { joinQueue: 'digital_clinic' } }))).toEqual([fi('common:handoff.notOffered')]);

    const joined = await h.send({ type: 'message', text: join!.title, value: join!.value });
    expect(texts(joined)[1]).toBe(fi('common:handoff.position', { position: 1, minutes: 10 }));
    expect(buttons(joined).map((b) => b.title)).toEqual([fi('common:handoff.leave')]);
    const waiting = await db.handoff.findOpenByConversation(CONVERSATION);
    expect(waiting).toMatchObject({ queueId: 'general_customer_service', status: 'waiting', locale: 'fi' });

    const noted = await h.send('Minulla on kysymys laskusta');
    expect(texts(noted)[0]).toBe(fi('common:handoff.noted'));
    // A message longer than MAX_MESSAGE_LENGTH is answered "too long" and not put on the case.
    expect(texts(await h.send('x'.repeat(2001)))).toEqual([fi('common:errors.tooLong', { max: 2000 })]);

    // Typed emergency signs still get 112 first; the message stays on the case.
    const urgent = await h.send('nyt tuli kova rintakipu');
    expect(texts(urgent)[0]).toBe(fi('routing:outcome.emergency.chest_pain'));
    expect(texts(urgent).filter((line) => line.includes('112'))).toHaveLength(1);

    now = new Date(now.getTime() + 60_000);
    h.now = now;
    await db.handoff.claim(STAFF, waiting!.id, now);
    expect(await h.send('Oletteko siellä?')).toEqual([]);
    const messages = (await db.handoff.listMessages({ conversationId: CONVERSATION }, waiting!.id)).map((m) => m.text);
    expect(messages).toEqual(['Minulla on kysymys laskusta', 'nyt tuli kova rintakipu', 'Oletteko siellä?']);

    // Once staff hold the case, "end" is a message to them, not leaving the queue.
    expect(await h.send('lopeta')).toEqual([]);
    expect(await db.handoff.findOpenByConversation(CONVERSATION)).toMatchObject({ status: 'claimed' });
  });

  it('leaves the queue with the word or the button while waiting', async () => {
    const own = await openTestDatabase();
    try {
      const h = new DialogHarness({
        queueDesk: new QueueDesk({
          handoff: own.handoff,
          blobStore: own.blobStore,
          catalog: DEFAULT_CATALOG,
          clock: () => now,
          staffOnline: async () => ({}),
          defaultHandlingMs: 600_000,
        }),
      });
      h.now = now;
      await h.join();
      await h.send('ihminen');
      const joined = await h.send({ type: 'message', value: { joinQueue: 'general_customer_service' } });
      // Nobody online: the wait is not made up.
      expect(texts(joined)[1]).toBe(fi('common:handoff.positionUnknown', { position: 1 }));
      const left = await h.send({ type: 'message', text: fi('common:handoff.leave'), value: { leaveQueue: true } });
      expect(texts(left)).toEqual([fi('common:handoff.left'), fi('routing:emergency.safetyNet')]);
      expect(await own.handoff.findOpenByConversation(CONVERSATION)).toBeUndefined();
    } finally {
      await own.close();
    }
  });

  it('takes a contact request for a closed queue and shows it to staff when the queue opens', async () => {
    const own = await openTestDatabase();
    let clock = new Date('2026-11-28T21:30:00Z'); // Saturday 23.30 in Helsinki
    try {
      const h = new DialogHarness({
        queueDesk: new QueueDesk({
          handoff: own.handoff,
          blobStore: own.blobStore,
          catalog: DEFAULT_CATALOG,
          clock: () => clock,
          staffOnline: async () => ({}),
          defaultHandlingMs: 600_000,
        }),
      });
      h.now = clock;
      await h.join();
      const outcome = await h.send('ihminen');
      const offer = buttons(outcome).find((b) => (b.value as { contactQueue?: string } | undefined)?.contactQueue === 'general_customer_service');
      expect(offer).toBeDefined();
      expect(buttons(outcome).some((b) => (b.value as { joinQueue?: string } | undefined)?.joinQueue)).toBe(false);

      expect(texts(await h.send({ type: 'message', text: offer!.title, value: offer!.value }))).toEqual([fi('contact:message.question')]);
      expect(texts(await h.send('x'.repeat(501)))).toEqual([fi('contact:errors.textTooLong', { max: 500 })]);
      expect(texts(await h.send('Tarvitsen apua kotihoidon hakemiseen'))).toEqual([fi('contact:reach.question')]);
      const saved = texts(await h.send('040 123 4567'));
      // Customer service opens on Monday at 8.00 Helsinki time (06.00 UTC in winter).
      expect(saved).toEqual([fi('common:handoff.contact.saved', { time: helsinkiDateTime('2026-11-30T06:00:00.000Z', 'fi') })]);
      expect(saved[0]).toMatch(/maanantai/);

      const caller = { staffId: 's', queues: ['general_customer_service'] };
      expect(await own.handoff.listByQueues(caller, ['general_customer_service'], { now: clock, catalog: DEFAULT_CATALOG })).toHaveLength(0);
      clock = new Date('2026-11-30T07:00:00Z'); // Monday 9.00
      const listed = await own.handoff.listByQueues(caller, ['general_customer_service'], { now: clock, catalog: DEFAULT_CATALOG });
      expect(listed).toHaveLength(1);
      expect(listed[0]).toMatchObject({
        status: 'contact_request',
        contactRequest: { message: 'Tarvitsen apua kotihoidon hakemiseen', reachBy: '040 123 4567' },
      });
    } finally {
      await own.close();
    }
  });
});

describe("a conversation stored before the side sets (real store of the run's backend, TestAdapter)", () => {
  it('continues a contact request kept as contactDraft and files it with the stored message', async () => {
    const own = await openTestDatabase();
    const clock = new Date('2026-11-28T21:30:00Z'); // Saturday 23.30 in Helsinki: customer service is closed
    try {
      const storage = new MemoryStorage();
      const h = new DialogHarness({
        storage,
        queueDesk: new QueueDesk({
          handoff: own.handoff,
          blobStore: own.blobStore,
          catalog: DEFAULT_CATALOG,
          clock: () => clock,
          staffOnline: async () => ({}),
          defaultHandlingMs: 600_000,
        }),
      });
      h.now = clock;
      await h.join();
      const outcome = await h.send('ihminen');
      const offer = buttons(outcome).find((b) => (b.value as { contactQueue?: string } | undefined)?.contactQueue === 'general_customer_service');
      expect(texts(await h.send({ type: 'message', text: offer!.title, value: offer!.value }))).toEqual([fi('contact:message.question')]);
      // Rewritten into the previous version's shape: the message written, how to reach still to come.
      const memory = (storage as unknown as { memory: Record<string, string> }).memory;
      const key = Object.keys(memory).find((k) => k.includes('conversations'))!;
      const record = JSON.parse(memory[key]!) as { flow: PersistedFlow };
      expect(record.flow.side?.set).toBe('contact');
      delete record.flow.side;
      record.flow.contactDraft = { queueId: 'general_customer_service', message: 'Laskussani on virhe' };
      memory[key] = JSON.stringify(record);

      expect(texts(await h.send('040 123 4567'))).toEqual([fi('common:handoff.contact.saved', { time: helsinkiDateTime('2026-11-30T06:00:00.000Z', 'fi') })]);
      const caller = { staffId: 's', queues: ['general_customer_service'] };
      const listed = await own.handoff.listByQueues(caller, ['general_customer_service'], { now: new Date('2026-11-30T07:00:00Z'), catalog: DEFAULT_CATALOG });
      expect(listed).toHaveLength(1);
      expect(listed[0]).toMatchObject({ status: 'contact_request', contactRequest: { message: 'Laskussani on virhe', reachBy: '040 123 4567' } });
      const after = JSON.parse(memory[key]!) as { flow: PersistedFlow };
      expect([after.flow.contactDraft, after.flow.side]).toEqual([undefined, undefined]);
    } finally {
      await own.close();
    }
  });
});

describe('the place-and-wait message of an urgent client', () => {
  const sv = i18n.getFixedT('sv');
  const desk = (staff: number): QueueDesk =>
    new QueueDesk({
      // positionActivity reads only the snapshot and the catalog: no store is touched.
      handoff: undefined as never,
      blobStore: undefined as never,
      catalog: DEFAULT_CATALOG,
      clock: () => new Date('2026-11-25T08:00:00Z'),
      staffOnline: async () => ({}),
      defaultHandlingMs: staff,
    });
  const entry = (id: string, queueId: string, urgency: 'urgent' | 'non_urgent', topic: 'skin' | 'money' = 'skin', minute = 0) => ({
    id,
    queueId,
    urgency,
    topic,
    status: 'waiting' as const,
    createdAt: new Date(Date.UTC(2026, 10, 25, 7, minute)),
  });

  it('adds the 24/7 service of the queue when no one is answering now', () => {
    const snapshot = { entries: [entry('c1', 'digital_clinic', 'urgent')], inputs: { staffOnline: 0, recentHandlingMs: [], defaultHandlingMs: 600_000 } };
    const text = desk(600_000).positionActivity('c1', snapshot, sv, 'sv').text;
    expect(text).toBe(
      [
        sv('common:handoff.positionUnknown', { position: 1 }),
        sv('common:handoff.cannotWait', { services: sv('common:handoff.cannotWaitLine.call_116117') }),
      ].join('\n\n'),
    );
    expect(text).toContain('116117');
  });

  it('adds it when the estimate is past the urgent window, and names the social emergency service for social guidance', () => {
    const entries = Array.from({ length: 30 }, (_, i) => entry(`c${i}`, 'social_guidance', 'urgent', 'money', i));
    const snapshot = { entries, inputs: { staffOnline: 1, recentHandlingMs: [], defaultHandlingMs: 600_000 } };
    const text = desk(600_000).positionActivity('c29', snapshot, fi, 'fi').text ?? '';
    expect(text).toContain('09 816 42439');
    // The last of 30 with one member of staff at 10 minutes a case: 300 minutes, past the 120-minute window.
    expect(text.split('\n\n')[0]).toBe(fi('common:handoff.position', { position: 30, minutes: 300 }));
  });

  it('says only the place and wait when the wait fits the deadline or the case is not urgent', () => {
    const short = { entries: [entry('c1', 'digital_clinic', 'urgent')], inputs: { staffOnline: 1, recentHandlingMs: [], defaultHandlingMs: 600_000 } };
    expect(desk(600_000).positionActivity('c1', short, fi, 'fi').text).toBe(fi('common:handoff.position', { position: 1, minutes: 10 }));
    const calm = { entries: [entry('c1', 'digital_clinic', 'non_urgent')], inputs: { staffOnline: 0, recentHandlingMs: [], defaultHandlingMs: 600_000 } };
    expect(desk(600_000).positionActivity('c1', calm, fi, 'fi').text).toBe(fi('common:handoff.positionUnknown', { position: 1 }));
  });
});
