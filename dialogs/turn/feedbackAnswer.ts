import type { FlowHost } from '../flowHost';
import { feedbackPressOf } from '../feedback';
import type { ClientQueueDesk } from '../flowTypes';
import { flowOf, type Turn, type TurnStep } from './turn';

/** "Did you get help?" after staff closed a case: a feedback button. Not while an emergency is being typed. */
export function feedbackAnswer(host: FlowHost, desk: ClientQueueDesk): TurnStep {
  return {
    name: 'feedbackAnswer',
    async run(turn: Turn) {
      if (turn.sign !== null) return 'next';
      const press = feedbackPressOf(turn.context.activity.value);
      if (!press) return 'next';
      const { snapshot, t, locale } = flowOf(turn);
      const given = turn.persisted?.feedbackGiven ?? [];
      const step = await desk.feedback(turn.context, press, given, t, locale);
      await host.persist(turn.context, snapshot, undefined, {
        feedbackGiven: step.recorded ? [...given, step.recorded].slice(-20) : given,
      });
      await turn.context.sendActivities(step.activities);
      return 'handled';
    },
  };
}
