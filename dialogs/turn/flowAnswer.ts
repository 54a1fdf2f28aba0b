import type { FlowHost } from '../flowHost';
import { currentPrompt, flowContext } from '../flowHost';
import { parseAnswer } from '../answerParser';
import { optionList } from '../promptRenderer';
import { flowOf, type Turn, type TurnStep } from './turn';

/** Reads the message as an answer to the question asked; a reason and the question again when it is none. */
export function flowAnswer(host: FlowHost): TurnStep {
  return {
    name: 'flowAnswer',
    async run(turn: Turn) {
      if (turn.event !== undefined) return 'next';
      const { snapshot, t, locale } = flowOf(turn);
      const prompt = currentPrompt(snapshot);
      if (!prompt) return 'next';
      const parsed = parseAnswer(
        prompt,
        { text: turn.text, value: turn.context.activity.value },
        (key) => host.labels(key),
        host.words.skipWords(),
        host.reader(locale),
      );
      if (parsed.kind === 'invalid') {
        // Every reason may name the options ("not recognised", "if unsure, choose the closest").
        const message = t(parsed.errorKey, { options: optionList(prompt, t, flowContext(snapshot).subject?.kind), ...(parsed.params ?? {}) });
        await host.askAgain(turn.context, snapshot, message, turn.persisted);
        return 'handled';
      }
      turn.event = parsed.kind === 'skip' ? { type: 'SKIP' } : { type: 'ANSWER', value: parsed.value };
      return 'next';
    },
  };
}
