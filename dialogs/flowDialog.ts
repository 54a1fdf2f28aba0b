import { ActivityTypes, type Activity, type StatePropertyAccessor, type TurnContext } from 'botbuilder';
import type { i18n as I18n, TFunction } from 'i18next';
import { initialTransition, transition, type AnyMachineSnapshot, type AnyStateMachine, type StateValue } from 'xstate';
import { LOCALES, type FlowContextBase, type FlowEvent, type Locale, type PromptMeta, type StateMeta } from '../flows/contract';
import { toLocale } from '../i18n/i18n';
import { parseAnswer, type ClientInput } from './answerParser';
import { GlobalWords, type GlobalWord } from './globalWords';
import { optionList, renderPrompt, textMessage } from './promptRenderer';
import { parseSummaryInput, renderSummary } from './summaryRenderer';
import { feedbackPressOf, type FeedbackDraft } from './feedback';
import type { ContactDraft, QueueDesk } from './queueDesk';
import { photoRoom, photoStep, type PhotoDraft, type PhotoLimits, type PhotosDonePress } from './photoAnswers';
import type { SummaryItem } from '../flows';
import { foldText, foldedAlternatives } from './textMatch';

/** A flow the dialog can host: a machine and the version stamp its persisted snapshots carry. */
export interface FlowDefinition {
  id: string;
  version: string;
  machine: AnyStateMachine;
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
  /** Feedback waiting for its optional comment (the very next message only). */
  feedbackDraft?: FeedbackDraft;
  /** Cases this conversation already gave feedback on. */
  feedbackGiven?: string[];
  /** A contact request being written (the very next message only). */
  contactDraft?: ContactDraft;
  /** "Delete my data" was asked and waits for yes or no (the very next message only). */
  erasePending?: boolean;
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
  /** Photo limits; the channel's intake enforces the same ones. */
  photoLimits?: PhotoLimits;
  /** The handoff queue as the client sees it (join after the outcome, write while waiting, leave). */
  queueDesk?: ClientQueueDesk;
  /**
   * Deletes the conversation's data once the client confirmed "delete my data" (cases, photos,
   * bot state incl. this turn's cached copy, the activity log so far); without it the word is not offered.
   */
  eraseData?: (turn: TurnContext) => Promise<void>;
}

/** What the dialog needs of the handoff queue. */
export type ClientQueueDesk = Pick<QueueDesk, 'join' | 'whileQueued' | 'feedback' | 'startContact' | 'contactStep'>;

const DEFAULT_PHOTO_LIMITS: PhotoLimits = { maxPerQuestion: 3, maxBytes: 10 * 1024 * 1024 };

/** Name of the event activity that carries a language switch (page -> bot, and bot -> page). */
export const LOCALE_EVENT = 'luotsi.locale';

type Restored = { snapshot: AnyMachineSnapshot } | { snapshot: undefined; noteKey: string | undefined };

function stateMetas(snapshot: AnyMachineSnapshot): StateMeta[] {
  return Object.values(snapshot.getMeta() as Record<string, StateMeta & { outcomeKey?: string }>);
}

/** The prompt of the deepest state that asks something, if any. */
export function currentPrompt(snapshot: AnyMachineSnapshot): PromptMeta | undefined {
  return stateMetas(snapshot)
    .map((meta) => meta.prompt)
    .filter((prompt): prompt is PromptMeta => prompt !== undefined)
    .pop();
}

function flowContext(snapshot: AnyMachineSnapshot): FlowContextBase {
  return snapshot.context as FlowContextBase;
}

/**
 * Hosts one XState flow per conversation: restores the persisted snapshot, maps the
 * activity to a flow event, transitions with the pure `transition`, persists, and
 * renders the next prompt with `getFixedT(locale)`. The only bridge between a Bot
 * Framework turn and a flow.
 */
export class FlowDialog {
  private readonly words: GlobalWords;
  private readonly labelCache = new Map<string, string[]>();

  constructor(private readonly options: FlowDialogOptions) {
    this.words = new GlobalWords(options.i18n);
  }

