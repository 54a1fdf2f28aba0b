import { StorageConflictError } from '../../errors';
import type { LuotsiDatabase } from '../../storage/database';
import { dropSchema, freshSchema, openTestDatabase, openTwoInstances, TEST_BACKEND, testPostgresUrl } from '../support/testDatabase';

describe(`bot state (${TEST_BACKEND})`, () => {
  const schema = freshSchema();
  let db: LuotsiDatabase;
  let state: LuotsiDatabase['botState'];
  beforeAll(async () => {
    db = await openTestDatabase(schema);
    state = db.botState;
  });
  afterAll(async () => {
    await db.close();
    if (TEST_BACKEND === 'postgres') await dropSchema(testPostgresUrl(), schema);
  });

  it('reads back what it wrote, with an eTag', async () => {
    await state.write({ a: { count: 1 } });
    const items = await state.read(['a', 'missing']);
    expect(items.a).toMatchObject({ count: 1 });
    expect(typeof items.a!.eTag).toBe('string');
    expect(items.missing).toBeUndefined();
  });

  it('accepts a write carrying the current eTag and changes the eTag', async () => {
    const { b: first } = await state.write({ b: { v: 1 } }).then(() => state.read(['b']));
    await state.write({ b: { v: 2, eTag: first!.eTag } });
    const { b: second } = await state.read(['b']);
    expect(second).toMatchObject({ v: 2 });
    expect(second!.eTag).not.toBe(first!.eTag);
  });

  it('refuses a write with a stale eTag and keeps the stored value', async () => {
    await state.write({ c: { v: 1 } });
    const { c: stale } = await state.read(['c']);
    await state.write({ c: { v: 2, eTag: stale!.eTag } });
    await expect(state.write({ c: { v: 3, eTag: stale!.eTag } })).rejects.toBeInstanceOf(StorageConflictError);
    expect((await state.read(['c'])).c).toMatchObject({ v: 2 });
  });

  it("lets '*' and a missing eTag overwrite unconditionally", async () => {
    await state.write({ d: { v: 1 } });
    await state.write({ d: { v: 2, eTag: '*' } });
    await state.write({ d: { v: 3 } });
    expect((await state.read(['d'])).d).toMatchObject({ v: 3 });
  });

  it('writes a batch all or nothing', async () => {
    await state.write({ e: { v: 1 } });
    const { e } = await state.read(['e']);
    await state.write({ e: { v: 2, eTag: e!.eTag } });
    await expect(state.write({ f: { v: 1 }, e: { v: 3, eTag: e!.eTag } })).rejects.toBeInstanceOf(StorageConflictError);
    expect((await state.read(['f'])).f).toBeUndefined();
  });

  it('deletes', async () => {
    await state.write({ g: { v: 1 } });
    await state.delete(['g']);
    expect((await state.read(['g'])).g).toBeUndefined();
  });

  it('purges items not written since the cutoff', async () => {
    await state.write({ h: { v: 1 } });
    expect(await state.purgeUpdatedBefore(new Date(Date.now() - 60_000))).toBe(0);
    expect(await state.purgeUpdatedBefore(new Date(Date.now() + 60_000))).toBeGreaterThan(0);
    expect((await state.read(['h'])).h).toBeUndefined();
  });

  it('holds the eTag contract across instances: of two writers with the same eTag exactly one wins, and a losing batch writes nothing', async () => {
    const instances = await openTwoInstances();
    try {
      const a = instances.first.botState;
      const b = instances.second.botState;
      for (let round = 0; round < 10; round++) {
        await a.write({ shared: { round, by: 'setup' } });
        const { shared: seenByA } = await a.read(['shared']);
        const { shared: seenByB } = await b.read(['shared']);
        expect(seenByB!.eTag).toBe(seenByA!.eTag);
        const only = { a: `onlyA${round}`, b: `onlyB${round}` };
        const results = await Promise.allSettled([
          a.write({ [only.a]: { v: 1 }, shared: { round, by: 'a', eTag: seenByA!.eTag } }),
          b.write({ [only.b]: { v: 1 }, shared: { round, by: 'b', eTag: seenByB!.eTag } }),
        ]);
        expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
        const lost = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
        expect(lost?.reason).toBeInstanceOf(StorageConflictError);
        const [winner, loser] = results[0]?.status === 'fulfilled' ? (['a', 'b'] as const) : (['b', 'a'] as const);
        const stored = await b.read(['shared', only.a, only.b]);
        expect(stored.shared).toMatchObject({ round, by: winner });
        expect(stored[only[winner]]).toBeDefined();
        expect(stored[only[loser]]).toBeUndefined();
      }
    } finally {
      await instances.close();
    }
  });

  it('lets only one of two instances recreate a deleted key with the eTag it last saw', async () => {
    const instances = await openTwoInstances();
    try {
      const a = instances.first.botState;
      const b = instances.second.botState;
      for (let round = 0; round < 10; round++) {
        const key = `recreated${round}`;
        await a.write({ [key]: { v: 0 } });
        const { [key]: old } = await a.read([key]);
        await a.delete([key]);
        // Neither writer finds the row, so neither can lock it: both race to insert it.
        const results = await Promise.allSettled([a.write({ [key]: { by: 'a', eTag: old!.eTag } }), b.write({ [key]: { by: 'b', eTag: old!.eTag } })]);
        expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
        const lost = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
        expect(lost?.reason).toBeInstanceOf(StorageConflictError);
        expect((await b.read([key]))[key]).toMatchObject({ by: results[0]?.status === 'fulfilled' ? 'a' : 'b' });
      }
    } finally {
      await instances.close();
    }
  });
});
