// The one cleaning rule for client text (a pure unit: no channel involved).
import { cleanClientText, cleanClientValue } from '../../channels/clientText';

test('removes controls, DEL, C1 controls and bidi overrides, keeps line breaks, tabs and every script', () => {
  expect(cleanClientText('a\u0000b\u0001c\u0008d\u000be\u000cf\u001b[31mg\u007fh\u0085i\u009fj')).toBe('abcdef[31mghij');
  expect(cleanClientText('\u202eevil\u202c \u2066x\u2069')).toBe('evil x');
  expect(cleanClientText('rivi 1\r\nrivi 2\tsarake')).toBe('rivi 1\r\nrivi 2\tsarake');
  expect(cleanClientText('Hyvää päivää, Åsa! 👨‍👩‍👧 مرحبا')).toBe('Hyvää päivää, Åsa! 👨‍👩‍👧 مرحبا');
});

test('replaces a lone surrogate and keeps a pair', () => {
  expect(cleanClientText('a\ud800b\udc00c')).toBe('a\ufffdb\ufffdc');
  expect(cleanClientText('\ud83d\ude00')).toBe('😀');
});

test('cleans every string of a submitted value and leaves other types as they are', () => {
  expect(cleanClientValue({ message: 'hei\u0000', reachBy: ['iltaisin\u202e', 3, true, null], nested: { deep: 'x\u0007' } })).toEqual({
    message: 'hei',
    reachBy: ['iltaisin', 3, true, null],
    nested: { deep: 'x' },
  });
  expect(cleanClientValue(42)).toBe(42);
});

test('a "__proto__" key of a parsed body stays an own key and changes no prototype', () => {
  const parsed = JSON.parse('{"__proto__": {"polluted": "x\\u0000"}, "answer": "kyllä"}') as Record<string, unknown>;
  const cleaned = cleanClientValue(parsed) as Record<string, unknown>;
  expect(Object.getPrototypeOf(cleaned)).toBe(Object.prototype);
  expect(Object.keys(cleaned)).toEqual(['__proto__', 'answer']);
  expect(Object.getOwnPropertyDescriptor(cleaned, '__proto__')?.value).toEqual({ polluted: 'x' });
  // Nothing of the submitted object was put up as the cleaned object's prototype.
  expect('polluted' in cleaned).toBe(false);
});
