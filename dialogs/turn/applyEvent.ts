import type { FlowHost } from '../flowHost';
import { currentPrompt } from '../flowHost';
import { flowOf, type Turn, type TurnStep } from './turn';

/** Last: the event the earlier steps read goes through the flow's pure transition; persisted, then rendered. */
export function applyEvent(host: FlowHost): TurnStep {
  return {
    name: 'applyEvent',
    async run(turn: Turn) {
      const event = turn.event;
      if (event === undefined) return 'next';
      const { snapshot } = flowOf(turn);
      const next = host.engine.transition(snapshot, event);
      const draft = turn.persisted?.photoDraft;
      const keepDraft = draft !== undefined && currentPrompt(next)?.id === draft.questionId ? draft : undefined;
      // A restart forgets a topic found earlier; otherwise one waits for the topic menu.
      const offer = event.type === 'RESTART' ? [] : turn.topicOffer;
      await host.persist(turn.context, next, keepDraft, { ...(offer && { topicOffer: offer }) });
      const kept = (await host.options.state.get(turn.context))?.topicOffer;
      await turn.context.sendActivities([...turn.notes, ...host.afterTransition(snapshot, next, event, kept)]);
      return 'handled';
    },
  };
}