  /** Conversation start: welcome and the first question, unless the flow already runs. */
  async begin(turn: TurnContext): Promise<void> {
    const persisted = await this.options.state.get(turn);
    if (persisted) return;
    await this.startFresh(turn, this.incomingLocale(turn), [], true);
  }

  /** Handles one message or event of the client. */
  async continue(turn: TurnContext): Promise<void> {
    let persisted = await this.options.state.get(turn);
    if (this.options.eraseData) {
      const erasure = await this.erasureStep(turn, persisted);
      if (erasure === 'handled') return;
      persisted = erasure;
    }
    const restored = this.restore(persisted);
    if (!restored.snapshot) {
      const locale = persisted?.context.locale ?? this.incomingLocale(turn);
      await this.startFresh(turn, locale, restored.noteKey ? [restored.noteKey] : [], persisted === undefined);
      return;
    }
    const snapshot = restored.snapshot;
    const locale = flowContext(snapshot).locale;
    const t = this.options.i18n.getFixedT(locale);
    const activity = turn.activity;
    const text = activity.type === ActivityTypes.Message && typeof activity.text === 'string' ? activity.text : undefined;
    const desk = this.options.queueDesk;
    if (desk && activity.type === ActivityTypes.Message) {
      const leaveWord = text !== undefined && this.words.match(text) === 'end';
      const queued = await desk.whileQueued(turn, t, locale, leaveWord);
      if (queued) {
        // Waiting for staff does not make an emergency wait: 112 first, the message is still on the case.
        const sign = text !== undefined ? (this.options.detectEmergency?.(text) ?? null) : null;
        const urgent = sign === null ? [] : this.emergencyReply(sign, t, locale);
        if (urgent.length + queued.length > 0) await turn.sendActivities([...urgent, ...queued]);
        return;
      }
    }
    // Only what the client typed is screened: a pressed button's label is the flow's own wording.
    const typedText = text !== undefined && (activity.value === undefined || activity.value === null) ? text : undefined;
    const typedSign = typedText !== undefined ? (this.options.detectEmergency?.(typedText) ?? null) : null;
    if (desk && typedSign === null) {
      const press = feedbackPressOf(activity.value);
      const draft = persisted?.feedbackDraft;
      const comment = draft && typedText !== undefined && this.words.match(typedText) === undefined ? typedText : undefined;
      if (press || comment !== undefined) {
        const given = persisted?.feedbackGiven ?? [];
        const step = await desk.feedback(turn, press, press ? undefined : draft, comment, given, t, locale);
        await this.persist(turn, snapshot, undefined, {
          ...(step.draft && { feedbackDraft: step.draft }),
          feedbackGiven: step.recorded ? [...given, step.recorded].slice(-20) : given,
        });
        await turn.sendActivities(step.activities);
        return;
      }
    }
    if (snapshot.status === 'done' && typedSign !== null) {
      // After an outcome too, an emergency typed in gets 112 before anything else.
      await turn.sendActivities(this.emergencyReply(typedSign, t, locale));
      return;
    }
    if (snapshot.status === 'done') {
      const pressed = (activity.value ?? {}) as { joinQueue?: unknown; contactQueue?: unknown };
      if (desk && typeof pressed.joinQueue === 'string' && snapshot.output !== undefined) {
        await turn.sendActivities(await desk.join(turn, snapshot.output, pressed.joinQueue, t, locale));
        return;
      }
      const contactDraft = persisted?.contactDraft;
      const contactStep =
        desk && typeof pressed.contactQueue === 'string'
          ? desk.startContact(snapshot.output, pressed.contactQueue, t, locale)
          : desk && contactDraft && typedText !== undefined && this.words.match(typedText) === undefined
            ? await desk.contactStep(turn, snapshot.output, contactDraft, typedText, t, locale)
            : undefined;
      if (contactStep) {
        await this.persist(turn, snapshot, undefined, { ...(contactStep.draft && { contactDraft: contactStep.draft }) });
        await turn.sendActivities(contactStep.activities);
        return;
      }
      await this.startFresh(turn, locale, ['common:session.restarted'], false);
      return;
    }
    const prompt = currentPrompt(snapshot);

    if (text !== undefined && [...text].length > this.options.maxMessageLength) {
      await this.reprompt(turn, snapshot, t('common:errors.tooLong', { max: this.options.maxMessageLength }));
      return;
    }

    const localeSwitch = this.requestedLocale(turn);
    const draft = persisted?.photoDraft;
    const photo = typedSign === null && !localeSwitch ? photoStep(prompt, draft, activity, t, this.photoLimits) : { kind: 'none' as const };
    if (photo.kind === 'refused') {
      await this.replyAtPhoto(turn, snapshot, draft, photo.message);
      return;
    }
    if (photo.kind === 'collecting') {
      await this.persist(turn, snapshot, photo.draft);
      await turn.sendActivities([this.collectingMessage(photo.note, t, locale)]);
      return;
    }
    let event: FlowEvent;
    let word: GlobalWord | undefined;
    if (photo.kind === 'answer') {
      event = { type: 'ANSWER', value: photo.ids };
    } else if (typedSign !== null) {
      event = { type: 'EMERGENCY_SIGN', sign: typedSign };
    } else if (localeSwitch) {
      event = { type: 'SET_LOCALE', locale: localeSwitch };
    } else if (text !== undefined && (word = this.words.match(text)) !== undefined) {
      if (word === 'language') {
        await turn.sendActivities([this.languagePicker(t, locale)]);
        return;
      }
      event = { type: word === 'restart' ? 'RESTART' : word === 'back' ? 'BACK' : word === 'human' ? 'HUMAN' : 'END' };
    } else if (activity.type !== ActivityTypes.Message) {
      return;
    } else if ((activity.attachments?.length ?? 0) > 0) {
      // Attachments that did not come through the channel's photo intake are not taken.
      await this.reprompt(turn, snapshot, t('common:errors.attachmentNotExpected'));
      return;
    } else if (!prompt) {
      await this.reprompt(turn, snapshot, t('common:errors.unsupportedInput'));
      return;
    } else if (prompt.kind === 'summary') {
      const confirm = prompt.options?.[0];
      const parsed = confirm
        ? parseSummaryInput(this.summary(snapshot), confirm, { text, value: activity.value }, (typedText) =>
            this.labels(confirm.labelKey).includes(foldText(typedText)),
          )
        : undefined;
      if (!parsed) {
        await this.reprompt(turn, snapshot, t('common:errors.summaryNotUnderstood'));
        return;
      }
      event = parsed;
    } else {
      const input: ClientInput = { text, value: activity.value };
      const parsed = parseAnswer(prompt, input, (key) => this.labels(key), this.words.skipWords());
      if (parsed.kind === 'invalid') {
        const message =
          parsed.errorKey === 'common:errors.notUnderstood'
            ? t(parsed.errorKey, { options: optionList(prompt, t, flowContext(snapshot).subject?.kind) })
            : t(parsed.errorKey, parsed.params ?? {});
        await this.reprompt(turn, snapshot, message);
        return;
      }
      event = parsed.kind === 'skip' ? { type: 'SKIP' } : { type: 'ANSWER', value: parsed.value };
    }

    const [next] = transition(this.options.flow.machine, snapshot, event);
    const keepDraft = draft !== undefined && currentPrompt(next)?.id === draft.questionId ? draft : undefined;
    await this.persist(turn, next, keepDraft);
    const out = this.afterTransition(snapshot, next, event);
    if (photo.kind === 'answer' && photo.note) out.unshift(textMessage(photo.note, locale));
    await turn.sendActivities(out);
  }

