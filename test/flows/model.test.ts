// Model-based coverage with xstate/graph: every state node is reached by a shortest
// path, and every transition the machine defines (event transitions and the
// correction passes) is taken somewhere in the traversal.

import { getAdjacencyMap, getShortestPaths, type AdjacencyMap } from 'xstate/graph';
import type { FlowEvent } from '../../flows/contract';
import type { AnyStateNode, AnyTransitionDefinition } from 'xstate';
import { triageMachine } from '../../flows/triageMachine';
import { roundTrip, type TriageSnapshot } from './drive';
import { eventsForModel, serializeForModel } from './model';

const options = { input: { locale: 'fi' as const }, events: eventsForModel, serializeState: serializeForModel };

function allStateNodes(node: AnyStateNode): AnyStateNode[] {
  return [node, ...Object.values(node.states).flatMap((child) => allStateNodes(child as AnyStateNode))];
}

type Edge = { event: FlowEvent; state: TriageSnapshot };
// The graph's maps are keyed by branded strings, which Object.values does not see through.
const edgesOf = (transitions: object): Edge[] => Object.values(transitions) as Edge[];

function leafIds(snapshot: TriageSnapshot): string[] {
  return snapshot._nodes.filter((n) => Object.keys(n.states).length === 0).map((n) => n.id);
}

const nodes = allStateNodes(triageMachine.root);
const adjacency: AdjacencyMap<TriageSnapshot, FlowEvent> = getAdjacencyMap(triageMachine, options);
const paths = getShortestPaths(triageMachine, options);

describe('triage machine, model-based', () => {
  it('reaches every state node on some shortest path', () => {
    const reached = new Set(paths.flatMap((p) => p.state._nodes.map((n) => n.id)));
    expect(nodes.map((n) => n.id).filter((id) => !reached.has(id))).toEqual([]);
  });

  it('takes every event transition of every state node', () => {
    const taken = new Set<AnyTransitionDefinition>();
    for (const { state, transitions } of Object.values(adjacency)) {
      for (const { event } of edgesOf(transitions)) {
        triageMachine.getTransitionData(state, event).forEach((t) => taken.add(t));
      }
    }
    const missing = nodes
      .flatMap((n) => [...n.transitions.values()].flat())
      .filter((t) => !taken.has(t))
      .map((t) => `${t.source.id} ${t.eventType} -> ${(t.target ?? []).map((x) => x.id).join(',')} ${JSON.stringify(t.guard)}`);
    expect(missing).toEqual([]);
  });

  it('takes every correction pass (eventless transition)', () => {
    // A pass appends the passed question to the history; the next entry (or the
    // state reached) tells which of its branches was taken.
    const taken = new Set<string>();
    for (const { state, transitions } of Object.values(adjacency)) {
      if (!state.context.correcting) continue;
      for (const { state: next } of edgesOf(transitions)) {
        const added = next.context.history.slice(state.context.history.length).slice(1);
        added.forEach((q, i) => {
          const following = added[i + 1];
          const reachedIds = following ? [`triage.${following}`] : leafIds(next);
          taken.add(`triage.${q} -> ${reachedIds.join(',')}`);
        });
      }
    }
    const missing = nodes.flatMap((n) =>
      (n.always ?? []).flatMap((t: AnyTransitionDefinition) => {
        const target = (t.target ?? [])[0]?.id ?? '';
        const hit = [...taken].some((k) => {
          const [source, reachedIds] = k.split(' -> ');
          return source === n.id && reachedIds!.split(',').some((id) => id === target || id.startsWith(`${target}.`));
        });
        return hit ? [] : [`${n.id} -> ${target} ${JSON.stringify(t.guard)}`];
      }),
    );
    expect(missing).toEqual([]);
  });

  it('survives JSON persistence at every state: restored snapshots continue identically', () => {
    const byValue = new Map<string, (typeof paths)[number]>();
    for (const path of paths) byValue.set(JSON.stringify(path.state.value), path);
    for (const path of byValue.values()) {
      const restored = roundTrip(path.state);
      expect(restored.value).toEqual(path.state.value);
      expect(restored.context).toEqual(path.state.context);
    }
    expect(byValue.size).toBeGreaterThan(80);
  });
});
