import { summaryAnswer } from '../../../dialogs/turn/summaryAnswer';
import type { FlowEvent } from '../../../flows/contract';
import { i18n } from '../../support/dialogHarness';
import { flowAfter, StepBench, textsOf, toTopicMenu } from './stepBench';

const fi = i18n.getFixedT('fi');
const dental: FlowEvent[] = [
  { type: 'ANSWER', value: 'topic.dental' },
  ...[false, false, false, false, false].map((value): FlowEvent => ({ type: 'ANSWER', value })),
  { type: 'ANSWER', value: 'pain.mild' },
];

describe('summary step', () => {
  const atSummary = () => flowAfter('fi', ...toTopicMenu('fi'), ...dental);

  it('reads the confirm label typed and a typed item number', async () => {
    const bench = new StepBench();
    expect(atSummary().value).toBe('summary');
    const confirm = await bench.turn(fi('entry:summary.options.confirm').toUpperCase(), atSummary());
    expect(await summaryAnswer(bench.host).run(confirm)).toBe('next');
    expect(confirm.event).toEqual({ type: 'ANSWER', value: 'summary.confirm' });
    const n = bench.host.summary(atSummary()).findIndex((item) => item.correctable) + 1;
    expect(n).toBeGreaterThan(0);
    const correct = await bench.turn(String(n), atSummary());
    await summaryAnswer(bench.host).run(correct);
    expect(correct.event).toMatchObject({ type: 'CORRECT' });
  });

  it('reads a yes in the person\'s words as the confirmation, and not a no or an "I don\'t know"', async () => {
    const bench = new StepBench();
    const yes = await bench.turn('joo, pitää paikkansa', atSummary());
    expect(await summaryAnswer(bench.host).run(yes)).toBe('next');
    expect(yes.event).toEqual({ type: 'ANSWER', value: 'summary.confirm' });
    for (const text of ['ei', 'en tiedä']) {
      const other = await bench.turn(text, atSummary());
      expect(await summaryAnswer(bench.host).run(other)).toBe('handled');
      expect(other.event).toBeUndefined();
    }
  });

  it('asks again with a hint when the input is neither', async () => {
    const bench = new StepBench();
    expect(await summaryAnswer(bench.host).run(await bench.turn('banaani', atSummary()))).toBe('handled');
    expect(textsOf(bench.sent())[0]).toBe(fi('common:errors.summaryNotUnderstood'));
  });

  it('passes other questions on', async () => {
    const bench = new StepBench();
    expect(await summaryAnswer(bench.host).run(await bench.turn('suomi', flowAfter('fi')))).toBe('next');
  });
});
