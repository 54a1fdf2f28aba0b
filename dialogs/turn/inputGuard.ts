import { ActivityTypes } from 'botbuilder';
import type { FlowHost } from '../flowHost';
import { currentPrompt } from '../flowHost';
import { flowOf, type Turn, type TurnStep } from './turn';

/**
 * What cannot be an answer: an event that is not a message (ignored), an attachment that
 * did not come through the channel's photo intake, or a message where nothing is asked.
 */
export function inputGuard(host: FlowHost): TurnStep {
  return {
    name: 'inputGuard',
    async run(turn: Turn) {
      if (turn.event !== undefined) return 'next';
      const { activity } = turn.context;
      if (activity.type !== ActivityTypes.Message) return 'handled';
      const { snapshot, t } = flowOf(turn);
      if ((activity.attachments?.length ?? 0) > 0) {
        await host.reprompt(turn.context, snapshot, t('common:errors.attachmentNotExpected'));
        return 'handled';
      }
      if (!currentPrompt(snapshot)) {
        await host.reprompt(turn.context, snapshot, t('common:errors.unsupportedInput'));
        return 'handled';
      }
      return 'next';
    },
  };
}
