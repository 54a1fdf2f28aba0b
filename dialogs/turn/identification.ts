import { ActivityTypes } from 'botbuilder';
import { flowContext } from '../flowHost';
import type { ClientQueueDesk } from '../flowTypes';
import { IDENTIFICATION_EVENT, type IdentificationDesk } from '../identification';
import { textMessage } from '../promptRenderer';
import { flowOf, type Turn, type TurnStep } from './turn';

/**
 * Identification where a queue requires it (or staff asked): the window's report comes back as an
 * event (or with the next message), and "join" for such a queue asks for identification first.
 * A failed or cancelled identification leaves the flow where it was.
 */
export function identification(desk: IdentificationDesk, queueDesk: ClientQueueDesk | undefined): TurnStep {
  return {
    name: 'identification',
    async run(turn: Turn) {
      const { context } = turn;
      const { snapshot, t, locale } = flowOf(turn);
      const activity = context.activity;
      const subjectIsOther = (flowContext(snapshot).subject?.kind ?? 'self') !== 'self';
      const nudged = activity.type === ActivityTypes.Event && activity.name === IDENTIFICATION_EVENT;
      if (nudged || (activity.type === ActivityTypes.Message && (await desk.awaiting(context)))) {
        const picked = await desk.pickUp(context, snapshot.output, subjectIsOther, t, locale);
        if (nudged) {
          await context.sendActivities(picked ?? [textMessage(t('identification:result.notFinished'), locale)]);
          return 'handled';
        }
        if (picked) await context.sendActivities(picked);
      }
      const pressed = (activity.value ?? {}) as { joinQueue?: unknown };
      if (snapshot.status !== 'done' || !queueDesk || typeof pressed.joinQueue !== 'string' || !desk.requires(pressed.joinQueue) || turn.sign !== null)
        return 'next';
      if (!(await desk.held(context))) {
        await context.sendActivities(await desk.offer(context, snapshot.output, pressed.joinQueue, subjectIsOther, t, locale));
        return 'handled';
      }
      const replies = await queueDesk.join(context, snapshot.output, pressed.joinQueue, t, locale);
      await desk.moveToCase(context, subjectIsOther);
      await context.sendActivities(replies);
      return 'handled';
    },
  };
}
