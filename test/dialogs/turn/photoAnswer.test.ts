import type { FlowEvent } from '../../../flows/contract';
import { photoAnswer } from '../../../dialogs/turn/photoAnswer';
import { i18n } from '../../support/dialogHarness';
import { flowAfter, StepBench, textsOf, toTopicMenu } from './stepBench';

const fi = i18n.getFixedT('fi');
const upload = (photoIds: string[]) => ({ type: 'message', channelData: { luotsiUpload: { photoIds } } });

/** The skin set's photo question, its earlier questions answered. */
function atPhoto() {
  const answers: FlowEvent[] = [
    { type: 'ANSWER', value: 'topic.skin' },
    { type: 'ANSWER', value: false },
    { type: 'ANSWER', value: false },
    { type: 'ANSWER', value: false },
    { type: 'ANSWER', value: 'spread.local' },
    { type: 'ANSWER', value: 'duration.days' },
    { type: 'ANSWER', value: ['symptoms.itch'] },
    { type: 'ANSWER', value: 'cause.unknown' },
    { type: 'ANSWER', value: 'selfCareTried.notTried' },
  ];
  return flowAfter('fi', ...toTopicMenu('fi'), ...answers);
}

describe('photo step', () => {
  it('refuses an upload where no photo is asked', async () => {
    const bench = new StepBench();
    expect(await photoAnswer(bench.host).run(await bench.turn(upload(['p1']), flowAfter('fi')))).toBe('handled');
    expect(textsOf(bench.sent())[0]).toBe(fi('common:errors.attachmentNotExpected'));
  });

  it('gathers photos in a draft at the photo question and answers with them on "continue"', async () => {
    const bench = new StepBench();
    const snapshot = atPhoto();
    expect(snapshot.value).toEqual({ skin: 'photo' });
    await bench.store(snapshot);
    const first = await bench.turn(upload(['p1']), snapshot);
    expect(await photoAnswer(bench.host).run(first)).toBe('handled');
    await bench.state.saveChanges(first.context, false);
    expect(textsOf(bench.sent())).toEqual([fi('common:photo.received', { count: 1, max: 3 })]);
    const done = await bench.turn({ text: fi('common:photo.done'), value: { photosDone: true } }, snapshot);
    expect(await photoAnswer(bench.host).run(done)).toBe('next');
    expect(done.event).toEqual({ type: 'ANSWER', value: ['p1'] });
  });

  it('passes ordinary messages on and stays out of the way of an emergency', async () => {
    const bench = new StepBench();
    expect(await photoAnswer(bench.host).run(await bench.turn('suomi', flowAfter('fi')))).toBe('next');
    const urgent = await bench.turn(upload(['p1']), atPhoto());
    urgent.sign = 'bleeding';
    expect(await photoAnswer(bench.host).run(urgent)).toBe('next');
    expect(urgent.event).toBeUndefined();
  });
});
