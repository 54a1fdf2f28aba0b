import { flowAnswer } from '../../../dialogs/turn/flowAnswer';
import { i18n } from '../../support/dialogHarness';
import { flowAfter, StepBench, textsOf } from './stepBench';

const fi = i18n.getFixedT('fi');

describe('flow answer step', () => {
  it('reads a typed label as the answer event', async () => {
    const bench = new StepBench();
    const turn = await bench.turn('Svenska', flowAfter('fi'));
    expect(await flowAnswer(bench.host).run(turn)).toBe('next');
    expect(turn.event).toEqual({ type: 'ANSWER', value: 'language.sv' });
  });

  it('says what can be answered and asks again, with the buttons, when the answer is not recognised', async () => {
    const bench = new StepBench();
    expect(await flowAnswer(bench.host).run(await bench.turn('banaani', flowAfter('fi')))).toBe('handled');
    const sent = bench.sent();
    expect(textsOf(sent)).toEqual([fi('common:errors.notUnderstood', { options: '1) Suomi, 2) Svenska, 3) English' }), fi('entry:language.question')]);
    expect(sent[1]!.suggestedActions?.actions.length).toBe(3);
  });

  it('leaves an event an earlier step read alone', async () => {
    const bench = new StepBench();
    const turn = await bench.turn('takaisin', flowAfter('fi'));
    turn.event = { type: 'BACK' };
    expect(await flowAnswer(bench.host).run(turn)).toBe('next');
    expect(turn.event).toEqual({ type: 'BACK' });
  });
});
