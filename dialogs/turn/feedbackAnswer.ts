import type { FlowHost } from '../flowHost';
import { feedbackPressOf } from '../feedback';
import type { ClientQueueDesk } from '../flowTypes';
import { flowOf, type Turn, type TurnStep } from './turn';

/**
 * "Did you get help?" after staff closed a case: a feedback button, or the optional comment
 * typed right after the score. Not while an emergency is being typed.
 */
export function feedbackAnswer(host: FlowHost, desk: ClientQueueDesk): TurnStep {
  return {
    name: 'feedbackAnswer',
    async run(turn: Turn) {
      if (turn.sign !== null) return 'next';
      const { snapshot, t, locale } = flowOf(turn);
      const press = feedbackPressOf(turn.context.activity.value);
      const draft = turn.persisted?.feedbackDraft;
      const typed = turn.typedText;
      const comment = draft && typed !== undefined && host.words.match(typed) === undefined ? typed : undefined;
      if (!press && comment === undefined) return 'next';
      const given = turn.persisted?.feedbackGiven ?? [];
      const step = await desk.feedback(turn.context, press, press ? undefined : draft, comment, given, t, locale);
      await host.persist(turn.context, snapshot, undefined, {
        ...(step.draft && { feedbackDraft: step.draft }),
        feedbackGiven: step.recorded ? [...given, step.recorded].slice(-20) : given,
      });
      await turn.context.sendActivities(step.activities);
      return 'handled';
    },
  };
}
