import { ActivityTypes, type Activity, type TurnContext } from 'botbuilder';
import type { TFunction } from 'i18next';
import type { AnyMachineSnapshot, AnyStateMachine, StateValue } from 'xstate';
import { LOCALES, type FlowContextBase, type FlowEvent, type Locale, type PromptMeta, type StateMeta, type SubjectKind } from '../flows/contract';
import type { SummaryItem } from '../flows';
import { toLocale } from '../i18n/i18n';
import { GlobalWords, type GlobalWordPress } from './globalWords';
import { optionList, renderPrompt, textMessage } from './promptRenderer';
import { renderSummary } from './summaryRenderer';
import { renderTopicOffer } from './topicOffer';
import type { PhotoDraft, PhotoLimits, PhotosDonePress } from './photoAnswers';
import { foldText, foldedAlternatives } from './textMatch';
import type { FlowDialogOptions, PersistedFlow } from './flowTypes';
import { createAnswerReader, type AnswerReader } from '../understanding/answerReader';
import { FlowEngine } from './flowEngine';
import { Lexicon } from '../understanding/lexicon';
import { turnPhases } from '../metrics/turnPhases';

/** Name of the event activity that carries a language switch (page -> bot, and bot -> page). */
export const LOCALE_EVENT = 'luotsi.locale';

const DEFAULT_PHOTO_LIMITS: PhotoLimits = { maxPerQuestion: 3, maxBytes: 10 * 1024 * 1024 };

/** A restored snapshot, or why there is none (a note to start afresh with). */
export type Restored = { snapshot: AnyMachineSnapshot } | { snapshot: undefined; noteKey: string | undefined };

/** Side state a turn writes next to the snapshot (each only for the turn that sets it, but `feedbackGiven`). */
export type SideState = Pick<PersistedFlow, 'feedbackGiven' | 'misses' | 'topicOffer' | 'signCheck'>;

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

/** A copy of a rendered activity down to its buttons and cards (the card's content stays shared: nothing changes it). */
function copyActivity(activity: Partial<Activity>): Partial<Activity> {
  const { suggestedActions, attachments } = activity;
  return {
    ...activity,
    ...(suggestedActions && {
      suggestedActions: { ...suggestedActions, to: [...suggestedActions.to], actions: suggestedActions.actions.map((action) => ({ ...action })) },
    }),
    ...(attachments && { attachments: attachments.map((attachment) => ({ ...attachment })) }),
  };
}

/** The context fields every flow keeps. */
export function flowContext(snapshot: AnyMachineSnapshot): FlowContextBase {
  return snapshot.context as FlowContextBase;
}

/**
 * What the steps of a turn share: restoring and persisting the flow, rendering its
 * questions and outcomes, and the word lists of the locales.
 */
export class FlowHost {
  readonly words: GlobalWords;
  readonly lexicon: Lexicon;
  /** The flow's transitions on one reused scope (xstate's pure helpers build an actor per call). */
  readonly engine: FlowEngine;
  private readonly labelCache = new Map<string, string[]>();
  private readonly readers = new Map<Locale, AnswerReader>();
  /** Rendered questions by prompt (the machine's own meta objects, so bounded by the flow), then language, person and intro. */
  private readonly renderedPrompts = new WeakMap<PromptMeta, Map<string, Partial<Activity>[]>>();

  constructor(readonly options: FlowDialogOptions) {
    this.words = new GlobalWords(options.i18n);
    this.engine = new FlowEngine(options.flow.machine, { locale: options.defaultLocale });
    const { i18n } = options;
    this.lexicon = new Lexicon((locale, key) => (i18n.exists(key, { lng: locale, fallbackLng: false }) ? i18n.getFixedT(locale)(key) : undefined));
  }

  /** Reads answers in the person's own words in `locale`. */
  reader(locale: Locale): AnswerReader {
    let reader = this.readers.get(locale);
    if (!reader) {
      reader = createAnswerReader(this.lexicon, locale, this.options.clock);
      this.readers.set(locale, reader);
    }
    return reader;
  }