  /**
   * "Delete my data", checked before anything else (also while queued or after an outcome): the
   * word asks for confirmation; yes erases and ends, no carries on where the client was. Anything
   * else withdraws the question, so a later "yes" to another question never deletes. Returns the
   * stored flow to carry on with, or 'handled'.
   */
  private async erasureStep(turn: TurnContext, persisted: PersistedFlow | undefined): Promise<PersistedFlow | undefined | 'handled'> {
    const eraseData = this.options.eraseData;
    const activity = turn.activity;
    if (!eraseData || activity.type !== ActivityTypes.Message) return persisted;
    const text = typeof activity.text === 'string' ? activity.text : undefined;
    const press = activity.value as Partial<ErasePress> | null | undefined;
    const pressed = typeof press === 'object' && press !== null && typeof press.eraseData === 'boolean' ? press.eraseData : undefined;
    const restored = this.restore(persisted);
    const locale = restored.snapshot ? flowContext(restored.snapshot).locale : (persisted?.context.locale ?? this.incomingLocale(turn));
    const t = this.options.i18n.getFixedT(locale);
    if (persisted?.erasePending) {
      const folded = text === undefined ? '' : foldText(text);
      const answer = pressed ?? (this.wordList('common:erase.yesWords').includes(folded) ? true : this.wordList('common:erase.noWords').includes(folded) ? false : undefined);
      if (answer === true) {
        await eraseData(turn);
        await turn.sendActivities([textMessage(t('common:erase.done'), locale)]);
        return 'handled';
      }
      const { erasePending: _withdrawn, ...carryOn } = persisted;
      if (answer === undefined) {
        await this.options.state.set(turn, carryOn);
        return carryOn;
      }
      if (!restored.snapshot) {
        await this.startFresh(turn, locale, ['common:erase.kept'], false);
        return 'handled';
      }
      await this.options.state.set(turn, carryOn);
      await turn.sendActivities([textMessage(t('common:erase.kept'), locale), ...this.renderState(restored.snapshot, t, false)]);
      return 'handled';
    }
    if (pressed !== undefined || text === undefined || this.words.match(text) !== 'erase') return persisted;
    let base = persisted;
    if (!base) {
      // Nothing stored yet (e.g. a new state after a restart): keep a fresh flow to come back to on "no".
      await this.persist(turn, initialTransition(this.options.flow.machine, { locale })[0]);
      base = await this.options.state.get(turn);
    }
    if (base) await this.options.state.set(turn, { ...base, erasePending: true });
    const question = textMessage(t('common:erase.confirm'), locale);
    question.suggestedActions = {
      to: [],
      actions: ([true, false] as const).map((eraseData) => {
        const title = t(eraseData ? 'common:erase.yes' : 'common:erase.no');
        const value: ErasePress = { eraseData };
        return { type: 'messageBack', title, text: title, displayText: title, value };
      }),
    };
    await turn.sendActivities([question]);
    return 'handled';
  }

