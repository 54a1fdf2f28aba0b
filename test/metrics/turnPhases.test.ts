// The opt-in phase times: off they keep nothing (and the state store is not wrapped), on they sum
// calls and time per phase by name only. Time is real elapsed time here, so only counts are
// asserted, never a duration.
import { MemoryStorage } from 'botbuilder';
import { PhaseTimes, timedStateReads, turnPhases } from '../../metrics/turnPhases';

describe('PhaseTimes', () => {
  it('keeps nothing while off', () => {
    const times = new PhaseTimes();
    const started = times.start();
    times.end('auth', started);
    times.add('request', 5);
    expect(started).toBe(0);
    expect(times.snapshot()).toEqual({});
  });

  it('sums calls and milliseconds per phase once enabled, and forgets them on reset', () => {
    const times = new PhaseTimes();
    times.enable();
    times.add('request', 2);
    times.add('request', 3);
    const started = times.start();
    expect(started).toBeGreaterThan(0);
    times.end('transition', started);
    const snapshot = times.snapshot();
    expect(snapshot.request).toEqual({ calls: 2, ms: 5 });
    expect(snapshot.transition?.calls).toBe(1);
    expect(Object.keys(snapshot).sort()).toEqual(['request', 'transition']);
    times.reset();
    expect(times.snapshot()).toEqual({});
  });

  it('times the state store’s reads and passes writes and deletes through unchanged', async () => {
    const store = new MemoryStorage();
    const timed = timedStateReads(store);
    turnPhases.enable();
    turnPhases.reset();
    try {
      await timed.write({ k: { value: 1 } });
      expect((await timed.read(['k'])).k).toMatchObject({ value: 1 });
      await timed.delete(['k']);
      expect(await store.read(['k'])).toEqual({});
      expect(turnPhases.snapshot().stateRead?.calls).toBe(1);
    } finally {
      turnPhases.reset();
    }
  });
});
