import type { QueueEntry } from '../../handoff/caseTypes';
import { estimateWait, positionOf, queueOverview, queuePosition } from '../../handoff/queueInfo';

const at = (iso: string) => new Date(iso);
const entry = (id: string, urgency: QueueEntry['urgency'], iso: string, queueId = 'q1'): QueueEntry => ({
  id,
  queueId,
  urgency,
  status: 'waiting',
  createdAt: at(iso),
});
const MIN = 60000;

describe('queue information', () => {
  const entries = [
    entry('late-self', 'self_care', '2026-11-09T06:00:00Z'),
    entry('late-urgent', 'urgent', '2026-11-09T06:30:00Z'),
    entry('early-non', 'non_urgent', '2026-11-09T06:05:00Z'),
    entry('early-urgent', 'urgent', '2026-11-09T06:10:00Z'),
    entry('other-queue', 'urgent', '2026-11-09T05:00:00Z', 'q2'),
  ];

  it('places a case by urgency, then arrival, within its own queue', () => {
    expect(positionOf('early-urgent', entries)).toEqual({ position: 1, queueLength: 4 });
    expect(positionOf('late-urgent', entries)).toEqual({ position: 2, queueLength: 4 });
    expect(positionOf('early-non', entries)).toEqual({ position: 3, queueLength: 4 });
    expect(positionOf('late-self', entries)).toEqual({ position: 4, queueLength: 4 });
    expect(positionOf('other-queue', entries)).toEqual({ position: 1, queueLength: 1 });
    expect(positionOf('gone', entries)).toEqual({ position: undefined, queueLength: 0 });
  });

  it('estimates ceil(position / staff) × average handling time of the history', () => {
    const inputs = { staffOnline: 2, recentHandlingMs: [10 * MIN, 20 * MIN], defaultHandlingMs: 99 * MIN };
    expect(estimateWait(1, inputs)).toEqual({ kind: 'minutes', minutes: 15, basis: 'history' });
    expect(estimateWait(2, inputs)).toEqual({ kind: 'minutes', minutes: 15, basis: 'history' });
    expect(estimateWait(3, inputs)).toEqual({ kind: 'minutes', minutes: 30, basis: 'history' });
    expect(queuePosition('early-non', entries, inputs)).toEqual({ position: 3, queueLength: 4, estimate: { kind: 'minutes', minutes: 30, basis: 'history' } });
  });

  it('falls back to the configured default without history, rounding up to whole minutes', () => {
    expect(estimateWait(3, { staffOnline: 1, recentHandlingMs: [], defaultHandlingMs: 7.5 * MIN })).toEqual({ kind: 'minutes', minutes: 23, basis: 'default' });
  });

  it('says unknown rather than a number when no staff are online, or the case is not queued', () => {
    expect(estimateWait(1, { staffOnline: 0, recentHandlingMs: [10 * MIN], defaultHandlingMs: 10 * MIN })).toEqual({
      kind: 'unknown',
      reason: 'no_staff_online',
    });
    expect(estimateWait(undefined, { staffOnline: 3, recentHandlingMs: [], defaultHandlingMs: 10 * MIN })).toEqual({ kind: 'unknown', reason: 'not_queued' });
  });

  it('sums the overview per queue: waiting, longest wait, counts by urgency, staff online', () => {
    const rows = queueOverview(entries, { q1: 2, q3: 1 }, at('2026-11-09T07:00:00Z'));
    expect(rows).toEqual([
      { queueId: 'q1', waiting: 4, longestWaitMs: 60 * MIN, byUrgency: { urgent: 2, non_urgent: 1, self_care: 1 }, staffOnline: 2 },
      { queueId: 'q2', waiting: 1, longestWaitMs: 120 * MIN, byUrgency: { urgent: 1, non_urgent: 0, self_care: 0 }, staffOnline: 0 },
      { queueId: 'q3', waiting: 0, longestWaitMs: 0, byUrgency: { urgent: 0, non_urgent: 0, self_care: 0 }, staffOnline: 1 },
    ]);
  });
});
