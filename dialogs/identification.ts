// The chat's side of identification (identity/citizenIdentification.ts holds the server side): the
// "Identify" button where a queue requires it or staff ask, what the chat says when the result
// comes back, and moving the identity onto the case when the client joins. The identity is held
// sealed in the conversation's state only between identifying and joining.
import { ActionTypes, type Activity, type CardAction, type StatePropertyAccessor, type TurnContext } from 'botbuilder';
import type { TFunction } from 'i18next';
import type { TriageResult } from '../flows';
import type { Locale } from '../flows/contract';
import type { CaseIdentityStore } from '../handoff/caseIdentity';
import { caseContext, conversationContext, type CitizenIdentification } from '../identity/citizenIdentification';
import { IdentityUnsealError } from '../identity/identitySealer';
import { shortName, type VerifiedIdentity } from '../identity/verifiedIdentity';
import { route, type ServiceCatalog } from '../routing';
import { textMessage } from './promptRenderer';
import { joinButton } from './queueDesk';
import { WEB_CHANNEL_ID } from '../channels/webChannelAdapter';

/** Name of the event the chat page sends when the identification window reports back. */
export const IDENTIFICATION_EVENT = 'luotsi.identification';

/** What the conversation's state holds about identification. */
export interface IdentityState {
  /** The verified identity sealed for this conversation, until it is on a case. */
  sealed?: string;
  /** An identification was offered; `queueId` is the queue it was for (none: staff asked). */
  awaiting?: { queueId?: string };
}

export interface IdentificationDeskDeps {
  service: CitizenIdentification;
  state: StatePropertyAccessor<IdentityState | undefined>;
  caseIdentity: CaseIdentityStore;
  catalog: ServiceCatalog;
  clock: () => Date;
  /** Absolute base of the /identify pages (PUBLIC_URL); relative to the chat page when unset. */
  publicUrl: string | undefined;
}

function isTriageResult(value: unknown): value is TriageResult {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as { outcome?: unknown }).outcome === 'string' &&
    Array.isArray((value as { flags?: unknown }).flags)
  );
}

/** Identification as the chat offers it. */
export class IdentificationDesk {
  constructor(readonly deps: IdentificationDeskDeps) {}

  /** True when the queue is one that requires identification. */
  requires(queueId: string): boolean {
    return this.deps.catalog.queues.find((q) => q.id === queueId)?.strongIdentification === true;
  }

  /** The identity held for this conversation (not yet on a case), if any. */
  async held(turn: TurnContext): Promise<VerifiedIdentity | undefined> {
    const sealed = (await this.deps.state.get(turn))?.sealed;
    if (!sealed) return undefined;
    try {
      return this.deps.service.open(sealed, conversationContext(turn.activity.conversation.id));
    } catch (error) {
      // Sealed under a key that has since changed: as if not identified (the client identifies again).
      if (error instanceof IdentityUnsealError) return undefined;
      throw error;
    }
  }

  /** True while an offered identification has not reported back. */
  async awaiting(turn: TurnContext): Promise<boolean> {
    return (await this.deps.state.get(turn))?.awaiting !== undefined;
  }

  /** The "Identify" button: opens the identification in a new window or tab. */
  async identifyButton(turn: TurnContext, t: TFunction, locale: Locale): Promise<CardAction> {
    const ticket = await this.deps.service.createTicket(turn.activity.conversation.id, locale, turn.activity.channelId === WEB_CHANNEL_ID);
    const title = t('identification:button');
    return { type: ActionTypes.OpenUrl, title, value: `${this.deps.publicUrl ?? ''}/identify/start?t=${encodeURIComponent(ticket)}` };
  }

  /** The queue requires identification: why, the button, and the queues offered that do not require it. */
  async offer(turn: TurnContext, output: unknown, queueId: string, subjectIsOther: boolean, t: TFunction, locale: Locale): Promise<Partial<Activity>[]> {
    const queue = this.deps.catalog.queues.find((q) => q.id === queueId);
    const current = (await this.deps.state.get(turn)) ?? {};
    await this.deps.state.set(turn, { ...current, awaiting: { queueId } });
    const lines = [textMessage(t('identification:required', { queue: queue?.name[locale] ?? '' }), locale)];
    if (subjectIsOther) lines.push(textMessage(t('identification:proxyNote'), locale));
    return this.withChoices(lines, await this.identifyButton(turn, t, locale), output, t, locale);
  }

