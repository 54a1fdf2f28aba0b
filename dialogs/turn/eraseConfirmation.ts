import { ActivityTypes, type TurnContext } from 'botbuilder';
import type { FlowHost } from '../flowHost';
import { flowContext } from '../flowHost';
import type { ErasePress } from '../flowTypes';
import { textMessage } from '../promptRenderer';
import { foldText } from '../textMatch';
import type { Turn, TurnStep } from './turn';

function pressedAnswer(value: unknown): boolean | undefined {
  const press = value as Partial<ErasePress> | null | undefined;
  return typeof press === 'object' && press !== null && typeof press.eraseData === 'boolean' ? press.eraseData : undefined;
}

/**
 * "Delete my data", checked before the flow (also while queued or after an outcome): the
 * word asks for confirmation; yes erases and ends, no carries on where the client was.
 * Anything else withdraws the question, so a later "yes" to another question never deletes.
 */
export function eraseConfirmation(host: FlowHost, eraseData: (turn: TurnContext) => Promise<void>): TurnStep {
  return {
    name: 'eraseConfirmation',
    async run(turn: Turn) {
      const { context, persisted, text } = turn;
      if (context.activity.type !== ActivityTypes.Message) return 'next';
      const pressed = pressedAnswer(context.activity.value);
      const restored = host.restore(persisted);
      const locale = restored.snapshot ? flowContext(restored.snapshot).locale : (persisted?.context.locale ?? host.incomingLocale(context));
      const t = host.t(locale);
      if (persisted?.erasePending) {
        const folded = text === undefined ? '' : foldText(text);
        const answer =
          pressed ?? (host.wordList('common:erase.yesWords').includes(folded) ? true : host.wordList('common:erase.noWords').includes(folded) ? false : undefined);
        if (answer === true) {
          await eraseData(context);
          await context.sendActivities([textMessage(t('common:erase.done'), locale)]);
          return 'handled';
        }
        const { erasePending: _withdrawn, ...carryOn } = persisted;
        await host.options.state.set(context, carryOn);
        turn.persisted = carryOn;
        if (answer === undefined) return 'next';
        if (!restored.snapshot) {
          await host.startFresh(context, locale, ['common:erase.kept'], false);
          return 'handled';
        }
        await context.sendActivities([textMessage(t('common:erase.kept'), locale), ...host.renderState(restored.snapshot, t, false)]);
        return 'handled';
      }
      if (pressed !== undefined || text === undefined || host.words.match(text) !== 'erase') return 'next';
      let base = persisted;
      if (!base) {
        // Nothing stored yet (e.g. a new state after a restart): keep a fresh flow to come back to on "no".
        await host.persist(context, host.engine.initial({ locale }));
        base = await host.options.state.get(context);
      }
      if (base) await host.options.state.set(context, { ...base, erasePending: true });
      const question = textMessage(t('common:erase.confirm'), locale);
      question.suggestedActions = {
        to: [],
        actions: ([true, false] as const).map((erase) => {
          const title = t(erase ? 'common:erase.yes' : 'common:erase.no');
          const value: ErasePress = { eraseData: erase };
          return { type: 'messageBack', title, text: title, displayText: title, value };
        }),
      };
      await context.sendActivities([question]);
      return 'handled';
    },
  };
}
