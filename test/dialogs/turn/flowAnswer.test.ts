import { flowAnswer } from '../../../dialogs/turn/flowAnswer';
import { DialogHarness, i18n, texts } from '../../support/dialogHarness';
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

  it('never meets the same dead end twice: the second miss also offers a person and starting over', async () => {
    const h = new DialogHarness();
    await h.join();
    const first = await h.send('banaani');
    expect(texts(first)).not.toContain(fi('understanding:deadEnd.again'));
    expect(first[first.length - 1]!.suggestedActions?.actions.map((a) => a.title)).toEqual(['Suomi', 'Svenska', 'English']);
    const second = await h.send('omena');
    expect(texts(second)).toContain(fi('understanding:deadEnd.again'));
    expect(second[second.length - 1]!.suggestedActions?.actions.map((a) => a.title)).toEqual([
      'Suomi',
      'Svenska',
      'English',
      fi('understanding:deadEnd.human'),
      fi('understanding:deadEnd.restart'),
    ]);
    const person = await h.send(DialogHarness.press(second, fi('understanding:deadEnd.human')));
    expect(DialogHarness.outcome(person)).toMatchObject({ outcome: 'human' });
  });

  it('counts misses per question: an answer in between starts the count again', async () => {
    const h = new DialogHarness();
    await h.join();
    await h.send('banaani');
    await h.send('suomi');
    expect(texts(await h.send('banaani'))).not.toContain(fi('understanding:deadEnd.again'));
    const restart = await h.send('omena');
    const replies = await h.send(DialogHarness.press(restart, fi('understanding:deadEnd.restart')));
    expect(texts(replies)).toEqual([fi('common:session.restarted'), fi('entry:language.question')]);
  });
});
