import { NotFoundError } from '../../errors';
import { queueOpenAt, queueStatus } from '../../handoff/queueStatus';
import { DEFAULT_CATALOG } from '../../routing';

describe('queueStatus', () => {
  it('is open on a Monday morning in Helsinki time', () => {
    expect(queueStatus('social_guidance', DEFAULT_CATALOG, new Date('2026-11-09T06:30:00Z'))).toEqual({ queueId: 'social_guidance', open: true });
  });

  it('on a Saturday night gives Monday 08:00 Helsinki as the next opening', () => {
    expect(queueStatus('social_guidance', DEFAULT_CATALOG, new Date('2026-11-07T21:00:00Z'))).toEqual({
      queueId: 'social_guidance',
      open: false,
      nextOpening: new Date('2026-11-09T06:00:00Z'),
    });
  });

  it('stays closed on a weekday public holiday and opens the next working day', () => {
    const christmasDay = new Date('2026-12-25T08:00:00Z');
    expect(queueOpenAt('social_guidance', DEFAULT_CATALOG, christmasDay)).toBe(false);
    const status = queueStatus('social_guidance', DEFAULT_CATALOG, christmasDay);
    expect(status.open).toBe(false);
    // 26 Dec is a holiday and a Saturday, 27 Dec a Sunday: Monday 28 Dec 08:00 (UTC+2).
    expect(status.open === false && status.nextOpening).toEqual(new Date('2026-12-28T06:00:00Z'));
  });

  it('refuses a queue the catalog does not have', () => {
    expect(() => queueStatus('nope', DEFAULT_CATALOG, new Date())).toThrow(NotFoundError);
    expect(queueOpenAt('nope', DEFAULT_CATALOG, new Date())).toBe(false);
  });
});