  t(locale: Locale): TFunction {
    return this.options.i18n.getFixedT(locale);
  }

  get photoLimits(): PhotoLimits {
    return this.options.photoLimits ?? DEFAULT_PHOTO_LIMITS;
  }

  /** Every label (all languages) an option may be typed as, folded. */
  labels(labelKey: string): string[] {
    let cached = this.labelCache.get(labelKey);
    if (!cached) {
      cached = LOCALES.map((lng) => foldText(this.options.i18n.getFixedT(lng)(labelKey)));
      this.labelCache.set(labelKey, cached);
    }
    return cached;
  }

  /** A `a|b|c` word list of the locales, in every language at once, folded. */
  wordList(listKey: string): string[] {
    let cached = this.labelCache.get(`words:${listKey}`);
    if (!cached) {
      cached = LOCALES.flatMap((lng) => {
        const t = this.options.i18n.getFixedT(lng);
        return t(listKey) === listKey ? [] : foldedAlternatives(t(listKey));
      });
      this.labelCache.set(`words:${listKey}`, cached);
    }
    return cached;
  }

  /** The answer to an emergency sign outside the flow's own outcome: what it means and the number to call now (one 112 line). */
  emergencyReply(sign: string, t: TFunction, locale: Locale): Partial<Activity>[] {
    return [textMessage(t(`routing:outcome.emergency.${sign}`), locale)];
  }

  /** "Photo received n/3" with the continue button. */
  collectingMessage(note: string, t: TFunction, locale: Locale): Partial<Activity> {
    const message = textMessage(note, locale);
    const title = t('common:photo.done');
    const value: PhotosDonePress = { photosDone: true };
    message.suggestedActions = { to: [], actions: [{ type: 'messageBack', title, text: title, displayText: title, value }] };
    return message;
  }

