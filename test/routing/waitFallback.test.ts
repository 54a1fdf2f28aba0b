import { DEFAULT_CATALOG, needsWaitFallback, waitFallbackServices } from '../../routing';

describe('what an urgent client waiting in a queue is told to call', () => {
  it('is needed only for an urgent case whose wait is unknown or past the urgent window', () => {
    const window = DEFAULT_CATALOG.settings.urgentWindowMinutes;
    expect(needsWaitFallback('urgent', undefined, DEFAULT_CATALOG)).toBe(true);
    expect(needsWaitFallback('urgent', window + 1, DEFAULT_CATALOG)).toBe(true);
    expect(needsWaitFallback('urgent', window, DEFAULT_CATALOG)).toBe(false);
    expect(needsWaitFallback('urgent', 10, DEFAULT_CATALOG)).toBe(false);
    expect(needsWaitFallback('non_urgent', undefined, DEFAULT_CATALOG)).toBe(false);
    expect(needsWaitFallback('self_care', undefined, DEFAULT_CATALOG)).toBe(false);
  });

  it("names the 24/7 service of the case's topic: 116117 for a health matter, the social and crisis emergency service for a social one", () => {
    expect(waitFallbackServices('digital_clinic', 'urinary', DEFAULT_CATALOG, 'fi')).toEqual([
      { ref: { kind: 'emergency', id: 'call_116117' }, phone: '116117' },
    ]);
    expect(waitFallbackServices('social_guidance', 'money', DEFAULT_CATALOG, 'sv')).toEqual([
      { ref: { kind: 'resource', id: 'social_crisis_on_call' }, name: 'Social- och krisjouren i Västra Nyland', phone: '09 816 42439' },
    ]);
  });

  it('without a topic, names the services of every topic the queue serves', () => {
    const ids = waitFallbackServices('digital_clinic', undefined, DEFAULT_CATALOG, 'fi').map((s) => s.ref.id);
    expect(ids).toContain('call_116117');
    expect(ids).toContain('social_crisis_on_call');
  });

  it('names each service once and every queue of the catalog gets at least one', () => {
    for (const queue of DEFAULT_CATALOG.queues) {
      const services = waitFallbackServices(queue.id, undefined, DEFAULT_CATALOG, 'en');
      expect(services.length).toBeGreaterThan(0);
      expect(new Set(services.map((s) => `${s.ref.kind}:${s.ref.id}`)).size).toBe(services.length);
    }
    expect(waitFallbackServices('no_such_queue', 'skin', DEFAULT_CATALOG, 'fi')).toEqual([]);
  });
});
