// Citizen identification from inside the chat, without Bot Framework: the chat hands out a ticket
// for its conversation; the ticket's page starts a sign-in at the provider; the callback verifies
// it and leaves a sealed result for the conversation, which the chat's next turn takes. Tickets,
// sign-ins in progress and results are short-lived records in the bot-state storage (both
// backends, purged with it by retention); secrets in them are sealed with the identity key.
import { createHash, randomBytes } from 'node:crypto';
import type { Storage } from 'botbuilder';
import type { Locale } from '../flows/contract';
import { OidcSignInError, type OidcFailureReason } from './oidc/oidcErrors';
import type { PendingSignIn } from './oidc/relyingParty';
import type { IdentityProvider } from './identityProvider';
import { IdentityUnsealError, type IdentitySealer } from './identitySealer';
import type { VerifiedIdentity } from './verifiedIdentity';

/** How long a ticket, a sign-in in progress and an untaken result live. */
export const IDENTIFICATION_TTL_MS = 10 * 60 * 1000;

/** What the chat's next turn learns. */
export type IdentificationResult = { ok: true; identity: VerifiedIdentity } | { ok: false; reason: OidcFailureReason };

interface TicketRecord {
  conversationId: string;
  locale: Locale;
  /** Only a browser that holds the conversation may start a sign-in (the web channel); absent in older tickets. */
  bindsBrowser?: boolean;
  expiresAt: number;
}

interface AttemptRecord {
  conversationId: string;
  locale: Locale;
  /** PendingSignIn sealed with the attempt key. */
  sealed: string;
  /** sha256 of the browser-binding cookie. */
  binding: string;
  expiresAt: number;
}

interface ResultRecord {
  ok: boolean;
  reason?: OidcFailureReason;
  /** The VerifiedIdentity sealed with the conversation id. */
  sealed?: string;
  expiresAt: number;
}

const hash = (text: string) => createHash('sha256').update(text).digest('base64url');
const ticketKey = (ticket: string) => `identification/ticket/${hash(ticket)}`;
const attemptKey = (state: string) => `identification/attempt/${hash(state)}`;
/** The bot-state key of a conversation's untaken result (erasure deletes it with the conversation). */
export const identificationResultKey = (conversationId: string) => `identification/result/${hash(conversationId)}`;

/** Sealing context of an identity held for a conversation (before it is on a case). */
export const conversationContext = (conversationId: string) => `conversation:${conversationId}`;
/** Sealing context of an identity on a case. */
export const caseContext = (caseId: string) => `case:${caseId}`;

/** What the browser hears when a sign-in starts: where to go, and the cookie that binds the callback to it. */
export interface StartedAttempt {
  redirectTo: string;
  binding: string;
  locale: Locale;
}

export interface CitizenIdentificationDeps {
  storage: Storage;
  sealer: IdentitySealer;
  provider: IdentityProvider;
  clock: () => Date;
}

/** The server side of identification: tickets, sign-ins and results. */
export class CitizenIdentification {
  constructor(private readonly deps: CitizenIdentificationDeps) {}

  get providerKind(): IdentityProvider['kind'] {
    return this.deps.provider.kind;
  }

  /**
   * A new ticket for the conversation's "Identify" button. `bindsBrowser`: the chat runs in a
   * browser of this site (the web channel), so only that browser may use the ticket.
   */
  async createTicket(conversationId: string, locale: Locale, bindsBrowser: boolean): Promise<string> {
    const ticket = randomBytes(24).toString('base64url');
    const record: TicketRecord = { conversationId, locale, bindsBrowser, expiresAt: this.now() + IDENTIFICATION_TTL_MS };
    await this.deps.storage.write({ [ticketKey(ticket)]: { ...record, eTag: '*' } });
    return ticket;
  }

  /** The locale of a ticket still valid, for its pages; undefined when it is unknown or expired. */
  async ticketLocale(ticket: string): Promise<Locale | undefined> {
    return (await this.readLive<TicketRecord>(ticketKey(ticket)))?.locale;
  }

