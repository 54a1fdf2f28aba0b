// The queue desk here is a stand-in recording calls (a unit test of the step alone);
// test/dialogs/queueDesk.test.ts covers the real desk over real storage.
import type { Activity } from 'botbuilder';
import type { ClientQueueDesk } from '../../../dialogs/flowTypes';
import { queueChat } from '../../../dialogs/turn/queueChat';
import { emergencyScreen } from '../../../dialogs/turn/emergencyScreen';
import { detectEmergencySign } from '../../../flows';
import { textMessage } from '../../../dialogs/promptRenderer';
import { i18n } from '../../support/dialogHarness';
import { flowAfter, StepBench, textsOf } from './stepBench';

const fi = i18n.getFixedT('fi');

function desk(queued: Partial<Activity>[] | undefined, seen: boolean[]): ClientQueueDesk {
  return {
    whileQueued: async (_turn, _t, _locale, leaveWord) => {
      seen.push(leaveWord);
      return queued;
    },
  } as Pick<ClientQueueDesk, 'whileQueued'> as ClientQueueDesk;
}

describe('queue and live chat step', () => {
  it('passes the turn on when the conversation has no open case', async () => {
    const bench = new StepBench();
    const seen: boolean[] = [];
    const turn = await bench.turn('hei', flowAfter('fi'));
    expect(await queueChat(bench.host, desk(undefined, seen)).run(turn)).toBe('next');
    expect(seen).toEqual([false]);
  });

  it('sends what the desk says while queued, with 112 first for an emergency, and tells it of "end"', async () => {
    const bench = new StepBench();
    const seen: boolean[] = [];
    const step = queueChat(bench.host, desk([textMessage('noted', 'fi')], seen));
    const urgent = await bench.turn('nyt tuli kova rintakipu', flowAfter('fi'));
    await emergencyScreen(detectEmergencySign).run(urgent);
    expect(await step.run(urgent)).toBe('handled');
    expect(textsOf(bench.sent())).toEqual([fi('routing:outcome.emergency.chest_pain'), 'noted']);
    await step.run(await bench.turn('lopeta', flowAfter('fi')));
    expect(seen).toEqual([false, true]);
  });

  it('stays silent while staff hold the case', async () => {
    const bench = new StepBench();
    expect(await queueChat(bench.host, desk([], [])).run(await bench.turn('kiitos', flowAfter('fi')))).toBe('handled');
    expect(bench.sent()).toEqual([]);
  });
});