  /** A `a|b|c` word list of the locales, in every language at once, folded. */
  private wordList(listKey: string): string[] {
    let cached = this.labelCache.get(`words:${listKey}`);
    if (!cached) {
      cached = LOCALES.flatMap((lng) => foldedAlternatives(this.options.i18n.getFixedT(lng)(listKey)));
      this.labelCache.set(`words:${listKey}`, cached);
    }
    return cached;
  }

  /** The answer to an emergency sign outside the flow's own outcome: what it means and the number to call now (one 112 line). */
  private emergencyReply(sign: string, t: TFunction, locale: Locale): Partial<Activity>[] {
    return [textMessage(t(`routing:outcome.emergency.${sign}`), locale)];
  }

  /** The photo question the stored flow waits at, if any, and how many photos it holds. */
  photoSlot(persisted: PersistedFlow | undefined): PhotoSlot | undefined {
    const restored = this.restore(persisted);
    if (!restored.snapshot || restored.snapshot.status === 'done') return undefined;
    const prompt = currentPrompt(restored.snapshot);
    if (prompt?.kind !== 'photo' || prompt.id === undefined) return undefined;
    const taken = persisted?.photoDraft?.questionId === prompt.id ? persisted.photoDraft.ids.length : 0;
    return { questionId: prompt.id, taken, max: photoRoom(prompt, this.photoLimits) };
  }

  private get photoLimits(): PhotoLimits {
    return this.options.photoLimits ?? DEFAULT_PHOTO_LIMITS;
  }

