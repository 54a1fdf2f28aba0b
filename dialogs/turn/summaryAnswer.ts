import type { FlowHost } from '../flowHost';
import { currentPrompt } from '../flowHost';
import { parseSummaryInput } from '../summaryRenderer';
import { foldText } from '../textMatch';
import { flowOf, type Turn, type TurnStep } from './turn';

/** At the summary: the confirm button or its label, a typed yes ("ja det stämmer"), a "correct N" button, or a typed item number. */
export function summaryAnswer(host: FlowHost): TurnStep {
  return {
    name: 'summaryAnswer',
    async run(turn: Turn) {
      if (turn.event !== undefined) return 'next';
      const { snapshot, t, locale } = flowOf(turn);
      const prompt = currentPrompt(snapshot);
      if (prompt?.kind !== 'summary') return 'next';
      const confirm = prompt.options?.[0];
      const input = { text: turn.text, value: turn.context.activity.value };
      const parsed = confirm
        ? parseSummaryInput(
            host.summary(snapshot),
            confirm,
            input,
            (typed) => host.labels(confirm.labelKey).includes(foldText(typed)) || host.reader(locale).yesNo(typed) === 'yes',
          )
        : undefined;
      if (!parsed) {
        await host.askAgain(turn.context, snapshot, t('common:errors.summaryNotUnderstood'), turn.persisted);
        return 'handled';
      }
      turn.event = parsed;
      return 'next';
    },
  };
}
