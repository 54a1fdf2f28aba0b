import { applyEvent } from '../../../dialogs/turn/applyEvent';
import { LOCALE_EVENT } from '../../../dialogs/flowHost';
import { textMessage } from '../../../dialogs/promptRenderer';
import { i18n } from '../../support/dialogHarness';
import { flowAfter, StepBench, textsOf } from './stepBench';

const sv = i18n.getFixedT('sv');

describe('apply step', () => {
  it('transitions, persists and renders the next question after the notes', async () => {
    const bench = new StepBench();
    const turn = await bench.turn('Svenska', flowAfter('fi'));
    turn.event = { type: 'ANSWER', value: 'language.sv' };
    turn.notes.push(textMessage('note', 'fi'));
    expect(await applyEvent(bench.host).run(turn)).toBe('handled');
    const sent = bench.sent();
    expect(sent.find((a) => a.type === 'event')).toMatchObject({ name: LOCALE_EVENT, value: 'sv' });
    expect(textsOf(sent)).toEqual(['note', sv('entry:privacy.notice'), sv('entry:privacy.storage'), sv('entry:privacy.question')]);
    expect((await bench.accessor.get(turn.context))?.value).toEqual({ entry: 'privacy' });
  });

  it('does nothing without an event', async () => {
    const bench = new StepBench();
    expect(await applyEvent(bench.host).run(await bench.turn('x', flowAfter('fi')))).toBe('next');
    expect(bench.sent()).toEqual([]);
  });
});
