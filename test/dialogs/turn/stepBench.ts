// A bench for one step of a turn: the real FlowHost over the real triage flow and locales,
// a TurnContext on botbuilder's TestAdapter (a unit-test stand-in for a channel) and
// in-memory conversation state.
import { ConversationState, MemoryStorage, TestAdapter, TurnContext, type Activity } from 'botbuilder';
import { initialTransition, transition, type AnyMachineSnapshot } from 'xstate';
import { triageFlow, detectEmergencySign, summaryItems, type TriageContext } from '../../../flows';
import type { FlowEvent, Locale } from '../../../flows/contract';
import { FlowHost } from '../../../dialogs/flowHost';
import type { FlowDialogOptions, PersistedFlow } from '../../../dialogs/flowTypes';
import { newTurn, type Turn } from '../../../dialogs/turn/turn';
import { i18n } from '../../support/dialogHarness';

export class StepBench {
  readonly adapter = new TestAdapter(async () => undefined);
  readonly state = new ConversationState(new MemoryStorage());
  readonly accessor = this.state.createProperty<PersistedFlow | undefined>('flow');
  readonly host: FlowHost;
  now = new Date('2026-11-23T10:00:00Z');

  constructor(overrides: Partial<FlowDialogOptions> = {}) {
    this.host = new FlowHost({
      flow: triageFlow,
      state: this.accessor,
      i18n,
      clock: () => this.now,
      maxMessageLength: 2000,
      idleMinutes: 30,
      defaultLocale: 'fi',
      detectEmergency: detectEmergencySign,
      summaryItems: (context) => summaryItems(context as TriageContext),
      ...overrides,
    });
  }

  /** A TurnContext for one client activity (a message unless said otherwise). */
  context(activity: Partial<Activity>): TurnContext {
    const full: Partial<Activity> = {
      type: 'message',
      channelId: 'test',
      conversation: { id: 'conversation-1', isGroup: false, conversationType: 'personal', name: '' },
      from: { id: 'user', name: 'user' },
      recipient: { id: 'bot', name: 'bot' },
      locale: 'fi-FI',
      ...activity,
    };
    return new TurnContext(this.adapter, full);
  }

  /** A turn over `activity` with the stored flow (if any) and, when `flow` is given, that snapshot restored. */
  async turn(activity: Partial<Activity> | string, flow?: AnyMachineSnapshot): Promise<Turn> {
    const context = this.context(typeof activity === 'string' ? { text: activity } : activity);
    const persisted = await this.accessor.get(context);
    const turn = newTurn(context, persisted);
    if (flow) {
      const locale = (flow.context as { locale: Locale }).locale;
      turn.flow = { snapshot: flow, locale, t: i18n.getFixedT(locale) };
    }
    return turn;
  }

  /** What the step sent so far. */
  sent(): Partial<Activity>[] {
    return this.adapter.activeQueue.splice(0);
  }

  /** Stores `snapshot` as the conversation's flow (with side state). */
  async store(snapshot: AnyMachineSnapshot, side: Partial<PersistedFlow> = {}): Promise<void> {
    const context = this.context({ text: '' });
    await this.host.persist(context, snapshot);
    const stored = await this.accessor.get(context);
    await this.accessor.set(context, { ...stored!, ...side });
    await this.state.saveChanges(context, false);
  }
}

/** The triage flow after `events` from its start in `locale`. */
export function flowAfter(locale: Locale, ...events: FlowEvent[]): AnyMachineSnapshot {
  let [snapshot] = initialTransition(triageFlow.machine, { locale });
  for (const event of events) [snapshot] = transition(triageFlow.machine, snapshot, event);
  return snapshot;
}

/** The events that bring the triage flow from its start to the topic menu (myself, no emergency). */
export function toTopicMenu(lang: Locale): FlowEvent[] {
  return [
    { type: 'ANSWER', value: `language.${lang}` },
    { type: 'ANSWER', value: 'privacy.accept' },
    { type: 'ANSWER', value: 'emergency.none' },
    { type: 'ANSWER', value: 'subject.self' },
  ];
}

/** Texts of the message activities. */
export function textsOf(sent: Partial<Activity>[]): string[] {
  return sent.filter((a) => a.type === 'message').map((a) => a.text ?? '');
}
