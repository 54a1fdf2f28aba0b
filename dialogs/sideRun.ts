// A side conversation's machine as the dialog holds it between turns: restored from the
// persisted flow (also from the shapes stored before the side sets existed), moved on by the
// same pure transitions as the triage flow, and written back next to it.

import type { AnyMachineSnapshot, AnyStateMachine, StateValue } from 'xstate';
import type { FlowEvent, Locale, PromptMeta } from '../flows/contract';
import { SIDE_MACHINES, sideSetId, type SideContext, type SideOutput, type SideSetId } from '../flows/side';
import { FlowEngine } from './flowEngine';
import type { PersistedFlow, PersistedSide } from './flowTypes';
import { currentPrompt } from './flowHost';

/** A side conversation under way: which set, and its machine's snapshot. */
export interface SideRun {
  set: SideSetId;
  snapshot: AnyMachineSnapshot;
}

const ENGINES: Record<SideSetId, FlowEngine> = {
  feedback: new FlowEngine(SIDE_MACHINES.feedback, { locale: 'fi' }),
  contact: new FlowEngine(SIDE_MACHINES.contact, { locale: 'fi' }),
  erase: new FlowEngine(SIDE_MACHINES.erase, { locale: 'fi' }),
};

function resolve(set: SideSetId, value: StateValue, context: SideContext): SideRun | undefined {
  try {
    const machine: AnyStateMachine = SIDE_MACHINES[set];
    const snapshot = machine.resolveState({ value, context } as Parameters<AnyStateMachine['resolveState']>[0]);
    return snapshot.status === 'active' && currentPrompt(snapshot) ? { set, snapshot } : undefined;
  } catch {
    // A state this version no longer has: the side question is dropped, the flow goes on.
    return undefined;
  }
}

/**
 * The side conversation the stored flow waits in, if any. Flows stored before the side sets
 * existed kept a contact request being written as `contactDraft` and a pending "delete my
 * data?" as `erasePending`; both are read as the same state of the side set.
 */
export function readSide(persisted: PersistedFlow | undefined): SideRun | undefined {
  if (!persisted) return undefined;
  const locale = persisted.context.locale;
  const side = persisted.side;
  if (side) {
    const set = sideSetId(side.set);
    return set === undefined ? undefined : resolve(set, side.value, side.context);
  }
  const draft = persisted.contactDraft;
  if (draft && typeof draft.queueId === 'string') {
    const context: SideContext = { locale, about: draft.queueId, answers: typeof draft.message === 'string' ? { 'contact.message': draft.message } : {} };
    return resolve('contact', { contact: typeof draft.message === 'string' ? 'reach' : 'message' }, context);
  }
  if (persisted.erasePending === true) return resolve('erase', { erase: 'confirm' }, { locale, answers: {} });
  return undefined;
}

/** A fresh run of a side set at its first question. */
export function startSide(set: SideSetId, locale: Locale, about?: string): SideRun {
  return { set, snapshot: ENGINES[set].initial({ locale, ...(about !== undefined && { about }) } as { locale: Locale }) };
}

/** The run after `event` (an invalid answer leaves it where it was). */
export function advanceSide(run: SideRun, event: FlowEvent): SideRun {
  return { set: run.set, snapshot: ENGINES[run.set].transition(run.snapshot, event) };
}

/** The question the run waits at, if it still asks one. */
export function sidePrompt(run: SideRun): PromptMeta | undefined {
  return run.snapshot.status === 'active' ? currentPrompt(run.snapshot) : undefined;
}

/** The finished run's output (undefined while it still asks). */
export function sideOutput(run: SideRun): SideOutput | undefined {
  return run.snapshot.status === 'done' ? (run.snapshot.output as SideOutput) : undefined;
}

/** The run's context. */
export function sideContext(run: SideRun): SideContext {
  return run.snapshot.context as SideContext;
}

/** What conversation state keeps of a run (plain JSON). */
export function sideRecord(run: SideRun): PersistedSide {
  return JSON.parse(JSON.stringify({ set: run.set, value: run.snapshot.value, context: run.snapshot.context })) as PersistedSide;
}
