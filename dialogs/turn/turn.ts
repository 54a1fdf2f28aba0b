import { ActivityTypes, type Activity, type TurnContext } from 'botbuilder';
import type { TFunction } from 'i18next';
import type { AnyMachineSnapshot } from 'xstate';
import type { FlowEvent, Locale } from '../../flows/contract';
import type { PersistedFlow } from '../flowTypes';

/** The restored flow a turn works on. */
export interface RestoredFlow {
  snapshot: AnyMachineSnapshot;
  locale: Locale;
  t: TFunction;
}

/**
 * One client message or event on its way through the steps. Early steps annotate it
 * (the emergency sign, the restored flow); a step that answers the client says so by
 * returning 'handled', and a step that reads an answer sets `event` for the last step.
 */
export interface Turn {
  readonly context: TurnContext;
  /** The message's text (typed or a button's label). */
  readonly text: string | undefined;
  /** The text only when the client typed it: a pressed button's label is the flow's own wording. */
  readonly typedText: string | undefined;
  persisted: PersistedFlow | undefined;
  /** The emergency sign in the message's text (set by the emergency screen, first). */
  signInText: string | null;
  /** The emergency sign in what the client typed. */
  sign: string | null;
  /** The sign of `sign` when every mention of it was negated ("ei rintakipua"): asked about in the flow. */
  negatedSign: string | null;
  flow?: RestoredFlow;
  /** The flow event this turn's input means, once a step has read it. */
  event?: FlowEvent;
  /** Topics found in a first message, to offer when the flow reaches its topic menu. */
  topicOffer?: string[];
  /** Lines to send before what the transition renders (e.g. "3/3 photos, going on"). */
  notes: Partial<Activity>[];
}

/** What a step did: answered the client (the turn ends) or passed the turn on. */
export type StepOutcome = 'handled' | 'next';

/** One ordered step of a turn. */
export interface TurnStep {
  readonly name: string;
  run(turn: Turn): Promise<StepOutcome>;
}

/** A turn for the activity of `context`, before any step has looked at it. */
export function newTurn(context: TurnContext, persisted: PersistedFlow | undefined): Turn {
  const activity = context.activity;
  const text = activity.type === ActivityTypes.Message && typeof activity.text === 'string' ? activity.text : undefined;
  const typedText = text !== undefined && (activity.value === undefined || activity.value === null) ? text : undefined;
  return { context, text, typedText, persisted, signInText: null, sign: null, negatedSign: null, notes: [] };
}

/** Runs the steps in order until one handles the turn; returns its name (undefined: none did). */
export async function runSteps(steps: readonly TurnStep[], turn: Turn): Promise<string | undefined> {
  for (const step of steps) {
    if ((await step.run(turn)) === 'handled') return step.name;
  }
  return undefined;
}

/** The restored flow; steps after the restore step may rely on it. */
export function flowOf(turn: Turn): RestoredFlow {
  if (!turn.flow) throw new Error('the flow step runs after the restore step');
  return turn.flow;
}
