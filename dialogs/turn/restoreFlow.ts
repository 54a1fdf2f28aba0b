import type { FlowHost } from '../flowHost';
import { flowContext } from '../flowHost';
import type { Turn, TurnStep } from './turn';

/**
 * Restores the stored flow for the later steps; a conversation without one (new, idle too
 * long, or from an older flow version) starts afresh with a note instead.
 */
export function restoreFlow(host: FlowHost): TurnStep {
  return {
    name: 'restoreFlow',
    async run(turn: Turn) {
      const restored = host.restore(turn.persisted);
      if (!restored.snapshot) {
        const locale = turn.persisted?.context.locale ?? host.incomingLocale(turn.context);
        await host.startFresh(turn.context, locale, restored.noteKey ? [restored.noteKey] : [], turn.persisted === undefined);
        return 'handled';
      }
      const locale = flowContext(restored.snapshot).locale;
      turn.flow = { snapshot: restored.snapshot, locale, t: host.t(locale) };
      return 'next';
    },
  };
}
