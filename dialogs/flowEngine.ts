import { createActor, type ActorScope, type AnyMachineSnapshot, type AnyStateMachine, type EventObject } from 'xstate';
import type { FlowInput } from '../flows/contract';
import { turnPhases } from '../metrics/turnPhases';

/**
 * The pure transitions of one flow machine on one reused, inert actor scope. xstate's
 * `transition()` and `initialTransition()` build a throwaway actor on every call, and that
 * actor computes an initial snapshot without input, so the machine's context factory throws (and
 * xstate catches) a TypeError each time; that was a tenth of a turn's CPU. The scope here is
 * built once, with a proper input. It is safe to share between conversations because a
 * transition is synchronous and our flows start no child actors (no invoke, spawn or delays);
 * as with `transition()`, actions are computed, never executed (the flows have only assigns).
 */
export class FlowEngine {
  private readonly scope: ActorScope<AnyMachineSnapshot, EventObject>;

  constructor(
    private readonly machine: AnyStateMachine,
    input: FlowInput,
  ) {
    const self = createActor(machine, { input });
    this.scope = {
      self,
      id: '',
      sessionId: '',
      system: self.system,
      defer: () => undefined,
      logger: () => undefined,
      stopChild: () => undefined,
      emit: () => undefined,
      actionExecutor: () => undefined,
    } as ActorScope<AnyMachineSnapshot, EventObject>;
  }

  /** The snapshot after `event`, as xstate's `transition(machine, snapshot, event)[0]`. */
  transition(snapshot: AnyMachineSnapshot, event: EventObject): AnyMachineSnapshot {
    const started = turnPhases.start();
    const next = this.machine.transition(snapshot, event, this.scope) as AnyMachineSnapshot;
    turnPhases.end('transition', started);
    return next;
  }

  /** A fresh flow's first snapshot, as xstate's `initialTransition(machine, input)[0]`. */
  initial(input: FlowInput): AnyMachineSnapshot {
    const started = turnPhases.start();
    const first = this.machine.getInitialSnapshot(this.scope, input) as AnyMachineSnapshot;
    turnPhases.end('transition', started);
    return first;
  }
}
