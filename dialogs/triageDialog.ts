import type { StatePropertyAccessor } from 'botbuilder';
import type { i18n as I18n } from 'i18next';
import { detectEmergencySign, detectNegatedEmergencySign, summaryItems, triageFlow, type TriageContext } from '../flows';
import type { Locale } from '../flows/contract';
import type { ServiceCatalog } from '../routing';
import { FlowDialog, type ClientQueueDesk, type FlowDialogOptions, type PersistedFlow } from './flowDialog';
import { createOutcomeRenderer } from './outcomeRenderer';
import type { PhotoLimits } from './photoAnswers';
import type { TopicFinder } from '../understanding/topicFinder';

/** What the triage dialog needs from its host. */
export interface TriageDialogDeps {
  state: StatePropertyAccessor<PersistedFlow | undefined>;
  i18n: I18n;
  catalog: ServiceCatalog;
  clock: () => Date;
  maxMessageLength: number;
  idleMinutes: number;
  defaultLocale: Locale;
  photoLimits?: PhotoLimits;
  /** The handoff queue; without it outcomes offer no "join the queue" button. */
  queueDesk?: ClientQueueDesk;
  /** "Delete my data" (see FlowDialogOptions.eraseData); without it the word is not offered. */
  eraseData?: FlowDialogOptions['eraseData'];
  /** Finds the topic of a typed description at the menu and in the first message. */
  topicFinder?: TopicFinder;
  /** Identification where a queue requires it (FlowDialogOptions.identification). */
  identification?: FlowDialogOptions['identification'];
}

/** The FlowDialog hosting the triage flow: summary, free-text emergency screen and routed outcome. */
export function createTriageDialog(deps: TriageDialogDeps): FlowDialog {
  return new FlowDialog({
    flow: triageFlow,
    state: deps.state,
    i18n: deps.i18n,
    clock: deps.clock,
    maxMessageLength: deps.maxMessageLength,
    idleMinutes: deps.idleMinutes,
    defaultLocale: deps.defaultLocale,
    renderOutcome: createOutcomeRenderer(deps.catalog, deps.clock, { joinButtons: deps.queueDesk !== undefined }),
    summaryItems: (context) => summaryItems(context as TriageContext),
    detectEmergency: detectEmergencySign,
    detectNegatedEmergency: detectNegatedEmergencySign,
    ...(deps.photoLimits && { photoLimits: deps.photoLimits }),
    ...(deps.queueDesk && { queueDesk: deps.queueDesk }),
    ...(deps.eraseData && { eraseData: deps.eraseData }),
    ...(deps.identification && { identification: deps.identification }),
    ...(deps.topicFinder && {
      topicFinder: deps.topicFinder,
      topicQuestion: {
        promptId: 'entry.topic',
        optionPrefix: 'topic.',
        firstPromptId: 'entry.language',
        firstOptionPrefix: 'language.',
        describePromptId: 'other.description',
        describeTopic: 'other',
      },
    }),
  });
}
