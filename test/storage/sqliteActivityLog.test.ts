import { openSqliteDatabase } from '../../storage/sqlite/sqliteDatabase';

describe('SqliteActivityLog', () => {
  const db = openSqliteDatabase(':memory:');
  afterAll(() => db.close());
  const log = db.activityLog;
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
});
