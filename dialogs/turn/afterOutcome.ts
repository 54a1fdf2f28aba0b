import type { FlowHost } from '../flowHost';
import type { ClientQueueDesk } from '../flowTypes';
import { flowOf, type Turn, type TurnStep } from './turn';

/**
 * After an outcome: an emergency typed in gets 112 first; the outcome's button joins a queue
 * (a contact request is a side set: dialogs/turn/sideQuestion.ts). Other typed text ("ok", "klar",
 * "kiitos") keeps the outcome: its choices again, with a way to start over; a press that is
 * none of these (or the restart word) starts afresh.
 */
export function afterOutcome(host: FlowHost, desk: ClientQueueDesk | undefined): TurnStep {
  return {
    name: 'afterOutcome',
    async run(turn: Turn) {
      const { snapshot, t, locale } = flowOf(turn);
      if (snapshot.status !== 'done') return 'next';
      const { context } = turn;
      if (turn.sign !== null) {
        await context.sendActivities(host.emergencyReply(turn.sign, t, locale));
        return 'handled';
      }
      const pressed = (context.activity.value ?? {}) as { joinQueue?: unknown };
      if (desk && typeof pressed.joinQueue === 'string' && snapshot.output !== undefined) {
        await context.sendActivities(await desk.join(context, snapshot.output, pressed.joinQueue, t, locale));
        return 'handled';
      }
      const typed = turn.typedText;
      if (typed !== undefined && typed.trim() !== '' && host.words.match(typed) === undefined) {
        await context.sendActivities([host.outcomeChoices(snapshot, locale)]);
        return 'handled';
      }
      await host.startFresh(context, locale, ['common:session.restarted'], false);
      return 'handled';
    },
  };
}