  /**
   * Staff asked for identification in a live chat: the request with the button. Sent outside the
   * client's turn, so nothing is written to the conversation's state: the window's report (the
   * page's event) brings the result in.
   */
  async staffRequest(turn: TurnContext, t: TFunction, locale: Locale): Promise<Partial<Activity>[]> {
    const message = textMessage(t('identification:staffAsked'), locale);
    message.suggestedActions = { to: [], actions: [await this.identifyButton(turn, t, locale)] };
    return [message];
  }

  /**
   * Takes the result the identification window left, if any: on success the identity goes onto
   * the open case (staff asked) or is held for joining; either way the chat hears how it went.
   */
  async pickUp(turn: TurnContext, output: unknown, subjectIsOther: boolean, t: TFunction, locale: Locale): Promise<Partial<Activity>[] | undefined> {
    const conversationId = turn.activity.conversation.id;
    const result = await this.deps.service.takeResult(conversationId);
    if (!result) return undefined;
    const current = (await this.deps.state.get(turn)) ?? {};
    const queueId = current.awaiting?.queueId;
    if (!result.ok) {
      const key = result.reason === 'cancelled' ? 'cancelled' : result.reason === 'unavailable' ? 'unavailable' : 'failed';
      const message = textMessage(t(`identification:result.${key}`), locale);
      const button = await this.identifyButton(turn, t, locale);
      if (queueId !== undefined) return this.withChoices([message], button, output, t, locale);
      message.suggestedActions = { to: [], actions: [button] };
      return [message];
    }
    const identity: VerifiedIdentity = { ...result.identity, matterOf: subjectIsOther ? 'other' : 'self' };
    const onCase = await this.deps.caseIdentity.attachToOpenCase(conversationId, (caseId) => this.deps.service.seal(identity, caseContext(caseId)));
    const { awaiting: _awaiting, ...rest } = current;
    await this.deps.state.set(
      turn,
      onCase ? { ...rest, sealed: undefined } : { ...rest, sealed: this.deps.service.seal(identity, conversationContext(conversationId)) },
    );
    const done = textMessage(t('identification:result.done', { name: shortName(identity) }), locale);
    const queue = queueId === undefined ? undefined : this.deps.catalog.queues.find((q) => q.id === queueId);
    if (onCase || !queue) return [done];
    done.suggestedActions = { to: [], actions: [joinButton(queue.id, queue.name[locale], t)] };
    return [done];
  }

  /** After joining: the held identity moves onto the new case and leaves the conversation's state. */
  async moveToCase(turn: TurnContext, subjectIsOther: boolean): Promise<boolean> {
    const identity = await this.held(turn);
    if (!identity) return false;
    const withMatter: VerifiedIdentity = { ...identity, matterOf: subjectIsOther ? 'other' : 'self' };
    const caseId = await this.deps.caseIdentity.attachToOpenCase(turn.activity.conversation.id, (id) => this.deps.service.seal(withMatter, caseContext(id)));
    if (!caseId) return false;
    const current = (await this.deps.state.get(turn)) ?? {};
    await this.deps.state.set(turn, { ...current, sealed: undefined });
    return true;
  }

  /**
   * `lines`, then the open queues of the outcome that do not require identification and the
   * safety net; the last message carries the buttons (Web Chat shows only the last one's).
   */
  private withChoices(lines: Partial<Activity>[], identify: CardAction, output: unknown, t: TFunction, locale: Locale): Partial<Activity>[] {
    const queues = isTriageResult(output)
      ? route(output, this.deps.catalog, this.deps.clock())
          .filter((r) => r.kind === 'queue' && r.open === true)
          .map((r) => this.deps.catalog.queues.find((q) => q.id === r.id))
          .filter((q): q is NonNullable<typeof q> => q !== undefined && !q.strongIdentification)
      : [];
    const out = [...lines];
    if (queues.length > 0) out.push(textMessage(t('identification:alternatives'), locale));
    const last = textMessage(t('routing:emergency.safetyNet'), locale);
    last.suggestedActions = { to: [], actions: [identify, ...queues.map((q) => joinButton(q.id, q.name[locale], t))] };
    out.push(last);
    return out;
  }
}