  /** The messages after a transition: a language event, the outcome, or the next question. */
  afterTransition(before: AnyMachineSnapshot, next: AnyMachineSnapshot, event: FlowEvent, offer?: readonly string[]): Partial<Activity>[] {
    const locale = flowContext(next).locale;
    const t = this.t(locale);
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
    if (moved && offer && offer.length > 0 && this.isTopicPrompt(prompt)) {
      // Arriving at the topic menu with a topic found in the first message: offer it.
      out.push(...renderPrompt(prompt, t, locale, subject).slice(0, -1));
      out.push(...this.topicOffer(next, offer));
    } else if (moved || event.type === 'RESTART' || event.type === 'CORRECT') {
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

  /** True at the topic menu the topic finder serves. */
  isTopicPrompt(prompt: PromptMeta | undefined): boolean {
    return prompt !== undefined && prompt.id === this.options.topicQuestion?.promptId;
  }

  /** The offer of `topics` at the topic menu of `snapshot`. */
  topicOffer(snapshot: AnyMachineSnapshot, topics: readonly string[]): Partial<Activity>[] {
    const prompt = currentPrompt(snapshot);
    const prefix = this.options.topicQuestion?.optionPrefix;
    if (!prompt || prefix === undefined) return [];
    const { locale, subject } = flowContext(snapshot);
    return renderTopicOffer(prompt, topics, prefix, this.t(locale), locale, subject?.kind);
  }

  /** The current question of `snapshot` (with its intro lines when first asked). */
  renderState(snapshot: AnyMachineSnapshot, t: TFunction, withIntro: boolean): Partial<Activity>[] {
    const started = turnPhases.start();
    const rendered = this.renderStateUntimed(snapshot, t, withIntro);
    turnPhases.end('render', started);
    return rendered;
  }

  /** renderState without the phase timing. */
  private renderStateUntimed(snapshot: AnyMachineSnapshot, t: TFunction, withIntro: boolean): Partial<Activity>[] {
    const prompt = currentPrompt(snapshot);
    if (!prompt) return [];
    const { locale, subject } = flowContext(snapshot);
    if (prompt.kind === 'summary') {
      const confirm = prompt.options?.[0];
      return confirm ? renderSummary(this.summary(snapshot), confirm, t, locale, subject?.kind) : [];
    }
    return this.memoizedPrompt(prompt, t, locale, subject?.kind, withIntro);
  }

  /**
   * A question's activities depend only on the prompt, the language and the person asked about,
   * yet rendering one costs a dozen i18next lookups; so each is rendered once per combination and
   * handed out as copies (callers and the adapter may change an activity's own fields). The
   * language of `t` is part of the key, in case it is not the flow's.
   */
  private memoizedPrompt(prompt: PromptMeta, t: TFunction, locale: Locale, subject: SubjectKind | undefined, withIntro: boolean): Partial<Activity>[] {
    let byKey = this.renderedPrompts.get(prompt);
    if (!byKey) {
      byKey = new Map();
      this.renderedPrompts.set(prompt, byKey);
    }
    const key = `${(t as { lng?: string }).lng ?? ''}|${locale}|${subject ?? ''}|${withIntro ? 1 : 0}`;
    let rendered = byKey.get(key);
    if (!rendered) {
      rendered = renderPrompt(withIntro ? prompt : { ...prompt, intro: [] }, t, locale, subject);
      byKey.set(key, rendered);
    }
    return rendered.map(copyActivity);
  }

  summary(snapshot: AnyMachineSnapshot): SummaryItem[] {
    return this.options.summaryItems?.(snapshot.context) ?? [];
  }

  /**
   * The finished flow's choices again, for a client who typed after the outcome: its join and
   * contact buttons as the outcome showed them, and a way to start over. A stray "ok" or "thanks"
   * must not throw away an outcome the client has not acted on yet.
   */
  outcomeChoices(snapshot: AnyMachineSnapshot, locale: Locale): Partial<Activity> {
    const t = this.t(locale);
    const outcome = this.renderOutcome(snapshot, t, locale);
    const offered = outcome.flatMap((activity) => activity.suggestedActions?.actions ?? []);
    const title = t('understanding:deadEnd.restart');
    const restart: GlobalWordPress = { globalWord: 'restart' };
    const message = textMessage(t(offered.length > 0 ? 'common:outcome.stillHere' : 'common:outcome.stillHereNoChoices'), locale);
    message.suggestedActions = { to: [], actions: [...offered, { type: 'messageBack', title, text: title, displayText: title, value: restart }] };
    return message;
  }

  private renderOutcome(snapshot: AnyMachineSnapshot, t: TFunction, locale: Locale): Partial<Activity>[] {
    if (this.options.renderOutcome) return this.options.renderOutcome(snapshot, t, locale);
    const key = stateMetas(snapshot)
      .map((meta) => (meta as { outcomeKey?: string }).outcomeKey)
      .filter((k): k is string => typeof k === 'string')
      .pop();
    return key ? [textMessage(t(key), locale)] : [];
  }

  /** A reason, then the current question again (without its intro). */
  async reprompt(turn: TurnContext, snapshot: AnyMachineSnapshot, message: string): Promise<void> {
    const { locale } = flowContext(snapshot);
    await turn.sendActivities([textMessage(message, locale), ...this.renderState(snapshot, this.t(locale), false)]);
  }

  /**
   * An answer that was not recognised: the reason and the question again with its buttons.
   * The second miss in a row at the same question also offers a person (the general queue
   * with what is known) and starting over, so a client never meets the same dead end twice.
   */
  async askAgain(turn: TurnContext, snapshot: AnyMachineSnapshot, message: string, persisted: PersistedFlow | undefined): Promise<void> {
    const prompt = currentPrompt(snapshot);
    const at = prompt?.id ?? prompt?.key ?? '';
    const count = persisted?.misses?.at === at ? persisted.misses.count + 1 : 1;
    const { locale } = flowContext(snapshot);
    const t = this.t(locale);
    await this.persist(turn, snapshot, persisted?.photoDraft, { misses: { at, count } });
    if (count < 2) {
      await this.reprompt(turn, snapshot, message);
      return;
    }
    const question = this.renderState(snapshot, t, false);
    const last = question[question.length - 1];
    if (last) {
      const ways = (['human', 'restart'] as const).map((globalWord) => {
        const title = t(`understanding:deadEnd.${globalWord}`);
        const value: GlobalWordPress = { globalWord };
        return { type: 'messageBack', title, text: title, displayText: title, value };
      });
      last.suggestedActions = { to: [], actions: [...(last.suggestedActions?.actions ?? []), ...ways] };
    }
    await turn.sendActivities([textMessage(message, locale), textMessage(t('understanding:deadEnd.again'), locale), ...question]);
  }

  /** A fresh flow, persisted, with the welcome (for a new conversation) and notes before its first question. */
  async startFresh(turn: TurnContext, locale: Locale, noteKeys: string[], welcome: boolean): Promise<void> {
    const snapshot = this.engine.initial({ locale });
    await this.persist(turn, snapshot);
    const t = this.t(locale);
    const out: Partial<Activity>[] = [];
    if (welcome) out.push(textMessage(t('common:welcome'), locale));
    for (const key of noteKeys) out.push(textMessage(t(key), locale));
    out.push(...this.renderState(snapshot, t, true));
    await turn.sendActivities(out);
  }

  /** The stored flow as a snapshot, unless it is of another version, idle too long or unknown. */
  restore(persisted: PersistedFlow | undefined): Restored {
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

  /** Stores the snapshot with the side state of this turn; feedback already given survives every turn. */
  async persist(turn: TurnContext, snapshot: AnyMachineSnapshot, photoDraft?: PhotoDraft, side?: SideState): Promise<void> {
    const previous = await this.options.state.get(turn);
    const feedbackGiven = side?.feedbackGiven ?? previous?.feedbackGiven;
    const topicOffer = side?.topicOffer ?? (this.beforeTopicMenu(snapshot) ? previous?.topicOffer : undefined);
    const record: PersistedFlow = {
      ...(photoDraft && { photoDraft }),
      ...(side?.misses && { misses: side.misses }),
      ...(side?.signCheck && { signCheck: side.signCheck }),
      ...(topicOffer && topicOffer.length > 0 && { topicOffer }),
      ...(feedbackGiven && feedbackGiven.length > 0 && { feedbackGiven }),
      flowId: this.options.flow.id,
      version: this.options.flow.version,
      value: snapshot.value as StateValue,
      context: snapshot.context as PersistedFlow['context'],
      status: snapshot.status,
      ...(snapshot.output !== undefined && { output: snapshot.output }),
      lastInputAt: this.options.clock().getTime(),
    };
    // Kept as it is, no JSON copy: xstate's contexts and the side state are replaced, never changed
    // in place, and the store serialises the record once when the turn commits.
    await this.options.state.set(turn, record);
  }

  /** True while the flow asks the questions of the topic menu's set (a topic found early waits there). */
  private beforeTopicMenu(snapshot: AnyMachineSnapshot): boolean {
    const menu = this.options.topicQuestion?.promptId;
    const asked = currentPrompt(snapshot)?.id;
    return snapshot.status === 'active' && menu !== undefined && asked !== undefined && asked.split('.')[0] === menu.split('.')[0];
  }

  /** The language the channel says the client uses, else the default. */
  incomingLocale(turn: TurnContext): Locale {
    return toLocale(turn.activity.locale) ?? this.options.defaultLocale;
  }

  /** A language switch the page sent (event) or a language button pressed. */
  requestedLocale(turn: TurnContext): Locale | undefined {
    const { type, name, value } = turn.activity;
    if (type === ActivityTypes.Event && name === LOCALE_EVENT) return toLocale(value);
    if (type === ActivityTypes.Message && typeof value === 'object' && value !== null) {
      return toLocale((value as Record<string, unknown>).locale);
    }
    return undefined;
  }

  /** "Which language?" with a button per language. */
  languagePicker(t: TFunction, locale: Locale): Partial<Activity> {
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
}
