// The queue desk here is a stand-in recording calls (a unit test of the step alone);
// test/dialogs/queueDesk.test.ts and the handoff journey cover the real feedback.
import type { ClientQueueDesk } from '../../../dialogs/flowTypes';
import { feedbackAnswer } from '../../../dialogs/turn/feedbackAnswer';
import { textMessage } from '../../../dialogs/promptRenderer';
import { flowAfter, StepBench, textsOf } from './stepBench';

type FeedbackArgs = Parameters<ClientQueueDesk['feedback']>;

function desk(calls: FeedbackArgs[], recorded?: string): ClientQueueDesk {
  return {
    feedback: async (...args: FeedbackArgs) => {
      calls.push(args);
      return { activities: [textMessage('thanks', 'fi')], ...(recorded && { recorded }) };
    },
  } as Pick<ClientQueueDesk, 'feedback'> as ClientQueueDesk;
}

describe('feedback step', () => {
  it('hands a feedback button to the desk and remembers the case it was given on', async () => {
    const bench = new StepBench();
    const calls: FeedbackArgs[] = [];
    const snapshot = flowAfter('fi');
    await bench.store(snapshot);
    const turn = await bench.turn({ text: '5', value: { feedback: { caseId: 'c1', helped: 'yes', score: 5 } } }, snapshot);
    expect(await feedbackAnswer(bench.host, desk(calls, 'c1')).run(turn)).toBe('handled');
    expect(calls[0]![1]).toEqual({ caseId: 'c1', helped: 'yes', score: 5 });
    expect(textsOf(bench.sent())).toEqual(['thanks']);
    expect((await bench.accessor.get(turn.context))?.feedbackGiven).toEqual(['c1']);
  });

  it('asks no comment: typed text after a score is not feedback (its text would not be kept)', async () => {
    const bench = new StepBench();
    const calls: FeedbackArgs[] = [];
    const snapshot = flowAfter('fi');
    await bench.store(snapshot);
    const step = feedbackAnswer(bench.host, desk(calls, 'c1'));
    expect(await step.run(await bench.turn({ text: '3', value: { feedback: { caseId: 'c1', helped: 'partly', score: 3 } } }, snapshot))).toBe('handled');
    expect(await step.run(await bench.turn('hyvä palvelu', snapshot))).toBe('next');
    expect(calls).toHaveLength(1);
  });

  it('lets an emergency through to the steps that answer it', async () => {
    const bench = new StepBench();
    const turn = await bench.turn({ text: 'rintakipu', value: { feedback: { caseId: 'c1', helped: 'no' } } }, flowAfter('fi'));
    turn.sign = 'chest_pain';
    expect(await feedbackAnswer(bench.host, desk([])).run(turn)).toBe('next');
  });
});
