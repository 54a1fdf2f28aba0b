// The reused-scope engine must give exactly the snapshots xstate's pure helpers give, on the
// paths a conversation takes: answers, a step back, a restart, an ended flow.
import { createActor, initialTransition, transition, type AnyMachineSnapshot, type AnyStateMachine } from 'xstate';
import type { FlowEvent } from '../../flows/contract';
import { FlowEngine } from '../../dialogs/flowEngine';
import { currentPrompt } from '../../dialogs/flowHost';
import { triageMachine } from '../../flows';

/** What of a snapshot is persisted and rendered. */
const essence = (s: AnyMachineSnapshot) => ({ value: s.value, context: s.context, status: s.status, output: s.output as unknown });

/**
 * The next event of a walk: "none of these" on a screening question (else the walk ends at 112
 * at once), otherwise the `pick`-th option (the last one when fewer), or SKIP when nothing is offered.
 */
function nextEvent(snapshot: AnyMachineSnapshot, pick: number): FlowEvent {
  const prompt = currentPrompt(snapshot);
  const options = prompt?.options ?? [];
  if (!prompt || options.length === 0) return { type: 'SKIP' };
  // The language and the privacy consent are answered with the first option, so the walk goes on past them.
  const first = /^(language|privacy)\./.test(options[0]!.id) ? options[0] : undefined;
  const option = first ?? options.find((o) => o.id.endsWith('.none')) ?? options[Math.min(pick, options.length - 1)]!;
  return { type: 'ANSWER', value: prompt.kind === 'multiChoice' ? [option.id] : option.id };
}

describe('FlowEngine', () => {
  it('starts with the given input (xstate alone starts a bare actor without one, and errors)', () => {
    // Why the engine exists: the throwaway actor of transition() has no input.
    expect(createActor(triageMachine as AnyStateMachine).getSnapshot().status).toBe('error');
    const engine = new FlowEngine(triageMachine, { locale: 'sv' });
    expect(essence(engine.initial({ locale: 'en' }))).toEqual(essence(initialTransition(triageMachine, { locale: 'en' })[0]));
    expect((engine.initial({ locale: 'en' }).context as { locale: string }).locale).toBe('en');
  });

  it.each([0, 1, 2, 5])('walks the flow as transition() does, picking option %i, with a BACK every seventh turn', (pick) => {
    const engine = new FlowEngine(triageMachine, { locale: 'fi' });
    let ours = engine.initial({ locale: 'fi' });
    let theirs = initialTransition(triageMachine, { locale: 'fi' })[0];
    const seen = new Set<string>();
    for (let turn = 0; turn < 60; turn++) {
      if (theirs.status !== 'active') {
        // An ended flow starts afresh, as the dialog does.
        ours = engine.initial({ locale: 'fi' });
        [theirs] = initialTransition(triageMachine, { locale: 'fi' });
      }
      const event: FlowEvent = turn % 7 === 6 ? { type: 'BACK' } : nextEvent(theirs, pick);
      ours = engine.transition(ours, event);
      [theirs] = transition(triageMachine, theirs, event);
      expect(essence(ours)).toEqual(essence(theirs));
      seen.add(JSON.stringify(theirs.value));
    }
    // The walk went somewhere: several distinct states, not one repeated.
    expect(seen.size).toBeGreaterThanOrEqual(5);
  });
});
