// Shared pieces of the side sets' model-based tests: the event cases per question and the
// state identity for xstate/graph.

import type { FlowEvent, PromptMeta, StateMeta } from '../../flows/contract';
import type { SideSnapshot } from '../../flows/side';

/** The prompt a side snapshot waits at, if any. */
export function sidePromptOf(snapshot: SideSnapshot): PromptMeta | undefined {
  return (Object.values(snapshot.getMeta()) as StateMeta[]).find((m) => m.prompt)?.prompt;
}

/** Event cases for a side state: every option, invalid answers and withdrawing. */
export function sideEvents(snapshot: SideSnapshot): FlowEvent[] {
  if (snapshot.status === 'done') return [];
  const prompt = sidePromptOf(snapshot);
  const events: FlowEvent[] = [{ type: 'END' }];
  if (!prompt) return events;
  switch (prompt.kind) {
    case 'choice':
      events.push(...(prompt.options ?? []).map((o): FlowEvent => ({ type: 'ANSWER', value: o.id })), { type: 'ANSWER', value: 'no.such.option' });
      break;
    case 'yesNo':
      events.push({ type: 'ANSWER', value: true }, { type: 'ANSWER', value: false }, { type: 'ANSWER', value: 'yes' });
      break;
    case 'text':
      events.push(
        { type: 'ANSWER', value: 'Tarvitsen apua.' },
        { type: 'ANSWER', value: 'x'.repeat((prompt.maxLength ?? 500) + 1) },
        { type: 'ANSWER', value: '  ' },
      );
      break;
    default:
      throw new Error(`no events for a side question of kind ${prompt.kind}`);
  }
  return events;
}

/** State identity: the state value, the language and the answers (side sets are small). */
export function serializeSide(snapshot: SideSnapshot): string {
  return JSON.stringify([snapshot.value, snapshot.context.locale, snapshot.context.answers]);
}