  /** "Photo received n/3" with the continue button. */
  private collectingMessage(note: string, t: TFunction, locale: Locale): Partial<Activity> {
    const message = textMessage(note, locale);
    const title = t('common:photo.done');
    const value: PhotosDonePress = { photosDone: true };
    message.suggestedActions = { to: [], actions: [{ type: 'messageBack', title, text: title, displayText: title, value }] };
    return message;
  }

  /** A refusal at a photo question: why, then the question again (or "continue" once photos are in). */
  private async replyAtPhoto(turn: TurnContext, snapshot: AnyMachineSnapshot, draft: PhotoDraft | undefined, message: string): Promise<void> {
    const prompt = currentPrompt(snapshot);
    const { locale } = flowContext(snapshot);
    const t = this.options.i18n.getFixedT(locale);
    if (prompt?.kind === 'photo' && draft !== undefined && draft.questionId === prompt.id && draft.ids.length > 0) {
      await turn.sendActivities([this.collectingMessage(message, t, locale)]);
      return;
    }
    await this.reprompt(turn, snapshot, message);
  }

  private afterTransition(before: AnyMachineSnapshot, next: AnyMachineSnapshot, event: FlowEvent): Partial<Activity>[] {
    const locale = flowContext(next).locale;
    const t = this.options.i18n.getFixedT(locale);
    const out: Partial<Activity>[] = [];
    const localeChanged = locale !== flowContext(before).locale;
    if (localeChanged) out.push({ type: ActivityTypes.Event, name: LOCALE_EVENT, value: locale, locale });
    if (event.type === 'RESTART') out.push(textMessage(t('common:session.restarted'), locale));
    if (next.status === 'done') {
      out.push(...this.renderOutcome(next, t, locale));
      return out;
    }
    const moved = JSON.stringify(before.value) !== JSON.stringify(next.value);
    const prompt = currentPrompt(next);
    if (!prompt) return out;
    const subject = flowContext(next).subject?.kind;
    if (moved || event.type === 'RESTART' || event.type === 'CORRECT') {
      out.push(...this.renderState(next, t, true));
    } else if (localeChanged) {
      out.push(...this.renderState(next, t, false));
    } else {
      const reason =
        event.type === 'BACK'
          ? t('common:session.cannotGoBack')
          : event.type === 'ANSWER'
            ? t('common:errors.notUnderstood', { options: optionList(prompt, t, subject) })
            : undefined;
      if (reason) out.push(textMessage(reason, locale));
      out.push(...this.renderState(next, t, false));
    }
    return out;
  }

  /** The current question of `snapshot` (with its intro lines when first asked). */
  private renderState(snapshot: AnyMachineSnapshot, t: TFunction, withIntro: boolean): Partial<Activity>[] {
    const prompt = currentPrompt(snapshot);
    if (!prompt) return [];
    const { locale, subject } = flowContext(snapshot);
    if (prompt.kind === 'summary') {
      const confirm = prompt.options?.[0];
      return confirm ? renderSummary(this.summary(snapshot), confirm, t, locale, subject?.kind) : [];
    }
    return renderPrompt(withIntro ? prompt : { ...prompt, intro: [] }, t, locale, subject?.kind);
  }

  private summary(snapshot: AnyMachineSnapshot): SummaryItem[] {
    return this.options.summaryItems?.(snapshot.context) ?? [];
  }

  private renderOutcome(snapshot: AnyMachineSnapshot, t: TFunction, locale: Locale): Partial<Activity>[] {
    if (this.options.renderOutcome) return this.options.renderOutcome(snapshot, t, locale);
    const key = stateMetas(snapshot)
      .map((meta) => (meta as { outcomeKey?: string }).outcomeKey)
      .filter((k): k is string => typeof k === 'string')
      .pop();
    return key ? [textMessage(t(key), locale)] : [];
  }

  private async reprompt(turn: TurnContext, snapshot: AnyMachineSnapshot, message: string): Promise<void> {
    const { locale } = flowContext(snapshot);
    const out: Partial<Activity>[] = [textMessage(message, locale), ...this.renderState(snapshot, this.options.i18n.getFixedT(locale), false)];
    await turn.sendActivities(out);
  }

