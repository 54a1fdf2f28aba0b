// The outcome links a service's page in the client's language where the catalog has one:
// a Swedish speaker in a crisis gets MIELI's Swedish page and the Swedish line, a Finnish
// speaker the Finnish page.

import type { AnyMachineSnapshot } from 'xstate';
import type { Locale } from '../../flows/contract';
import type { TriageResult } from '../../flows';
import { createOutcomeRenderer } from '../../dialogs/outcomeRenderer';
import { DEFAULT_CATALOG } from '../../routing';
import { i18n } from '../support/dialogHarness';

const render = createOutcomeRenderer(DEFAULT_CATALOG, () => new Date('2026-12-01T20:00:00.000Z'));

function crisisOutcome(locale: Locale): string[] {
  const result: TriageResult = { outcome: 'completed', locale, topic: 'mental', subject: { kind: 'self' }, urgency: 'urgent', answers: {}, flags: ['crisis'] };
  // The renderer reads only the finished machine's output.
  const snapshot = { output: result } as unknown as AnyMachineSnapshot;
  return render(snapshot, i18n.getFixedT(locale), locale).flatMap((a) => (typeof a.text === 'string' ? [a.text] : []));
}

describe('outcome web addresses', () => {
  it('link the Swedish page in Swedish', () => {
    const line = crisisOutcome('sv').find((t) => t.startsWith(DEFAULT_CATALOG.resources.find((r) => r.id === 'mieli_crisis_line')!.name.sv));
    expect(line).toContain('https://mieli.fi/sv');
    expect(line).toContain('09 2525 0112');
  });

  it('link the main page in Finnish and English', () => {
    for (const locale of ['fi', 'en'] as const) {
      const line = crisisOutcome(locale).find((t) => t.includes('09 2525 0111'));
      expect(line).toContain('https://mieli.fi');
      expect(line).not.toContain('mieli.fi/sv');
    }
  });
});
