// Every shortest path of the triage machine (xstate/graph) driven through the real
// FlowDialog, in Finnish and in Swedish: after each step the dialog must be in the
// state the model predicts and must have rendered that state's question, translated.
// The paths form a tree, so each tree edge is one turn from its parent's saved state.

import type { Activity } from 'botbuilder';
import { MemoryStorage } from 'botbuilder';
import { getShortestPaths } from 'xstate/graph';
import type { FlowEvent, Locale } from '../../flows/contract';
import { triageMachine } from '../../flows/triageMachine';
import { keyChain } from '../../dialogs/promptRenderer';
import { LOCALE_EVENT, type PersistedFlow } from '../../dialogs/flowDialog';
import { promptOf, type TriageSnapshot } from '../flows/drive';
import { eventsForModel, serializeForModel } from '../flows/model';
import { DialogHarness, i18n } from '../support/dialogHarness';

interface TreeNode {
  state: TriageSnapshot;
  event: FlowEvent | undefined;
  children: Map<string, TreeNode>;
}

const options = { input: { locale: 'fi' as const }, events: eventsForModel, serializeState: serializeForModel };
const paths = getShortestPaths(triageMachine, options);

// Each path starts with the machine's init step; every later step names an event and
// the state it leads to.
function buildTree(): TreeNode {
  const root: TreeNode = { state: paths[0]!.steps[0]!.state, event: undefined, children: new Map() };
  for (const path of paths) {
    let node = root;
    for (const step of path.steps.slice(1)) {
      const key = `${JSON.stringify(step.event)}|${serializeForModel(step.state)}`;
      let child = node.children.get(key);
      if (!child) {
        child = { state: step.state, event: step.event, children: new Map() };
        node.children.set(key, child);
      }
      node = child;
    }
  }
  return root;
}

const WORDS: Record<Locale, Record<'BACK' | 'RESTART' | 'HUMAN' | 'END', string>> = {
  fi: { BACK: 'takaisin', RESTART: 'alusta', HUMAN: 'ihminen', END: 'lopeta' },
  sv: { BACK: 'tillbaka', RESTART: 'börja om', HUMAN: 'människa', END: 'avsluta' },
  en: { BACK: 'back', RESTART: 'restart', HUMAN: 'human', END: 'end' },
};
const CHEST_PAIN: Record<Locale, string> = { fi: 'minulla on kova rintakipu', sv: 'jag har svår bröstsmärta', en: 'I have chest pain' };
const SWALLOWED: Record<Locale, string> = { fi: 'lapsi nielaisi pesuainetta', sv: 'barnet har svalt diskmedel', en: 'my son swallowed detergent' };

/**
 * The client input that makes the dialog send `event`, as a person would give it. A photo
 * answer is an upload (as the channel hands it to the bot after its intake: this unit test
 * stands in for the channel) followed by the "continue" press.
 */
function activitiesFor(event: FlowEvent, state: TriageSnapshot, run: Locale): Partial<Activity>[] | undefined {
  const prompt = promptOf(state);
  if (event.type === 'ANSWER' && prompt?.kind === 'photo') {
    if (!Array.isArray(event.value)) return undefined;
    return [
      { type: 'message', channelData: { luotsiUpload: { photoIds: event.value } } },
      { type: 'message', value: { photosDone: true } },
    ];
  }
  const single = activityFor(event, state, run);
  return single ? [single] : undefined;
}

