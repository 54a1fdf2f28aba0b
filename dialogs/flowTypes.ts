// The types shared by the FlowDialog, its host helpers and the steps of a turn.
import type { Activity, StatePropertyAccessor, TurnContext } from 'botbuilder';
import type { i18n as I18n, TFunction } from 'i18next';
import type { AnyMachineSnapshot, AnyStateMachine, StateValue } from 'xstate';
import type { FlowContextBase, Locale } from '../flows/contract';
import type { SummaryItem } from '../flows';
import type { ContactDraft, QueueDesk } from './queueDesk';
import type { PhotoDraft, PhotoLimits } from './photoAnswers';
import type { TopicFinder } from '../understanding/topicFinder';
import type { SideContext } from '../flows/side';

/** A flow the dialog can host: a machine and the version stamp its persisted snapshots carry. */
export interface FlowDefinition {
  id: string;
  version: string;
  machine: AnyStateMachine;
}

/** Unrecognised answers in a row at one question (see the dead-end step). */
export interface MissCount {
  /** The question's id or key. */
  at: string;
  count: number;
}

/** What conversation state keeps of a flow between turns (plain JSON). */
export interface PersistedFlow {
  flowId: string;
  version: string;
  value: StateValue;
  context: FlowContextBase & Record<string, unknown>;
  status: 'active' | 'done' | 'error' | 'stopped';
  output?: unknown;
  lastInputAt: number;
  /** Photos received for the photo question being asked, not yet answered with. */
  photoDraft?: PhotoDraft;
  /** Cases this conversation already gave feedback on. */
  feedbackGiven?: string[];
  /** A side conversation (feedback, contact request, erase confirmation) waiting for its next answer (the very next message only). */
  side?: PersistedSide;
  /** Stored before the side sets: a contact request being written; read as the contact set (dialogs/sideRun.ts), never written. */
  contactDraft?: ContactDraft;
  /** Stored before the side sets: "delete my data" asked; read as the erase set (dialogs/sideRun.ts), never written. */
  erasePending?: boolean;
  /** Unrecognised answers in a row at the question being asked. */
  misses?: MissCount;
  /** Topic ids the finder offered for a typed description, waiting for the client's pick. */
  topicOffer?: string[];
  /** An emergency sign the client named negated, asked about and waiting for yes or no (the very next message only). */
  signCheck?: string;
}

/** A side conversation's machine state as conversation state keeps it (plain JSON). */
export interface PersistedSide {
  set: string;
  value: StateValue;
  context: SideContext;
}

/** The value of the yes/no buttons of the "delete my data" confirmation. */
export interface ErasePress {
  eraseData: boolean;
}

/** The photo question a conversation waits at, for the channel's photo intake. */
export interface PhotoSlot {
  questionId: string;
  /** Photos already received for it. */
  taken: number;
  /** Photos it takes at most. */
  max: number;
}

/** Renders what a finished flow says; the default shows the final state's `outcomeKey`. */
export type OutcomeRenderer = (snapshot: AnyMachineSnapshot, t: TFunction, locale: Locale) => Partial<Activity>[];

/** What the dialog needs of the handoff queue. */
export type ClientQueueDesk = Pick<QueueDesk, 'join' | 'whileQueued' | 'feedback' | 'contactOffered' | 'fileContact'>;

export interface FlowDialogOptions {
  flow: FlowDefinition;
  state: StatePropertyAccessor<PersistedFlow | undefined>;
  i18n: I18n;
  clock: () => Date;
  maxMessageLength: number;
  idleMinutes: number;
  defaultLocale: Locale;
  renderOutcome?: OutcomeRenderer;
  /** The answers a `summary` prompt lists (flow-specific). */
  summaryItems?: (context: unknown) => SummaryItem[];
  /** Names the emergency sign in typed text, if any; checked before anything else. */
  detectEmergency?: (text: string) => string | null;
  /** The sign a text names only negated ("ei rintakipua"): the dialog asks about it instead of ending in 112. */
  detectNegatedEmergency?: (text: string) => string | null;
  /** Photo limits; the channel's intake enforces the same ones. */
  photoLimits?: PhotoLimits;
  /** The handoff queue as the client sees it (join after the outcome, write while waiting, leave). */
  queueDesk?: ClientQueueDesk;
  /**
   * Deletes the conversation's data once the client confirmed "delete my data" (cases, photos,
   * bot state incl. this turn's cached copy, the activity log so far); without it the word is not offered.
   */
  eraseData?: (turn: TurnContext) => Promise<void>;
  /** Identification where a queue requires it or staff ask (dialogs/identification.ts); without it no queue asks. */
  identification?: import('./identification').IdentificationDesk;
  /** Finds a topic in a typed description; without it typed text at the topic menu must name an option. */
  topicFinder?: TopicFinder;
  /**
   * The topic menu (question id, and the prefix of its option ids), and the first question
   * (the language) whose typed description is remembered for the menu, with its option prefix.
   */
  topicQuestion?: {
    promptId: string;
    optionPrefix: string;
    firstPromptId: string;
    firstOptionPrefix: string;
    /** The free description of the "something else" set, and that set's own topic id. */
    describePromptId?: string;
    describeTopic?: string;
  };
}
