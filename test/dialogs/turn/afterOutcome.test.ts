import { afterOutcome } from '../../../dialogs/turn/afterOutcome';
import { i18n } from '../../support/dialogHarness';
import { flowAfter, StepBench, textsOf } from './stepBench';

const fi = i18n.getFixedT('fi');
const ended = () => flowAfter('fi', { type: 'END' });

describe('after-outcome step', () => {
  it('passes the turn on while the flow still asks', async () => {
    const bench = new StepBench();
    expect(await afterOutcome(bench.host, undefined).run(await bench.turn('moi', flowAfter('fi')))).toBe('next');
  });

  it('answers an emergency typed after the outcome with 112', async () => {
    const bench = new StepBench();
    const turn = await bench.turn('rintakipu', ended());
    turn.sign = 'chest_pain';
    expect(await afterOutcome(bench.host, undefined).run(turn)).toBe('handled');
    expect(textsOf(bench.sent())).toEqual([fi('routing:outcome.emergency.chest_pain')]);
  });

  it('keeps the outcome when something else is typed: the advice still stands, with a way to start over', async () => {
    const bench = new StepBench();
    expect(await afterOutcome(bench.host, undefined).run(await bench.turn('ok kiitos', ended()))).toBe('handled');
    const sent = bench.sent();
    expect(textsOf(sent)).toEqual([fi('common:outcome.stillHereNoChoices')]);
    expect(sent.at(-1)?.suggestedActions?.actions.map((a) => a.value)).toEqual([{ globalWord: 'restart' }]);
  });

  it('starts afresh on the restart word', async () => {
    const bench = new StepBench();
    expect(await afterOutcome(bench.host, undefined).run(await bench.turn('alusta', ended()))).toBe('handled');
    expect(textsOf(bench.sent())).toEqual([fi('common:session.restarted'), fi('entry:language.question')]);
  });
});
