import { FlowDialog } from '../../../dialogs/flowDialog';
import { runSteps, type Turn, type TurnStep } from '../../../dialogs/turn/turn';
import { detectEmergencySign, triageFlow } from '../../../flows';
import { DialogHarness, i18n } from '../../support/dialogHarness';
import { StepBench } from './stepBench';

describe('the turn pipeline', () => {
  it('runs the emergency screen first, the side questions before the flow, and the flow answer last', () => {
    const bench = new StepBench();
    const dialog = new FlowDialog({ ...bench.host.options, eraseData: async () => undefined, queueDesk: {} as never });
    expect(dialog.stepNames).toEqual([
      'emergencyScreen',
      'sideQuestion',
      'restoreFlow',
      'queueChat',
      'afterOutcome',
      'messageLength',
      'photoAnswer',
      'signCheck',
      'emergencySign',
      'globalWord',
      'inputGuard',
      'summaryAnswer',
      'flowAnswer',
      'applyEvent',
    ]);
  });

  it('puts the topic finder after the emergency steps and before the flow answer', () => {
    const bench = new StepBench();
    const dialog = new FlowDialog({
      ...bench.host.options,
      topicFinder: { find: async () => ({ locale: 'fi', guesses: [] }), languageOf: () => undefined },
      topicQuestion: { promptId: 'entry.topic', optionPrefix: 'topic.', firstPromptId: 'entry.language', firstOptionPrefix: 'language.' },
    });
    const names = dialog.stepNames;
    expect(names.indexOf('topicUnderstanding')).toBeGreaterThan(names.indexOf('emergencySign'));
    expect(names.indexOf('describedTopic')).toBeGreaterThan(names.indexOf('topicUnderstanding'));
    expect(names.indexOf('firstMessage')).toBe(names.indexOf('describedTopic') + 1);
    expect(names.indexOf('flowAnswer')).toBe(names.indexOf('firstMessage') + 1);
  });

  it('leaves out the steps of services the dialog was not given', () => {
    const dialog = new FlowDialog({ ...new StepBench().host.options, flow: triageFlow, detectEmergency: detectEmergencySign, i18n });
    expect(dialog.stepNames).not.toContain('queueChat');
    expect(dialog.stepNames).not.toContain('sideQuestion');
  });

  it('stops at the first step that answers and names it', async () => {
    const ran: string[] = [];
    const step = (name: string, outcome: 'handled' | 'next'): TurnStep => ({
      name,
      run: async () => {
        ran.push(name);
        return outcome;
      },
    });
    const turn = (await new StepBench().turn('x')) as Turn;
    expect(await runSteps([step('a', 'next'), step('b', 'handled'), step('c', 'handled')], turn)).toBe('b');
    expect(ran).toEqual(['a', 'b']);
  });

  it('answers a typed message through the whole pipeline with the step that handled it', async () => {
    const h = new DialogHarness();
    await h.join();
    await h.send('suomi');
    expect(h.lastStep).toBe('applyEvent');
    await h.send('banaani');
    expect(h.lastStep).toBe('flowAnswer');
  });
});
