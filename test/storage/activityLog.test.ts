import type { LuotsiDatabase } from '../../storage/database';
import { dropSchema, freshSchema, openTestDatabase, openTwoInstances, TEST_BACKEND, testPostgresUrl } from '../support/testDatabase';

describe(`activity log (${TEST_BACKEND})`, () => {
  const schema = freshSchema();
  let db: LuotsiDatabase;
  let log: LuotsiDatabase['activityLog'];
  beforeAll(async () => {
    db = await openTestDatabase(schema);
    log = db.activityLog;
  });
  afterAll(async () => {
    await db.close();
    if (TEST_BACKEND === 'postgres') await dropSchema(testPostgresUrl(), schema);
  });
  const t0 = new Date('2026-11-01T10:00:00Z');

  it('assigns ids, timestamps and increasing watermarks per conversation', async () => {
    await log.createConversation({ id: 'c1', userId: 'u1', locale: 'fi', createdAt: t0.getTime() });
    await log.createConversation({ id: 'c2', userId: 'u2', locale: undefined, createdAt: t0.getTime() });
    const a = await log.append('c1', { type: 'message', text: 'yksi' }, t0);
    const b = await log.append('c2', { type: 'message', text: 'other' }, t0);
    const c = await log.append('c1', { type: 'message', text: 'kaksi' }, t0);
    expect([a.watermark, c.watermark]).toEqual([1, 2]);
    expect(b.watermark).toBe(1);
    expect(a.activity.id).toBe('c1|0000001');
    expect(a.activity.timestamp).toBe(t0.toISOString());
    const after = await log.listAfter('c1', 1, 10);
    expect(after.map((e) => e.activity.text)).toEqual(['kaksi']);
    expect((await log.listAfter('c1', 0, 1)).map((e) => e.watermark)).toEqual([1]);
  });

  it('a turn commit logs its replies in order with consecutive watermarks after the client activity, and marks it answered', async () => {
    await log.createConversation({ id: 'turns', userId: 'u', locale: 'fi', createdAt: t0.getTime() });
    const client = await log.append('turns', { type: 'message', text: 'asiakas' }, t0, 'client-a');
    const replies = await db.commitTurn(
      'turns',
      undefined,
      ['yksi', 'kaksi', 'kolme'].map((text) => ({ type: 'message', text })),
      t0,
      client.watermark,
    );
    expect(replies.map((r) => r.watermark)).toEqual([2, 3, 4]);
    expect(replies.map((r) => r.activity.id)).toEqual(['turns|0000002', 'turns|0000003', 'turns|0000004']);
    // The next write goes on after them, and a commit without replies takes no watermark.
    expect(await db.commitTurn('turns', undefined, [], t0)).toEqual([]);
    const next = await log.append('turns', { type: 'message', text: 'taas' }, t0);
    expect(next.watermark).toBe(5);
    const listed = await log.listAfter('turns', 0, 10);
    expect(listed.map((e) => [e.watermark, e.activity.text])).toEqual([
      [1, 'asiakas'],
      [2, 'yksi'],
      [3, 'kaksi'],
      [4, 'kolme'],
      [5, 'taas'],
    ]);
    // Only the client's own activity carries its client id, and it is answered.
    expect(await log.findClientActivity('turns', 'client-a')).toEqual({ logged: { watermark: 1, activity: listed[0]!.activity }, answered: true });
  });

  it('fails to append to a conversation that does not exist', async () => {
    await expect(log.append('nope', { type: 'message' }, t0)).rejects.toThrow();
  });

  it('marks a conversation started exactly once', async () => {
    await log.createConversation({ id: 'c3', userId: 'u3', locale: 'sv', createdAt: t0.getTime() });
    expect(await log.markStarted('c3')).toBe(true);
    expect(await log.markStarted('c3')).toBe(false);
    expect((await log.getConversation('c3'))?.started).toBe(true);
  });

  it('purges idle conversations with their activities and keeps active ones', async () => {
    await log.createConversation({ id: 'old', userId: 'u', locale: 'fi', createdAt: t0.getTime() });
    await log.append('old', { type: 'message', text: 'vanha' }, t0);
    await log.createConversation({ id: 'new', userId: 'u', locale: 'fi', createdAt: t0.getTime() });
    await log.append('new', { type: 'message', text: 'uusi' }, new Date('2026-11-20T10:00:00Z'));
    const purged = await log.purgeIdleBefore(new Date('2026-11-10T00:00:00Z'));
    expect(purged).toBeGreaterThanOrEqual(1);
    expect(await log.getConversation('old')).toBeUndefined();
    expect(await log.listAfter('old', 0, 10)).toEqual([]);
    expect(await log.getConversation('new')).toBeDefined();
  });

  it('gives every append its own watermark when two instances append to one conversation at once', async () => {
    const instances = await openTwoInstances();
    try {
      const perInstance = 25;
      await instances.first.activityLog.createConversation({ id: 'busy', userId: 'u', locale: 'fi', createdAt: t0.getTime() });
      const appends = [instances.first, instances.second].flatMap((instance, n) =>
        Array.from({ length: perInstance }, (_, i) => instance.activityLog.append('busy', { type: 'message', text: `${n}:${i}` }, t0)),
      );
      const logged = await Promise.all(appends);
      const watermarks = logged.map((entry) => entry.watermark).sort((x, y) => x - y);
      expect(watermarks).toEqual(Array.from({ length: 2 * perInstance }, (_, i) => i + 1));
      for (const entry of logged) expect(entry.activity.id).toBe(`busy|${String(entry.watermark).padStart(7, '0')}`);
      const listed = await instances.second.activityLog.listAfter('busy', 0, 100);
      expect(listed.map((entry) => entry.watermark)).toEqual(watermarks);
      expect(new Set(listed.map((entry) => entry.activity.text)).size).toBe(2 * perInstance);
      const byWatermark = new Map(logged.map((entry) => [entry.watermark, entry.activity.text]));
      for (const entry of listed) expect(entry.activity.text).toBe(byWatermark.get(entry.watermark));
    } finally {
      await instances.close();
    }
  });
});
