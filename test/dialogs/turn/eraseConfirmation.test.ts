import { eraseConfirmation } from '../../../dialogs/turn/eraseConfirmation';
import { i18n } from '../../support/dialogHarness';
import { flowAfter, StepBench, textsOf } from './stepBench';

const fi = i18n.getFixedT('fi');

describe('erase confirmation step', () => {
  function setUp() {
    const erased: string[] = [];
    const bench = new StepBench();
    const step = eraseConfirmation(bench.host, async (context) => {
      erased.push(context.activity.conversation.id);
    });
    return { bench, step, erased };
  }

  it('asks for confirmation on the word and marks the question pending', async () => {
    const { bench, step, erased } = setUp();
    await bench.store(flowAfter('fi'));
    const turn = await bench.turn('poista tietoni');
    expect(await step.run(turn)).toBe('handled');
    const sent = bench.sent();
    expect(textsOf(sent)).toEqual([fi('common:erase.confirm')]);
    expect(sent[0]!.suggestedActions?.actions.map((a) => a.value)).toEqual([{ eraseData: true }, { eraseData: false }]);
    expect((await bench.accessor.get(turn.context))?.erasePending).toBe(true);
    expect(erased).toEqual([]);
  });

  it('erases on a typed yes while the question is pending', async () => {
    const { bench, step, erased } = setUp();
    await bench.store(flowAfter('fi'), { erasePending: true });
    expect(await step.run(await bench.turn('kyllä'))).toBe('handled');
    expect(erased).toEqual(['conversation-1']);
    expect(textsOf(bench.sent())).toEqual([fi('common:erase.done')]);
  });

  it('carries on where the client was on no, and withdraws the question on anything else', async () => {
    const { bench, step, erased } = setUp();
    await bench.store(flowAfter('fi'), { erasePending: true });
    expect(await step.run(await bench.turn({ text: 'Ei', value: { eraseData: false } }))).toBe('handled');
    expect(textsOf(bench.sent())).toEqual([fi('common:erase.kept'), fi('entry:language.question')]);

    await bench.store(flowAfter('fi'), { erasePending: true });
    const other = await bench.turn('suomi');
    expect(await step.run(other)).toBe('next');
    expect(other.persisted?.erasePending).toBeUndefined();
    expect(erased).toEqual([]);
  });
});
