import { MemoryStorage, TestAdapter, type Activity, type Storage } from 'botbuilder';
import { TurnConversationState } from '../../storage/turnConversationState';
import { LuotsiBot } from '../../bots/luotsiBot';
import { FlowDialog, type ClientQueueDesk, type FlowDefinition, type OutcomeRenderer, type PersistedFlow } from '../../dialogs/flowDialog';
import { createTriageDialog } from '../../dialogs/triageDialog';
import { TEST_TOPIC_MODEL_DIR } from './testDatabase';
import { createI18n, loadLocaleResources } from '../../i18n/i18n';
import { loadCorpus } from '../../understanding/corpus';
import { NlpTopicFinder } from '../../understanding/nlpTopicFinder';
import { topicDocuments } from '../../understanding/topicDocuments';
import { DEFAULT_CATALOG } from '../../routing';

/** The real i18next instance over the real locale files, shared by dialog tests. */
export const i18n = createI18n();

let finder: NlpTopicFinder | undefined;
/**
 * The real topic finder over the real corpus, trained once and cached in the temp directory
 * (as the service caches it in TOPIC_MODEL_DIR), shared by dialog tests and test services.
 */
export function topicFinder(): NlpTopicFinder {
  finder ??= new NlpTopicFinder({
    documents: topicDocuments(loadCorpus(), loadLocaleResources()),
    cacheDir: TEST_TOPIC_MODEL_DIR,
  });
  return finder;
}

/**
 * Drives the real LuotsiBot + FlowDialog through botbuilder's TestAdapter (a unit-test
 * stand-in for a channel) and returns what the bot sent for each input.
 */
export class DialogHarness {
  readonly adapter: TestAdapter;
  now = new Date('2026-11-23T10:00:00Z');
  /** The step that answered the last message or event. */
  lastStep: string | undefined;

  /**
   * Without `flow` the harness hosts the triage flow exactly as the service does
   * (createTriageDialog); with one, a bare FlowDialog around that flow.
   */
  constructor(
    options: {
      flow?: FlowDefinition;
      storage?: Storage;
      locale?: string;
      renderOutcome?: OutcomeRenderer;
      maxMessageLength?: number;
      queueDesk?: ClientQueueDesk;
      /** false: the dialog without the topic finder. */
      understanding?: boolean;
    } = {},
  ) {
    const state = new TurnConversationState(options.storage ?? new MemoryStorage());
    const common = {
      state: state.createProperty<PersistedFlow | undefined>('flow'),
      i18n,
      clock: () => this.now,
      maxMessageLength: options.maxMessageLength ?? 2000,
      idleMinutes: 30,
      defaultLocale: 'fi' as const,
    };
    const dialog = options.flow
      ? new FlowDialog({ ...common, flow: options.flow, ...(options.renderOutcome && { renderOutcome: options.renderOutcome }) })
      : createTriageDialog({
          ...common,
          catalog: DEFAULT_CATALOG,
          ...(options.queueDesk && { queueDesk: options.queueDesk }),
          ...(options.understanding !== false && { topicFinder: topicFinder() }),
        });
    // Records which step of the turn answered, for the pipeline tests.
    const continueTurn = dialog.continue.bind(dialog);
    dialog.continue = async (context) => (this.lastStep = await continueTurn(context));
    const bot = new LuotsiBot(state, dialog);
    this.adapter = new TestAdapter(async (context) => bot.run(context));
    // Not the template: TestAdapter's template would override each activity's own locale.
    this.adapter.locale = options.locale ?? 'fi-FI';
  }

  /** Sends one activity (text or partial activity) and returns the bot's replies to it. */
  async send(input: string | Partial<Activity>): Promise<Partial<Activity>[]> {
    await this.adapter.send(input);
    return this.adapter.activeQueue.splice(0);
  }

  /** Starts the conversation as a channel would (conversationUpdate with the user added). */
  async join(locale: string = 'fi-FI'): Promise<Partial<Activity>[]> {
    return this.send({ type: 'conversationUpdate', membersAdded: [{ id: 'user', name: 'user' }], locale });
  }

  /** The `triage.outcome` event among replies, if any. */
  static outcome(replies: Partial<Activity>[]): unknown {
    return replies.find((r) => r.type === 'event' && r.name === 'triage.outcome')?.value;
  }

  /** Presses a suggested action of the last reply that has them. */
  static press(replies: Partial<Activity>[], title: string): Partial<Activity> {
    const action = [...replies]
      .reverse()
      .flatMap((r) => r.suggestedActions?.actions ?? [])
      .find((a) => a.title === title);
    if (!action) throw new Error(`no button "${title}"`);
    return { type: 'message', text: String(action.text ?? action.title), value: action.value };
  }
}

/** Texts of the message replies. */
export function texts(replies: Partial<Activity>[]): string[] {
  return replies.filter((r) => r.type === 'message').map((r) => r.text ?? '');
}
