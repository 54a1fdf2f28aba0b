import type { FlowHost } from '../flowHost';
import { flowOf, type Turn, type TurnStep } from './turn';

/** A message longer than the limit gets a note and the same question again; nothing of it is kept. */
export function messageLength(host: FlowHost): TurnStep {
  return {
    name: 'messageLength',
    async run(turn: Turn) {
      const max = host.options.maxMessageLength;
      if (turn.text === undefined || [...turn.text].length <= max) return 'next';
      const { snapshot, t } = flowOf(turn);
      await host.reprompt(turn.context, snapshot, t('common:errors.tooLong', { max }));
      return 'handled';
    },
  };
}
