import { ConcurrencyLimit } from '../../media/concurrencyLimit';

describe('ConcurrencyLimit', () => {
  it('runs at most `max` tasks at once, the rest in arrival order, and frees a slot when a task fails', async () => {
    const limit = new ConcurrencyLimit(2);
    const started: number[] = [];
    const releases: (() => void)[] = [];
    const tasks = [0, 1, 2, 3].map((n) =>
      limit.run(
        () =>
          new Promise<number>((resolve, reject) => {
            started.push(n);
            releases[n] = () => (n === 0 ? reject(new Error('boom')) : resolve(n));
          }),
      ),
    );
    await Promise.resolve();
    expect(started).toEqual([0, 1]);
    expect(limit.load).toEqual({ running: 2, waiting: 2 });
    releases[0]!();
    await expect(tasks[0]).rejects.toThrow('boom');
    expect(started).toEqual([0, 1, 2]);
    releases[1]!();
    releases[2]!();
    await Promise.all([tasks[1], tasks[2]]);
    expect(started).toEqual([0, 1, 2, 3]);
    releases[3]!();
    expect(await tasks[3]).toBe(3);
    expect(limit.load).toEqual({ running: 0, waiting: 0 });
  });
});
