import type { Turn, TurnStep } from './turn';

/** Inside the flow, an emergency typed in ends it in the emergency outcome (112 first). */
export function emergencySign(): TurnStep {
  return {
    name: 'emergencySign',
    async run(turn: Turn) {
      if (turn.event === undefined && turn.sign !== null) turn.event = { type: 'EMERGENCY_SIGN', sign: turn.sign };
      return 'next';
    },
  };
}
