import type { Turn, TurnStep } from './turn';

/**
 * First on every message: names an emergency sign in the text. It answers nothing itself;
 * every later step puts 112 before anything else when a sign is set, and no later step
 * (the understanding step included) can clear it.
 */
export function emergencyScreen(detect: ((text: string) => string | null) | undefined): TurnStep {
  return {
    name: 'emergencyScreen',
    async run(turn: Turn) {
      turn.signInText = turn.text !== undefined && detect ? detect(turn.text) : null;
      turn.sign = turn.typedText !== undefined ? turn.signInText : null;
      return 'next';
    },
  };
}
