import { inputGuard } from '../../../dialogs/turn/inputGuard';
import { i18n } from '../../support/dialogHarness';
import { flowAfter, StepBench, textsOf } from './stepBench';

const fi = i18n.getFixedT('fi');

describe('input guard step', () => {
  it('ignores events that are not messages and passes messages on', async () => {
    const bench = new StepBench();
    expect(await inputGuard(bench.host).run(await bench.turn({ type: 'event', name: 'other' }, flowAfter('fi')))).toBe('handled');
    expect(bench.sent()).toEqual([]);
    expect(await inputGuard(bench.host).run(await bench.turn('suomi', flowAfter('fi')))).toBe('next');
  });

  it('refuses an attachment that did not come through the photo intake', async () => {
    const bench = new StepBench();
    const turn = await bench.turn({ attachments: [{ contentType: 'image/png', contentUrl: 'x' }] }, flowAfter('fi'));
    expect(await inputGuard(bench.host).run(turn)).toBe('handled');
    expect(textsOf(bench.sent())).toEqual([fi('common:errors.attachmentNotExpected'), fi('entry:language.question')]);
  });
});
