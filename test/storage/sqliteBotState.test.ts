import { StorageConflictError } from '../../errors';
import { openSqliteDatabase } from '../../storage/sqlite/sqliteDatabase';

describe('SqliteBotState', () => {
  const db = openSqliteDatabase(':memory:');
  afterAll(() => db.close());
  const state = db.botState;

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
});
