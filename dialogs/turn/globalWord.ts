import type { FlowEvent } from '../../flows/contract';
import type { FlowHost } from '../flowHost';
import type { GlobalWord } from '../globalWords';
import { flowOf, type Turn, type TurnStep } from './turn';

const EVENTS: Record<Exclude<GlobalWord, 'language'>, FlowEvent> = {
  restart: { type: 'RESTART' },
  back: { type: 'BACK' },
  human: { type: 'HUMAN' },
  end: { type: 'END' },
  // Reached only where the dialog cannot delete data (no eraser): the conversation just ends.
  erase: { type: 'END' },
};

function pressedWord(value: unknown): GlobalWord | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const word = (value as Record<string, unknown>).globalWord;
  return typeof word === 'string' && (word in EVENTS || word === 'language') ? (word as GlobalWord) : undefined;
}

/** A language switch (the page's or a button), or a global word typed as the whole message. */
export function globalWord(host: FlowHost): TurnStep {
  return {
    name: 'globalWord',
    async run(turn: Turn) {
      if (turn.event !== undefined) return 'next';
      const localeSwitch = host.requestedLocale(turn.context);
      if (localeSwitch) {
        turn.event = { type: 'SET_LOCALE', locale: localeSwitch };
        return 'next';
      }
      const word = pressedWord(turn.context.activity.value) ?? (turn.text !== undefined ? host.words.match(turn.text) : undefined);
      if (word === undefined) return 'next';
      if (word === 'language') {
        const { t, locale } = flowOf(turn);
        await turn.context.sendActivities([host.languagePicker(t, locale)]);
        return 'handled';
      }
      turn.event = EVENTS[word];
      return 'next';
    },
  };
}