function activityFor(event: FlowEvent, state: TriageSnapshot, run: Locale): Partial<Activity> | undefined {
  const locale = state.context.locale;
  const prompt = promptOf(state);
  switch (event.type) {
    case 'ANSWER': {
      const v = event.value;
      if (prompt?.key === 'entry:language.question' && typeof v === 'string') return { type: 'message', value: { choice: `language.${run}` } };
      if (Array.isArray(v)) return { type: 'message', value: { multiChoice: true, choices: v.join(',') } };
      if (typeof v === 'boolean') return { type: 'message', text: i18n.getFixedT(locale)(v ? 'common:yes' : 'common:no'), value: { choice: v ? 'yes' : 'no' } };
      if (typeof v === 'number') return { type: 'message', text: String(v) };
      if (prompt?.kind === 'text') return { type: 'message', text: v };
      return { type: 'message', value: { choice: v } };
    }
    case 'SKIP':
      return { type: 'message', text: i18n.getFixedT(locale)('common:skip'), value: { skip: true } };
    case 'CORRECT':
      return { type: 'message', value: { correct: event.questionId } };
    case 'SET_LOCALE':
      return { type: 'event', name: LOCALE_EVENT, value: event.locale };
    case 'EMERGENCY_SIGN':
      return { type: 'message', text: (event.sign === 'poisoning' ? SWALLOWED : CHEST_PAIN)[locale] };
    default:
      return { type: 'message', text: WORDS[locale][event.type] };
  }
}

function expectRendered(replies: Partial<Activity>[], persisted: PersistedFlow, model: TriageSnapshot): void {
  const t = i18n.getFixedT(persisted.context.locale);
  if (model.status === 'done') {
    const outcome = DialogHarness.outcome(replies) as { outcome: string } | undefined;
    expect(outcome?.outcome).toBe((model.output as { outcome: string }).outcome);
    return;
  }
  const prompt = promptOf(model)!;
  const messages = replies.filter((r) => r.type === 'message').map((r) => r.text ?? '');
  if (prompt.kind === 'summary') {
    expect(messages[messages.length - 1]!.startsWith(t('entry:summary.question'))).toBe(true);
    return;
  }
  const subject = persisted.context.subject?.kind;
  const question = t(keyChain(prompt.key, subject));
  expect(question).not.toBe('');
  expect(question).not.toContain(':'.concat(prompt.key.split(':')[1] ?? ''));
  const last = messages[messages.length - 1]!;
  // A photo question carries a line on how to send a photo after the question itself.
  expect(prompt.kind === 'photo' ? last.split('\n')[0] : last).toBe(question);
}

function memoryOf(storage: MemoryStorage): Record<string, string> {
  return (storage as unknown as { memory: Record<string, string> }).memory;
}

async function driveTree(run: Locale): Promise<{ turns: number; skipped: number }> {
  const storage = new MemoryStorage();
  const harness = new DialogHarness({ storage, locale: run === 'fi' ? 'fi-FI' : 'sv-FI' });
  await harness.join(run === 'fi' ? 'fi-FI' : 'sv-FI');
  const key = Object.keys(memoryOf(storage))[0]!;
  let turns = 0;
  let skipped = 0;
  const visit = async (node: TreeNode, saved: string): Promise<void> => {
    for (const child of node.children.values()) {
      const activities = activitiesFor(child.event!, node.state, run);
      if (!activities) {
        skipped += 1;
        continue;
      }
      memoryOf(storage)[key] = saved;
      let replies: Partial<Activity>[] = [];
      for (const activity of activities) replies = await harness.send(activity);
      turns += 1;
      const persisted = (JSON.parse(memoryOf(storage)[key]!) as { flow: PersistedFlow }).flow;
      expect(persisted.value).toEqual(child.state.value);
      expectRendered(replies, persisted, child.state);
      await visit(child, memoryOf(storage)[key]!);
    }
  };
  await visit(buildTree(), memoryOf(storage)[key]!);
  return { turns, skipped };
}

describe('triage dialog, every model path through the real FlowDialog', () => {
  it.each<Locale>(['fi', 'sv'])(
    'in %s',
    async (run) => {
      const { turns, skipped } = await driveTree(run);
      // Every edge of the shortest-path tree was driven (the tree has one node per path).
      expect(skipped).toBe(0);
      expect(turns).toBe(paths.length - 1);
    },
    300_000,
  );
});
