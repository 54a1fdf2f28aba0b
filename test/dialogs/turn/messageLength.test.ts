import { messageLength } from '../../../dialogs/turn/messageLength';
import { i18n } from '../../support/dialogHarness';
import { flowAfter, StepBench, textsOf } from './stepBench';

const fi = i18n.getFixedT('fi');

describe('message length step', () => {
  it('refuses a message over the limit (counted in characters) and asks the same question again', async () => {
    const bench = new StepBench({ maxMessageLength: 5 });
    const step = messageLength(bench.host);
    expect(await step.run(await bench.turn('ääääää', flowAfter('fi')))).toBe('handled');
    expect(textsOf(bench.sent())).toEqual([fi('common:errors.tooLong', { max: 5 }), fi('entry:language.question')]);
    expect(await step.run(await bench.turn('äääää', flowAfter('fi')))).toBe('next');
  });
});
