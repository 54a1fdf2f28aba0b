import type { Activity } from 'botbuilder';
import type { FlowHost } from '../flowHost';
import { textMessage } from '../promptRenderer';
import { flowOf, type Turn, type TurnStep } from './turn';

/** The value of the yes/no buttons of the sign check. */
export interface SignCheckPress {
  signCheck: boolean;
}

function pressed(value: unknown): boolean | undefined {
  const press = value as Partial<SignCheckPress> | null | undefined;
  return typeof press === 'object' && press !== null && typeof press.signCheck === 'boolean' ? press.signCheck : undefined;
}

/**
 * An emergency sign named only negated ("ei rintakipua", "inget bröstsmärta", "no chest pain")
 * is neither an emergency nor nothing: the red-flag question is asked about it. Yes ends in the
 * emergency outcome (112 first); no carries on at the question the client was at (the negated
 * message itself is not read as its answer); anything else asks again, with the 112 advice.
 * A sign named without a negation anywhere in the text is never asked about: it ends in 112.
 */
export function signCheck(host: FlowHost): TurnStep {
  return {
    name: 'signCheck',
    async run(turn: Turn) {
      if (turn.event !== undefined) return 'next';
      const { snapshot, t, locale } = flowOf(turn);
      const { context, persisted } = turn;
      const pending = persisted?.signCheck;
      const ask = async (sign: string, lead: string | undefined) => {
        await host.persist(context, snapshot, persisted?.photoDraft, { signCheck: sign });
        const question = textMessage(t('understanding:signCheck.question', { sign: t(`understanding:signCheck.signs.${sign}`) }), locale);
        question.suggestedActions = {
          to: [],
          actions: ([true, false] as const).map((yes) => {
            const title = t(yes ? 'understanding:signCheck.yes' : 'understanding:signCheck.no');
            const value: SignCheckPress = { signCheck: yes };
            return { type: 'messageBack', title, text: title, displayText: title, value };
          }),
        };
        const out: Partial<Activity>[] = lead === undefined ? [question] : [textMessage(lead, locale), question];
        await context.sendActivities(out);
      };
      if (pending !== undefined) {
        // A sign named plainly now: the emergency step ends the flow (the check is dropped with it).
        if (turn.sign !== null && turn.negatedSign === null) return 'next';
        const reading = pressed(context.activity.value) ?? yesNoOf(host.reader(locale).yesNo(turn.text ?? ''));
        if (reading === true) {
          turn.event = { type: 'EMERGENCY_SIGN', sign: pending };
          turn.sign = pending;
          return 'next';
        }
        if (reading === false) {
          await host.persist(context, snapshot, persisted?.photoDraft);
          await context.sendActivities([textMessage(t('understanding:signCheck.thanks'), locale), ...host.renderState(snapshot, t, false)]);
          return 'handled';
        }
        await ask(pending, t('understanding:signCheck.again'));
        return 'handled';
      }
      if (turn.negatedSign === null || turn.sign === null) return 'next';
      await ask(turn.negatedSign, undefined);
      return 'handled';
    },
  };
}

function yesNoOf(reading: 'yes' | 'no' | 'unsure' | undefined): boolean | undefined {
  return reading === 'yes' ? true : reading === 'no' ? false : undefined;
}
