// Test helpers: drive the triage machine with pure transitions, as the dialog does.

import { initialTransition, transition, type SnapshotFrom } from 'xstate';
import type { FlowEvent, Locale, PromptMeta, StateMeta } from '../../flows/contract';
import { triageMachine } from '../../flows/triageMachine';

export type TriageSnapshot = SnapshotFrom<typeof triageMachine>;

/** A fresh snapshot at the first question. */
export function start(locale: Locale = 'fi'): TriageSnapshot {
  return initialTransition(triageMachine, { locale })[0];
}

/** Applies events in order. */
export function send(snapshot: TriageSnapshot, ...events: FlowEvent[]): TriageSnapshot {
  return events.reduce((s, e) => transition(triageMachine, s, e)[0], snapshot);
}

/** Shorthand for ANSWER events. */
export function answers(...values: Array<string | string[] | number | boolean>): FlowEvent[] {
  return values.map((value) => ({ type: 'ANSWER', value }));
}

/** The prompt of the state the snapshot is in, if it waits for an answer. */
export function promptOf(snapshot: TriageSnapshot): PromptMeta | undefined {
  const metas = Object.values(snapshot.getMeta()) as StateMeta[];
  return metas.find((m) => m.prompt)?.prompt;
}

/** Persists and restores the snapshot the way the dialog does (`{value, context}` through JSON). */
export function roundTrip(snapshot: TriageSnapshot): TriageSnapshot {
  const stored = JSON.parse(JSON.stringify({ value: snapshot.value, context: snapshot.context }));
  return triageMachine.resolveState(stored);
}

/** Entry answers up to and including the topic, for a subject. */
export function entryFor(subject: 'self' | { child: string } | { adult: string; consent: string }, topic: string): FlowEvent[] {
  const head = answers('language.fi', 'privacy.accept', 'emergency.none');
  if (subject === 'self') return [...head, ...answers('subject.self', `topic.${topic}`)];
  if ('child' in subject) return [...head, ...answers('subject.child', `childAge.${subject.child}`, `topic.${topic}`)];
  return [...head, ...answers('subject.adult', `relationship.${subject.adult}`, `adultConsent.${subject.consent}`, `topic.${topic}`)];
}