  private async startFresh(turn: TurnContext, locale: Locale, noteKeys: string[], welcome: boolean): Promise<void> {
    const [snapshot] = initialTransition(this.options.flow.machine, { locale });
    await this.persist(turn, snapshot);
    const t = this.options.i18n.getFixedT(locale);
    const out: Partial<Activity>[] = [];
    if (welcome) out.push(textMessage(t('common:welcome'), locale));
    for (const key of noteKeys) out.push(textMessage(t(key), locale));
    out.push(...this.renderState(snapshot, t, true));
    await turn.sendActivities(out);
  }

  private restore(persisted: PersistedFlow | undefined): Restored {
    if (!persisted) return { snapshot: undefined, noteKey: undefined };
    const { flow, clock, idleMinutes } = this.options;
    if (persisted.flowId !== flow.id || persisted.version !== flow.version) {
      return { snapshot: undefined, noteKey: 'common:session.flowUpdated' };
    }
    if (clock().getTime() - persisted.lastInputAt > idleMinutes * 60_000) {
      return { snapshot: undefined, noteKey: 'common:session.expired' };
    }
    try {
      const snapshot = flow.machine.resolveState({
        value: persisted.value,
        context: persisted.context,
        status: persisted.status,
        output: persisted.output,
      } as Parameters<AnyStateMachine['resolveState']>[0]);
      return { snapshot };
    } catch {
      // The stored state no longer exists in this flow version: start over with a note.
      return { snapshot: undefined, noteKey: 'common:session.flowUpdated' };
    }
  }

  private async persist(
    turn: TurnContext,
    snapshot: AnyMachineSnapshot,
    photoDraft?: PhotoDraft,
    feedback?: Pick<PersistedFlow, 'feedbackDraft' | 'feedbackGiven' | 'contactDraft'>,
  ): Promise<void> {
    // Feedback already given survives every turn; a feedback draft only the turn that set it.
    const previous = await this.options.state.get(turn);
    const feedbackGiven = feedback?.feedbackGiven ?? previous?.feedbackGiven;
    const record: PersistedFlow = {
      ...(photoDraft && { photoDraft }),
      ...(feedback?.feedbackDraft && { feedbackDraft: feedback.feedbackDraft }),
      ...(feedback?.contactDraft && { contactDraft: feedback.contactDraft }),
      ...(feedbackGiven && feedbackGiven.length > 0 && { feedbackGiven }),
      flowId: this.options.flow.id,
      version: this.options.flow.version,
      value: snapshot.value as StateValue,
      context: snapshot.context as PersistedFlow['context'],
      status: snapshot.status,
      output: snapshot.output,
      lastInputAt: this.options.clock().getTime(),
    };
    await this.options.state.set(turn, JSON.parse(JSON.stringify(record)) as PersistedFlow);
  }

  private incomingLocale(turn: TurnContext): Locale {
    return toLocale(turn.activity.locale) ?? this.options.defaultLocale;
  }

  private requestedLocale(turn: TurnContext): Locale | undefined {
    const { type, name, value } = turn.activity;
    if (type === ActivityTypes.Event && name === LOCALE_EVENT) return toLocale(value);
    if (type === ActivityTypes.Message && typeof value === 'object' && value !== null) {
      return toLocale((value as Record<string, unknown>).locale);
    }
    return undefined;
  }

  private languagePicker(t: TFunction, locale: Locale): Partial<Activity> {
    const message = textMessage(t('common:languagePicker'), locale);
    message.suggestedActions = {
      to: [],
      actions: LOCALES.map((id) => {
        const title = t(`common:language.${id}`);
        return { type: 'messageBack', title, text: title, displayText: title, value: { locale: id } };
      }),
    };
    return message;
  }

  private labels(labelKey: string): string[] {
    let cached = this.labelCache.get(labelKey);
    if (!cached) {
      cached = LOCALES.map((lng) => foldText(this.options.i18n.getFixedT(lng)(labelKey)));
      this.labelCache.set(labelKey, cached);
    }
    return cached;
  }
}
