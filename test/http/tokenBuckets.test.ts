// Unit tests of the token buckets behind every rate limit: what a key leaves in memory goes once
// its bucket has refilled, so finished conversations and one-off addresses are not kept forever.
import { TokenBuckets } from '../../http/tokenBuckets';
import { RateLimiter } from '../../http/rateLimit';
import { AttemptBudget } from '../../media/attemptBudget';
import { RateLimitedError } from '../../errors';

const START = Date.parse('2026-12-02T10:00:00Z');

describe('TokenBuckets', () => {
  it('takes while tokens last, refuses without taking, refills over the window', () => {
    const buckets = new TokenBuckets(3, 60_000, 100);
    expect(buckets.take('a', 2, START)).toBe(3);
    expect(buckets.take('a', 2, START)).toBe(1);
    expect(buckets.take('a', 1, START)).toBe(1);
    expect(buckets.take('a', 1, START)).toBe(0);
    // A third of the window gives back one token of three.
    expect(buckets.take('a', 1, START + 20_000)).toBeCloseTo(1, 6);
  });

  it('forgets every key whose bucket is full again, on the next call from anyone', () => {
    const buckets = new TokenBuckets(10, 60_000, 100);
    // Each conversation spends its whole bucket, which then takes the full minute to refill.
    for (let i = 0; i < 50; i++) buckets.take(`conversation-${i}`, 10, START + i);
    expect(buckets.size).toBe(50);
    // Half a minute later every bucket is still short, so all are kept.
    buckets.take('late', 1, START + 30_000);
    expect(buckets.size).toBe(51);
    // After the window the finished ones are gone; only the key seen now remains.
    buckets.take('next', 1, START + 30_000 + 60_000);
    expect(buckets.size).toBe(1);
  });

  it('keeps a key that is still short of tokens, and the count it had', () => {
    const buckets = new TokenBuckets(2, 60_000, 100);
    buckets.take('busy', 2, START);
    buckets.take('other', 1, START + 40_000);
    // 'busy' has refilled 4/3 tokens of 2 by now: not full, so not forgotten.
    expect(buckets.size).toBe(2);
    expect(buckets.take('busy', 2, START + 40_000)).toBeCloseTo(4 / 3, 6);
  });

  it('holds at most maxKeys under a flood of distinct keys', () => {
    const buckets = new TokenBuckets(5, 60_000, 10);
    for (let i = 0; i < 1000; i++) buckets.take(`flood-${i}`, 1, START);
    expect(buckets.size).toBe(10);
  });
});

describe('RateLimiter and AttemptBudget on the buckets', () => {
  it('the limiter answers Retry-After in seconds and forgets idle keys after a minute', () => {
    let now = START;
    const limiter = new RateLimiter(2, () => now);
    limiter.take('c1');
    limiter.take('c1');
    let thrown: unknown;
    try {
      limiter.take('c1');
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(RateLimitedError);
    expect((thrown as RateLimitedError).retryAfterSeconds).toBe(30);
    for (let i = 2; i <= 20; i++) limiter.take(`c${i}`);
    expect(limiter.trackedKeys).toBe(20);
    now += 61_000;
    limiter.take('c21');
    expect(limiter.trackedKeys).toBe(1);
  });

  it('the photo budget forgets a conversation an hour after its last attempt', () => {
    let now = new Date(START);
    const budget = new AttemptBudget(4, () => now);
    expect(budget.take('c1', 4)).toBe(true);
    expect(budget.take('c1', 1)).toBe(false);
    expect(budget.take('c2', 1)).toBe(true);
    expect(budget.trackedKeys).toBe(2);
    now = new Date(START + 3_600_001);
    expect(budget.take('c3', 1)).toBe(true);
    expect(budget.trackedKeys).toBe(1);
  });
});
