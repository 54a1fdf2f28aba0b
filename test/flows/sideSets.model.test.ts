// Model-based coverage of the side conversations with xstate/graph, as for the topics: every
// state node of each side machine is reached, every transition it defines is taken, and every
// state survives JSON persistence.

import { getAdjacencyMap, getShortestPaths } from 'xstate/graph';
import type { AnyStateNode, AnyTransitionDefinition } from 'xstate';
import type { FlowEvent } from '../../flows/contract';
import { SIDE_MACHINES, SIDE_SETS, type SideSetId, type SideSnapshot } from '../../flows/side';
import { serializeSide, sideEvents, sidePromptOf } from './sideModel';

function allStateNodes(node: AnyStateNode): AnyStateNode[] {
  return [node, ...Object.values(node.states).flatMap((child) => allStateNodes(child as AnyStateNode))];
}

type Edge = { event: FlowEvent; state: SideSnapshot };
const edgesOf = (transitions: object): Edge[] => Object.values(transitions) as Edge[];

describe.each(Object.keys(SIDE_SETS) as SideSetId[])('side set %s, model-based', (id) => {
  const machine = SIDE_MACHINES[id];
  const options = { input: { locale: 'fi' as const, about: 'about-1' }, events: sideEvents, serializeState: serializeSide };
  const nodes = allStateNodes(machine.root);
  const paths = getShortestPaths(machine, options);
  const adjacency = getAdjacencyMap(machine, options);

  it('reaches every state node on some shortest path', () => {
    const reached = new Set(paths.flatMap((p) => p.state._nodes.map((n) => n.id)));
    expect(nodes.map((n) => n.id).filter((n) => !reached.has(n))).toEqual([]);
    // One question state per question, the set's node, the root, done and withdrawn.
    expect(nodes).toHaveLength(SIDE_SETS[id].questions.length + 4);
  });

  it('takes every event transition of every state node', () => {
    const taken = new Set<AnyTransitionDefinition>();
    for (const { state, transitions } of Object.values(adjacency)) {
      for (const { event } of edgesOf(transitions)) machine.getTransitionData(state as never, event).forEach((t) => taken.add(t));
    }
    const missing = nodes
      .flatMap((n) => [...n.transitions.values()].flat())
      .filter((t) => !taken.has(t))
      .map((t) => `${t.source.id} ${t.eventType} ${JSON.stringify(t.guard)}`);
    expect(missing).toEqual([]);
  });

  it('ends done with every answer and what it is about, or withdrawn', () => {
    const done = paths.filter((p) => p.state.status === 'done' && p.state.output?.outcome === 'done');
    expect(done.length).toBeGreaterThan(0);
    for (const path of done) {
      expect(Object.keys(path.state.output!.answers).sort()).toEqual(SIDE_SETS[id].questions.map((q) => `${id}.${q.id}`).sort());
      expect(path.state.output).toMatchObject({ set: id, about: 'about-1' });
    }
    const withdrawn = paths.filter((p) => p.state.output?.outcome === 'withdrawn');
    expect(withdrawn.map((p) => p.steps[p.steps.length - 1]!.event.type)).toContain('END');
  });

  it('ignores an invalid answer: the question is asked again', () => {
    const invalid = Object.values(adjacency).flatMap(({ state, transitions }) =>
      edgesOf(transitions).filter((e) => e.event.type === 'ANSWER' && serializeSide(e.state) === serializeSide(state)),
    );
    // Each question has at least one invalid case in sideEvents.
    expect(invalid.length).toBeGreaterThanOrEqual(SIDE_SETS[id].questions.length);
  });

  it('survives JSON persistence at every state', () => {
    for (const path of paths) {
      const stored = JSON.parse(JSON.stringify({ value: path.state.value, context: path.state.context }));
      const restored = machine.resolveState(stored);
      expect([restored.value, restored.context]).toEqual([path.state.value, path.state.context]);
      expect(sidePromptOf(restored)).toEqual(sidePromptOf(path.state));
    }
  });
});
