import { ActionTypes, ActivityTypes, TurnContext, type Activity, type CardAction } from 'botbuilder';
import type { TFunction } from 'i18next';
import type { TriageResult } from '../flows';
import type { Locale } from '../flows/contract';
import { lookupQuestion } from '../flows/sets';
import { HANDLING_HISTORY_MS, queuePosition, type EstimateInputs } from '../handoff/queueInfo';
import type { QueueEntry } from '../handoff/caseTypes';
import { queueStatus } from '../handoff/queueStatus';
import { helsinkiDateTime } from '../routing/helsinkiTime';
import type { HandoffStore } from '../handoff/handoffStore';
import { needsWaitFallback, route, waitFallbackServices, type ServiceCatalog } from '../routing';
import type { BlobStore } from '../storage/blobStore';
import type { FeedbackPress } from './feedback';
import { textMessage } from './promptRenderer';

/** Value of the "join the queue" button after an outcome. */
export interface JoinQueuePress {
  joinQueue: string;
}

/** Value of the "leave a contact request" button for a closed queue. */
export interface ContactPress {
  contactQueue: string;
}

/** A contact request being written, as flows stored before the side sets kept it (read only: dialogs/sideRun.ts). */
export interface ContactDraft {
  queueId: string;
  message?: string;
}

/** A contact request as the contact set's answers give it. */
export interface ContactRequest {
  queueId: string;
  message: string;
  reachBy: string;
}

/** The "leave a contact request" button for a queue that is closed now. */
export function contactButton(queueId: string, queueName: string, t: TFunction): CardAction {
  const title = t('common:handoff.contact.offer', { queue: queueName });
  const value: ContactPress = { contactQueue: queueId };
  return { type: ActionTypes.MessageBack, title, text: title, displayText: title, value };
}

/** Value of the "leave the queue" button. */
export interface LeaveQueuePress {
  leaveQueue: true;
}

export interface QueueDeskDeps {
  handoff: HandoffStore;
  blobStore: BlobStore;
  catalog: ServiceCatalog;
  clock: () => Date;
  /** Staff online per queue id, now. */
  staffOnline: (now: Date) => Promise<Record<string, number>>;
  defaultHandlingMs: number;
  /** Longest client message a case takes (MAX_MESSAGE_LENGTH, as staff messages); 2000 when unset. */
  maxMessageLength?: number;
}

function isTriageResult(value: unknown): value is TriageResult {
  if (typeof value !== 'object' || value === null) return false;
  const record = value as Record<string, unknown>;
  return typeof record.outcome === 'string' && typeof record.answers === 'object' && record.answers !== null && Array.isArray(record.flags);
}

/** The "join" button for an open queue the outcome recommends. */
export function joinButton(queueId: string, queueName: string, t: TFunction): CardAction {
  const title = t('common:handoff.join', { queue: queueName });
  const value: JoinQueuePress = { joinQueue: queueId };
  return { type: ActionTypes.MessageBack, title, text: title, displayText: title, value };
}

function leaveButton(t: TFunction): CardAction {
  const title = t('common:handoff.leave');
  const value: LeaveQueuePress = { leaveQueue: true };
  return { type: ActionTypes.MessageBack, title, text: title, displayText: title, value };
}

/**
 * The client's side of the handoff queue: joining a queue the outcome offered open, being
 * told the place and the estimated wait, writing while waiting (stored on the case for staff)
 * and leaving. While staff hold the case the bot says nothing: staff answer.
 */
export class QueueDesk {
  constructor(private readonly deps: QueueDeskDeps) {}