  /**
   * Starts a sign-in for a valid ticket (a ticket may start several: a closed window is tried again).
   * Undefined for an unknown or expired ticket; 'otherBrowser' when the ticket binds the chat's
   * browser and `browserHolds` says this is not it (a forwarded link); OidcSignInError('unavailable')
   * when the provider is down.
   */
  async start(ticket: string, browserHolds: (conversationId: string) => boolean): Promise<StartedAttempt | 'otherBrowser' | undefined> {
    const found = await this.readLive<TicketRecord>(ticketKey(ticket));
    if (!found) return undefined;
    if (found.bindsBrowser === true && !browserHolds(found.conversationId)) return 'otherBrowser';
    const { url, pending } = await this.deps.provider.start();
    const binding = randomBytes(24).toString('base64url');
    const record: AttemptRecord = {
      conversationId: found.conversationId,
      locale: found.locale,
      sealed: this.deps.sealer.seal(JSON.stringify(pending), attemptKey(pending.state)),
      binding: hash(binding),
      expiresAt: this.now() + IDENTIFICATION_TTL_MS,
    };
    await this.deps.storage.write({ [attemptKey(pending.state)]: { ...record, eTag: '*' } });
    return { redirectTo: url, binding, locale: found.locale };
  }

  /**
   * Finishes the sign-in the callback belongs to (each once: a replayed callback finds nothing)
   * and leaves the result for the conversation. Returns the locale for the result page and what
   * happened; `state` when the callback belongs to no sign-in of this browser.
   */
  async finish(callbackUrl: URL, binding: string | undefined): Promise<{ locale: Locale | undefined; outcome: 'ok' | OidcFailureReason }> {
    const state = callbackUrl.searchParams.get('state') ?? '';
    const key = attemptKey(state);
    const attempt = state === '' ? undefined : await this.readLive<AttemptRecord>(key);
    if (!attempt) return { locale: undefined, outcome: 'state' };
    await this.deps.storage.delete([key]);
    if (binding === undefined || hash(binding) !== attempt.binding) {
      await this.leaveResult(attempt.conversationId, { ok: false, reason: 'state' });
      return { locale: attempt.locale, outcome: 'state' };
    }
    let pending: PendingSignIn;
    try {
      pending = JSON.parse(this.deps.sealer.open(attempt.sealed, key)) as PendingSignIn;
    } catch (error) {
      // Sealed under another key (IDENTITY_ENCRYPTION_KEY changed meanwhile): start again.
      if (!(error instanceof IdentityUnsealError)) throw error;
      await this.leaveResult(attempt.conversationId, { ok: false, reason: 'rejected' });
      return { locale: attempt.locale, outcome: 'rejected' };
    }
    try {
      const provided = await this.deps.provider.finish(callbackUrl, pending);
      const identity: VerifiedIdentity = { ...provided, identifiedAt: this.deps.clock().toISOString() };
      await this.leaveResult(attempt.conversationId, { ok: true, identity });
      return { locale: attempt.locale, outcome: 'ok' };
    } catch (error) {
      if (!(error instanceof OidcSignInError)) throw error;
      await this.leaveResult(attempt.conversationId, { ok: false, reason: error.reason });
      return { locale: attempt.locale, outcome: error.reason };
    }
  }

  /** Takes (and removes) the conversation's result, if one is waiting. */
  async takeResult(conversationId: string): Promise<IdentificationResult | undefined> {
    const key = identificationResultKey(conversationId);
    const record = await this.readLive<ResultRecord>(key);
    if (!record) return undefined;
    await this.deps.storage.delete([key]);
    if (!record.ok || record.sealed === undefined) return { ok: false, reason: record.reason ?? 'rejected' };
    try {
      return { ok: true, identity: this.open(record.sealed, conversationContext(conversationId)) };
    } catch (error) {
      if (!(error instanceof IdentityUnsealError)) throw error;
      return { ok: false, reason: 'rejected' };
    }
  }

  /** Seals an identity for a context (a conversation or a case). */
  seal(identity: VerifiedIdentity, context: string): string {
    return this.deps.sealer.seal(JSON.stringify(identity), context);
  }

  /** Opens an identity sealed for a context; throws IdentityUnsealError. */
  open(sealed: string, context: string): VerifiedIdentity {
    return JSON.parse(this.deps.sealer.open(sealed, context)) as VerifiedIdentity;
  }

  private async leaveResult(conversationId: string, result: IdentificationResult): Promise<void> {
    const record: ResultRecord = result.ok
      ? { ok: true, sealed: this.seal(result.identity, conversationContext(conversationId)), expiresAt: this.now() + IDENTIFICATION_TTL_MS }
      : { ok: false, reason: result.reason, expiresAt: this.now() + IDENTIFICATION_TTL_MS };
    await this.deps.storage.write({ [identificationResultKey(conversationId)]: { ...record, eTag: '*' } });
  }

  private async readLive<T extends { expiresAt: number }>(key: string): Promise<T | undefined> {
    const item = (await this.deps.storage.read([key]))[key] as T | undefined;
    if (!item || typeof item.expiresAt !== 'number' || item.expiresAt < this.now()) return undefined;
    return item;
  }

  private now(): number {
    return this.deps.clock().getTime();
  }
}
