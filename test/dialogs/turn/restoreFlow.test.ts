import { restoreFlow } from '../../../dialogs/turn/restoreFlow';
import { i18n } from '../../support/dialogHarness';
import { flowAfter, StepBench, textsOf } from './stepBench';

const fi = i18n.getFixedT('fi');
const sv = i18n.getFixedT('sv');

describe('restore step', () => {
  it('restores the stored flow for the later steps', async () => {
    const bench = new StepBench();
    await bench.store(flowAfter('sv', { type: 'ANSWER', value: 'language.sv' }));
    const turn = await bench.turn('ok');
    expect(await restoreFlow(bench.host).run(turn)).toBe('next');
    expect(turn.flow?.locale).toBe('sv');
    expect(turn.flow?.snapshot.value).toEqual({ entry: 'privacy' });
  });

  it('welcomes a conversation without a stored flow', async () => {
    const bench = new StepBench();
    const turn = await bench.turn({ text: 'hej', locale: 'sv-FI' });
    expect(await restoreFlow(bench.host).run(turn)).toBe('handled');
    expect(textsOf(bench.sent())).toEqual([sv('common:welcome'), sv('entry:language.question')]);
  });

  it('starts afresh with a note after the idle limit', async () => {
    const bench = new StepBench();
    await bench.store(flowAfter('fi'));
    bench.now = new Date(bench.now.getTime() + 31 * 60_000);
    expect(await restoreFlow(bench.host).run(await bench.turn('moi'))).toBe('handled');
    expect(textsOf(bench.sent())).toEqual([fi('common:session.expired'), fi('entry:language.question')]);
  });
});
