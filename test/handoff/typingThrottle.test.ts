import { TypingThrottle } from '../../handoff/typingThrottle';

describe('typing throttle', () => {
  it('lets one signal per key through per interval, and keys apart', () => {
    let now = 1000;
    const throttle = new TypingThrottle(2000, () => now);
    expect(throttle.take('a')).toBe(true);
    expect(throttle.take('a')).toBe(false);
    expect(throttle.take('b')).toBe(true);
    now += 1999;
    expect(throttle.take('a')).toBe(false);
    now += 1;
    expect(throttle.take('a')).toBe(true);
    // A clock moved back does not silence a key for good.
    now -= 60_000;
    expect(throttle.take('a')).toBe(true);
  });
});