  /** Creates the case when `queueId` is an open queue the outcome recommends; returns what to say. */
  async join(turn: TurnContext, output: unknown, queueId: string, t: TFunction, locale: Locale): Promise<Partial<Activity>[]> {
    const now = this.deps.clock();
    if (!isTriageResult(output)) return [textMessage(t('common:handoff.notOffered'), locale)];
    const result = output;
    const offered = route(result, this.deps.catalog, now).some((r) => r.kind === 'queue' && r.id === queueId && r.open === true);
    const queue = this.deps.catalog.queues.find((q) => q.id === queueId);
    if (!offered || !queue || result.urgency === 'emergency') return [textMessage(t('common:handoff.notOffered'), locale)];
    const conversationId = turn.activity.conversation.id;
    const photoIds = Object.entries(result.answers).flatMap(([questionId, value]) =>
      lookupQuestion(questionId)?.question.kind === 'photo' && Array.isArray(value) ? value : [],
    );
    const created = await this.deps.handoff.create(
      {
        conversationId,
        conversationReference: TurnContext.getConversationReference(turn.activity),
        channel: turn.activity.channelId,
        queueId,
        urgency: result.urgency ?? 'non_urgent',
        ...(result.segment !== undefined && { segment: result.segment }),
        ...(result.topic !== undefined && { topic: result.topic }),
        ...(result.subject !== undefined && { subject: result.subject }),
        locale,
        answers: result.answers,
        photoIds,
      },
      now,
    );
    if (photoIds.length > 0) await this.deps.blobStore.linkToCase(conversationId, created.id, queueId, photoIds);
    const joined = textMessage(t('common:handoff.joined', { queue: queue.name[locale] }), locale);
    return [joined, await this.positionMessage(created.id, queueId, t, locale)];
  }

  /**
   * Handles a message while the conversation has an open case: undefined when it has none
   * (the flow goes on as usual), else what to say (nothing while staff hold the case).
   */
  async whileQueued(turn: TurnContext, t: TFunction, locale: Locale, leaveWord: boolean): Promise<Partial<Activity>[] | undefined> {
    const conversationId = turn.activity.conversation?.id;
    if (!conversationId) return undefined;
    const open = await this.deps.handoff.findOpenByConversation(conversationId);
    if (!open || (open.status !== 'waiting' && open.status !== 'claimed')) return undefined;
    const now = this.deps.clock();
    const value = turn.activity.value as Partial<LeaveQueuePress> | undefined;
    // Leaving is for the queue; once staff hold the case, "end" is just words to them.
    if (open.status === 'waiting' && (leaveWord || value?.leaveQueue === true)) {
      await this.deps.handoff.withdraw(conversationId, now);
      return [textMessage(t('common:handoff.left'), locale), textMessage(t('routing:emergency.safetyNet'), locale)];
    }
    const text = turn.activity.type === ActivityTypes.Message && typeof turn.activity.text === 'string' ? turn.activity.text.trim() : '';
    // Capped as staff messages are: the client hears why and nothing is stored, also while staff hold the case.
    const max = this.deps.maxMessageLength ?? 2000;
    if ([...text].length > max) return [textMessage(t('common:errors.tooLong', { max }), locale)];
    if (text !== '') await this.deps.handoff.addMessage(open.id, { kind: 'client', conversationId }, text, now);
    if (open.status === 'claimed') return [];
    return [textMessage(t('common:handoff.noted'), locale), await this.positionMessage(open.id, open.queueId, t, locale)];
  }

  /** True when the outcome offered `queueId` as closed now, so a contact request to it may be left. */
  contactOffered(output: unknown, queueId: string): boolean {
    return (
      isTriageResult(output) &&
      output.urgency !== 'emergency' &&
      route(output, this.deps.catalog, this.deps.clock()).some((r) => r.kind === 'queue' && r.id === queueId && r.open === false)
    );
  }

  /** Files the contact request the contact set's answers make (flows/side/): the case waits for the queue to open. */
  async fileContact(turn: TurnContext, output: unknown, request: ContactRequest, t: TFunction, locale: Locale): Promise<Partial<Activity>[]> {
    if (!isTriageResult(output)) return [textMessage(t('common:handoff.contact.notOffered'), locale)];
    const now = this.deps.clock();
    await this.deps.handoff.create(
      {
        conversationId: turn.activity.conversation.id,
        conversationReference: TurnContext.getConversationReference(turn.activity),
        channel: turn.activity.channelId,
        queueId: request.queueId,
        urgency: output.urgency === undefined || output.urgency === 'emergency' ? 'non_urgent' : output.urgency,
        ...(output.segment !== undefined && { segment: output.segment }),
        ...(output.topic !== undefined && { topic: output.topic }),
        ...(output.subject !== undefined && { subject: output.subject }),
        locale,
        answers: output.answers,
        photoIds: [],
        contactRequest: { message: request.message, reachBy: request.reachBy },
      },
      now,
    );
    const status = queueStatus(request.queueId, this.deps.catalog, now);
    const time = !status.open && status.nextOpening ? helsinkiDateTime(status.nextOpening.toISOString(), locale) : '';
    return [textMessage(t('common:handoff.contact.saved', { time }), locale)];
  }

