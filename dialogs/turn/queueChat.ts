import { ActivityTypes } from 'botbuilder';
import type { FlowHost } from '../flowHost';
import type { ClientQueueDesk } from '../flowTypes';
import { flowOf, type Turn, type TurnStep } from './turn';

/**
 * While the conversation has an open case (waiting or held by staff), messages go to the
 * case, not the flow. Waiting for staff does not make an emergency wait: 112 comes first.
 */
export function queueChat(host: FlowHost, desk: ClientQueueDesk): TurnStep {
  return {
    name: 'queueChat',
    async run(turn: Turn) {
      if (turn.context.activity.type !== ActivityTypes.Message) return 'next';
      const { t, locale } = flowOf(turn);
      const leaveWord = turn.text !== undefined && host.words.match(turn.text) === 'end';
      const queued = await desk.whileQueued(turn.context, t, locale, leaveWord);
      if (!queued) return 'next';
      const urgent = turn.signInText === null ? [] : host.emergencyReply(turn.signInText, t, locale);
      if (urgent.length + queued.length > 0) await turn.context.sendActivities([...urgent, ...queued]);
      return 'handled';
    },
  };
}
