import type { Turn, TurnStep } from './turn';

/**
 * First on every message: names an emergency sign in the text. It answers nothing itself;
 * every later step puts 112 before anything else when a sign is set, and no later step
 * (the understanding step included) can clear it, except that inside the flow a sign named
 * only negated ("no chest pain") is asked about first (dialogs/turn/signCheck.ts).
 */
export function emergencyScreen(detect: ((text: string) => string | null) | undefined, detectNegated?: (text: string) => string | null): TurnStep {
  return {
    name: 'emergencyScreen',
    async run(turn: Turn) {
      turn.signInText = turn.text !== undefined && detect ? detect(turn.text) : null;
      turn.sign = turn.typedText !== undefined ? turn.signInText : null;
      // Only noted here: outside the flow (queue, outcome) a negated sign still gets 112 first.
      turn.negatedSign = turn.sign !== null && detectNegated ? detectNegated(turn.typedText!) : null;
      return 'next';
    },
  };
}