  /**
   * "Did I get help?" after staff closed the case: the feedback set's answers (flows/side/),
   * yes/partly/no, then a score. Stored without personal data (queue, topic and the bot's
   * urgency only), once per case. Returns what to say; with no score yet, nothing (the case
   * may be rated: the dialog asks the score) unless the case is not one to rate.
   */
  async feedback(
    turn: TurnContext,
    press: FeedbackPress,
    given: readonly string[],
    t: TFunction,
    locale: Locale,
  ): Promise<{ activities: Partial<Activity>[]; recorded?: string }> {
    const { caseId } = press;
    if (given.includes(caseId)) return { activities: [textMessage(t('common:feedback.alreadyGiven'), locale)] };
    const closed = await this.deps.handoff.findClosedOfConversation(turn.activity.conversation.id, caseId);
    if (!closed || !press.helped) return { activities: [textMessage(t('common:errors.unsupportedInput'), locale)] };
    if (press.score === undefined) return { activities: [] };
    await this.deps.handoff.recordFeedback(
      { queueId: closed.queueId, topic: closed.topic, botUrgency: closed.urgency, helped: press.helped, score: press.score },
      this.deps.clock(),
    );
    return { activities: [textMessage(t('common:feedback.thanks'), locale)], recorded: caseId };
  }

  /** What a queue's place-and-wait messages are computed from; read once per queue, not per case. */
  async queueSnapshot(queueId: string): Promise<{ entries: QueueEntry[]; inputs: EstimateInputs }> {
    const now = this.deps.clock();
    const entries = await this.deps.handoff.queueEntries(queueId, { now, catalog: this.deps.catalog });
    const recentHandlingMs = await this.deps.handoff.handlingTimes(queueId, new Date(now.getTime() - HANDLING_HISTORY_MS));
    const staffOnline = (await this.deps.staffOnline(now))[queueId] ?? 0;
    return { entries, inputs: { staffOnline, recentHandlingMs, defaultHandlingMs: this.deps.defaultHandlingMs } };
  }

  /** The place-and-wait message for a case (with the leave button). */
  positionActivity(caseId: string, snapshot: { entries: QueueEntry[]; inputs: EstimateInputs }, t: TFunction, locale: Locale): Partial<Activity> {
    const place = queuePosition(caseId, snapshot.entries, snapshot.inputs);
    const minutes = place.estimate.kind === 'minutes' ? place.estimate.minutes : undefined;
    const lines = [
      minutes !== undefined
        ? t('common:handoff.position', { position: place.position ?? 1, minutes })
        : t('common:handoff.positionUnknown', { position: place.position ?? 1 }),
    ];
    const entry = snapshot.entries.find((e) => e.id === caseId);
    if (entry && needsWaitFallback(entry.urgency, minutes, this.deps.catalog)) lines.push(this.cannotWaitLine(entry, t, locale));
    const message = textMessage(lines.join('\n\n'), locale);
    message.suggestedActions = { to: [], actions: [leaveButton(t)] };
    return message;
  }

  /** An urgent client whose wait may pass the deadline hears the 24/7 services of the queue's topics. */
  private cannotWaitLine(entry: QueueEntry, t: TFunction, locale: Locale): string {
    const services = waitFallbackServices(entry.queueId, entry.topic, this.deps.catalog, locale).map((s) =>
      s.name !== undefined ? t('common:handoff.cannotWaitService', { name: s.name, phone: s.phone }) : t(`common:handoff.cannotWaitLine.${s.ref.id}`),
    );
    if (services.length === 0) return t('common:handoff.cannotWaitNone');
    return t('common:handoff.cannotWait', { services: services.join(t('common:handoff.cannotWaitOr')) });
  }

  private async positionMessage(caseId: string, queueId: string, t: TFunction, locale: Locale): Promise<Partial<Activity>> {
    return this.positionActivity(caseId, await this.queueSnapshot(queueId), t, locale);
  }
}
