import { globalWord } from '../../../dialogs/turn/globalWord';
import { LOCALE_EVENT } from '../../../dialogs/flowHost';
import { i18n } from '../../support/dialogHarness';
import { flowAfter, StepBench, textsOf } from './stepBench';

const fi = i18n.getFixedT('fi');

describe('global word step', () => {
  it.each([
    ['börja om', { type: 'RESTART' }],
    ['TAKAISIN', { type: 'BACK' }],
    ['haluan puhua ihmisen kanssa', { type: 'HUMAN' }],
    ['end', { type: 'END' }],
  ])('reads "%s" in any language as %j', async (text, event) => {
    const bench = new StepBench();
    const turn = await bench.turn(text, flowAfter('fi'));
    expect(await globalWord(bench.host).run(turn)).toBe('next');
    expect(turn.event).toEqual(event);
  });

  it('reads a button that stands for a global word', async () => {
    const bench = new StepBench();
    const turn = await bench.turn({ text: 'Puhu ihmisen kanssa', value: { globalWord: 'human' } }, flowAfter('fi'));
    await globalWord(bench.host).run(turn);
    expect(turn.event).toEqual({ type: 'HUMAN' });
  });

  it('takes a word only as the whole message, and a language switch from the page', async () => {
    const bench = new StepBench();
    const within = await bench.turn('menen takaisin töihin', flowAfter('fi'));
    await globalWord(bench.host).run(within);
    expect(within.event).toBeUndefined();
    const page = await bench.turn({ type: 'event', name: LOCALE_EVENT, value: 'sv' }, flowAfter('fi'));
    await globalWord(bench.host).run(page);
    expect(page.event).toEqual({ type: 'SET_LOCALE', locale: 'sv' });
  });

  it('answers "language" with the language picker', async () => {
    const bench = new StepBench();
    expect(await globalWord(bench.host).run(await bench.turn('vaihda kieli', flowAfter('fi')))).toBe('handled');
    const sent = bench.sent();
    expect(textsOf(sent)).toEqual([fi('common:languagePicker')]);
    expect(sent[0]!.suggestedActions?.actions.map((a) => a.value)).toEqual([{ locale: 'fi' }, { locale: 'sv' }, { locale: 'en' }]);
  });
});
