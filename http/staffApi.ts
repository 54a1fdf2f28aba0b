// The staff JSON API under /staff/api: login, queue overview, cases (list, view, photos,
// claim, release, transfer, close, internal notes, messages to the client), the record-system
// summary, reports and the audit log. GET /staff/api/cases?status=abandoned lists the cases of
// the caller's queues abandoned in the last 24 hours (client silent or left), newest first per queue.
//
// Every route answers JSON (`{error:{code,message}}` on failure via http/errorResponse.ts),
// never caches, and checks the session with requireStaff (CSRF on state-changing requests).
// Log lines carry ids and codes only: no usernames, passwords, names or message text.
//
// Photos: staff read a case's photos through BlobStore.get with the staff caller, which only
// shows photos linked to a case in one of the caller's queues. Whoever creates a case must call
// BlobStore.linkToCase(conversationId, caseId, queueId); the transfer route relinks the photos
// to the new queue (not in the same transaction as the transfer: a failed relink is logged and
// leaves the photos visible to the old queue until a retry).
import type { IncomingMessage } from 'node:http';
import type { i18n as I18nInstance } from 'i18next';
import type { Request, Response, Server } from 'restify';
import { BadRequestError, ConflictError, NotFoundError } from '../errors';
import type { Segment } from '../flows';
import { URGENCIES } from '../flows';
import { LOCALES, type Locale } from '../flows/contract';
import {
  estimateWait,
  HANDLING_HISTORY_MS,
  queueOverview,
  queueStatus,
  type CaseMessage,
  type CaseOutcome,
  type HandoffCase,
  type HandoffStore,
  type StaffCaller,
} from '../handoff';
import { ABANDONED_VISIBLE_MS } from '../handoff/handoffStore';
import type { Logger } from '../logger';
import type { ServiceCatalog } from '../routing/catalog/types';
import { entriesToCheck } from '../routing/catalogFreshness';
import type { AuthenticatedStaff, StaffAuthenticator, StaffIdentity } from '../staff/authentication';
import { LoginFailedError } from '../staff/staffErrors';
import type { BlobStore, PhotoCaller, PhotoVariant, StoredPhotoRef } from '../storage/blobStore';
import { asyncRoute } from './asyncRoute';
import { asObject, readJsonBody } from './jsonBody';
import { queryParam } from './queryParam';
import type { RateLimiter } from './rateLimit';
import { caseSummaryText } from './staffCaseSummary';
import { answerLines } from './answerLines';
import { toLocale } from '../i18n/i18n';
import {
  assertQueueAccess,
  assertSameOrigin,
  clearSessionCookie,
  readSessionCookie,
  requireStaff,
  setSessionCookie,
  staffClientIp,
  takeLoginAttempt,
  takeUsernameAttempt,
  type StaffHttpOptions,
} from './staffAuth';
import { systemClock } from '../clock';

/** Longest internal note or release/transfer note, in characters. */
export const MAX_NOTE_LENGTH = 2000;
/** Longest username or password field the login route reads. */
const MAX_LOGIN_FIELD = 256;
/** Bodies of this API are small; the login body included. */
const MAX_STAFF_BODY_BYTES = 16 * 1024;
const CASE_OUTCOMES: readonly CaseOutcome[] = ['advice_given', 'appointment_booked', 'referred_service', 'referred_ngo', 'no_reply'];
/** `?status=` of the case list: `queued` (default: waiting cases and due contact requests) or `abandoned` (last 24 h). */
const LIST_STATUSES = ['queued', 'abandoned'] as const;
const PHOTO_VARIANTS: readonly PhotoVariant[] = ['image', 'thumbnail'];
const ID_PATTERN = /^[A-Za-z0-9_-]{1,64}$/;
const QUEUE_ID_PATTERN = /^[a-z0-9_]{1,64}$/;
/** A typing indicator goes to the client at most this often per case (Web Chat shows one for 5 s). */
export const STAFF_TYPING_INTERVAL_MS = 2000;
/** Photo bytes never render as anything but an image, and nothing else loads with them. */
const PHOTO_CSP = "default-src 'none'; img-src 'self'; style-src 'unsafe-inline'; sandbox";

/** What the staff API needs from the composition root. */
export interface StaffApiOptions {
  authenticator: StaffAuthenticator;
  handoff: HandoffStore;
  blobStore: BlobStore;
  catalog: ServiceCatalog;
  i18n: I18nInstance;
  http: StaffHttpOptions;
  loginLimiter: RateLimiter;
  /** Login attempts per username from any address (STAFF_LOGIN_RATE_LIMIT_PER_USERNAME_PER_MINUTE). */
  usernameLimiter?: RateLimiter;
  /** Longest staff message to the client (the chat's MAX_MESSAGE_LENGTH). */
  maxMessageLength: number;
  /** Handling time the overview's wait estimate uses without history. */
  defaultHandlingMinutes: number;
  logger: Logger;
  clock?: () => Date;
  /**
   * Called after a staff message to the client is stored; the live relay to the client hooks
   * in here. A failure is logged and reported as `relayed: false`; the message stays stored.
   */
  onStaffMessage?: (handoffCase: HandoffCase, staff: StaffIdentity, text: string) => Promise<void>;
  /** Shows the client that staff are typing (a `typing` activity with the staff member's name). */
  onStaffTyping?: (handoffCase: HandoffCase, staff: StaffIdentity) => Promise<void>;
  /** Tells the client who took their case ("<name>, <role> has joined"). */
  onClaim?: (handoffCase: HandoffCase, staff: StaffIdentity) => Promise<void>;
  /** Tells the client the chat ended, what happens next, and asks for feedback. */
  onClose?: (handoffCase: HandoffCase, staff: StaffIdentity) => Promise<void>;
  /**
   * After a staff deletion: erases what the case's conversation still holds (its log, bot state,
   * other photos). A failure is logged and reported as `conversationErased: false`; the case is gone.
   */
  onCaseDeleted?: (deleted: HandoffCase) => Promise<void>;
  /** The case's verified identity, opened for the data-subject export (identity/ seals it). */
  exportIdentity?: (handoffCase: HandoffCase) => Record<string, unknown>;
}

// ---------------------------------------------------------------- validation helpers

function invalid(message: string, code = 'InvalidField'): BadRequestError {
  return new BadRequestError(message, code);
}

/** The JSON object body, refusing fields other than `allowed`. */
async function readBody(req: IncomingMessage, allowed: readonly string[]): Promise<Record<string, unknown>> {
  const body = asObject((await readJsonBody(req, MAX_STAFF_BODY_BYTES)) ?? {}, 'the request body');
  const unknown = Object.keys(body).filter((k) => !allowed.includes(k));
  if (unknown.length > 0) throw invalid(`unknown field(s): ${unknown.map((k) => k.slice(0, 40)).join(', ')}`, 'UnknownField');
  return body;
}

/** A required text field: a string, trimmed, 1..max characters, no control characters but line breaks and tabs. */
function textField(body: Record<string, unknown>, name: string, max: number): string {
  const raw = body[name];
  if (raw === undefined || raw === null) throw invalid(`${name} is required`, 'MissingField');
  if (typeof raw !== 'string') throw invalid(`${name} must be a string`);
  const text = raw.trim();
  if (text === '') throw invalid(`${name} must not be empty`, 'MissingField');
  if ([...text].length > max) throw invalid(`${name} is longer than ${max} characters`, 'TooLong');
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/.test(text)) throw invalid(`${name} contains control characters`);
  return text;
}

function enumField<T extends string | number>(body: Record<string, unknown>, name: string, allowed: readonly T[], required: boolean): T | undefined {
  const raw = body[name];
  if (raw === undefined || raw === null) {
    if (required) throw invalid(`${name} is required`, 'MissingField');
    return undefined;
  }
  if (!(allowed as readonly unknown[]).includes(raw)) throw invalid(`${name} must be one of ${allowed.join(', ')}`);
  return raw as T;
}

/** A route parameter that is an id (case, photo): URL-safe, at most 64 characters. */
function idParam(req: Request, name: string): string {
  const raw = (req.params as Record<string, unknown> | undefined)?.[name];
  if (typeof raw !== 'string' || !ID_PATTERN.test(raw)) throw invalid(`${name} is not a valid id`, 'InvalidParameter');
  return raw;
}

function queueIdValue(raw: unknown, name: string): string {
  if (typeof raw !== 'string' || !QUEUE_ID_PATTERN.test(raw)) throw invalid(`${name} is not a valid queue id`, 'InvalidParameter');
  return raw;
}

/** `?lang=fi|sv|en`; defaults to Finnish. */
function langParam(req: IncomingMessage): Locale {
  const raw = queryParam(req, 'lang');
  if (raw === undefined) return 'fi';
  if (!(LOCALES as readonly string[]).includes(raw)) throw invalid(`lang must be one of ${LOCALES.join(', ')}`, 'InvalidParameter');
  return raw as Locale;
}

// ---------------------------------------------------------------- responses

function send(res: Response, status: number, body: unknown): void {
  res.status(status);
  // setHeader replaces what the global security headers set; restify's header() would append.
  res.setHeader('Content-Type', 'application/json; charset=utf-8');
  res.setHeader('X-Content-Type-Options', 'nosniff');
  res.setHeader('Cache-Control', 'no-store');
  res.end(JSON.stringify(body));
}

const iso = (d: Date | undefined) => (d ? d.toISOString() : null);

/** A case for staff, without the conversation reference (channel internals). */
export function caseJson(c: HandoffCase, now: Date): Record<string, unknown> {
  return {
    id: c.id,
    queueId: c.queueId,
    status: c.status,
    urgency: c.urgency,
    segment: c.segment ?? null,
    topic: c.topic ?? null,
    subject: c.subject ?? null,
    locale: c.locale,
    channel: c.channel,
    answers: c.answers,
    photoCount: c.photoIds.length,
    contactRequest: c.contactRequest ?? null,
    createdAt: iso(c.createdAt),
    waitingMs: c.status === 'waiting' || c.status === 'contact_request' ? Math.max(0, now.getTime() - c.createdAt.getTime()) : null,
    claimedBy: c.claimedBy ?? null,
    claimedAt: iso(c.claimedAt),
    outcome: c.outcome ?? null,
    closedAt: iso(c.closedAt),
    staffUrgency: c.staffUrgency ?? null,
    staffSegment: c.staffSegment ?? null,
    lastClientActivityAt: iso(c.lastClientActivityAt),
    // Only whether: the identity itself is behind GET …/identity (audited), see staffIdentityApi.ts.
    identified: c.identitySealed !== undefined,
  };
}

function listItemJson(c: HandoffCase, now: Date): Record<string, unknown> {
  const { answers: _answers, contactRequest, ...rest } = caseJson(c, now);
  return { ...rest, hasContactRequest: contactRequest !== null };
}

function messageJson(m: CaseMessage): Record<string, unknown> {
  return { id: m.id, from: m.from, staffId: m.staffId ?? null, internal: m.internal, text: m.text, createdAt: iso(m.createdAt) };
}

function photoJson(caseId: string, ref: StoredPhotoRef): Record<string, unknown> {
  const base = `/staff/api/cases/${encodeURIComponent(caseId)}/photos/${encodeURIComponent(ref.id)}`;
  return {
    id: ref.id,
    questionId: ref.questionId,
    contentType: ref.contentType,
    width: ref.width,
    height: ref.height,
    byteSize: ref.byteSize,
    createdAt: iso(ref.createdAt),
    imageUrl: `${base}/image`,
    thumbnailUrl: `${base}/thumbnail`,
  };
}

function callerOf(staff: AuthenticatedStaff): StaffCaller {
  return { staffId: staff.identity.staffId, queues: staff.identity.queues };
}

function photoCallerOf(staff: AuthenticatedStaff): PhotoCaller {
  return { kind: 'staff', staffId: staff.identity.staffId, queues: staff.identity.queues };
}

// ---------------------------------------------------------------- routes

/** Registers every /staff/api route on the server. */
export function registerStaffApi(server: Server, options: StaffApiOptions): void {
  const { authenticator, handoff, blobStore, catalog, i18n, logger } = options;
  const clock = options.clock ?? systemClock;
  const staffOf = (req: Request, now: Date) => requireStaff(req, authenticator, options.http, now);
  const knownQueue = (queueId: string) => catalog.queues.some((q) => q.id === queueId);
  /**
   * Checks the caller may see the case (404 / 403) without writing a `view` audit entry:
   * listMessages does the store's access check and changes nothing.
   */
  const assertCaseAccess = async (caller: StaffCaller, caseId: string) => {
    await handoff.listMessages(caller, caseId);
  };
  /** The case if the caller holds it; 404 / 403 when they may not see it, 409 when it is not theirs to write in. */
  const heldBy = async (caller: StaffCaller, caseId: string): Promise<HandoffCase> => {
    const held = (await handoff.listClaimedBy(caller)).find((c) => c.id === caseId);
    if (held) return held;
    await assertCaseAccess(caller, caseId);
    throw new ConflictError('claim the case before writing to the client');
  };
  const audit = (staff: AuthenticatedStaff, action: string, caseId: string) => logger.info({ staffId: staff.identity.staffId, caseId, action }, 'staff action');

  // -- session

  server.post(
    '/staff/api/login',
    asyncRoute(async (req, res) => {
      assertSameOrigin(req, options.http);
      takeLoginAttempt(options.loginLimiter, req, options.http);
      const body = await readBody(req, ['username', 'password']);
      const { username, password } = body;
      if (typeof username !== 'string' || username.trim() === '') throw invalid('username is required', 'MissingField');
      if (typeof password !== 'string' || password === '') throw invalid('password is required', 'MissingField');
      if (username.length > MAX_LOGIN_FIELD || password.length > MAX_LOGIN_FIELD) throw invalid('username or password is too long', 'TooLong');
      if (options.usernameLimiter) takeUsernameAttempt(options.usernameLimiter, username);
      const now = clock();
      try {
        const login = await authenticator.login(username, password, now, staffClientIp(req, options.http));
        setSessionCookie(res, req, options.http, login, now);
        logger.info({ staffId: login.identity.staffId }, 'staff login');
        send(res, 200, { identity: login.identity, csrfToken: login.csrfToken, expiresAt: iso(login.expiresAt) });
      } catch (error) {
        // The reason stays in the log; the username does not go there.
        if (error instanceof LoginFailedError) logger.warn({ reason: error.reason }, 'staff login refused');
        throw error;
      }
    }),
  );

  server.post(
    '/staff/api/logout',
    asyncRoute(async (req, res) => {
      const staff = await staffOf(req, clock());
      await authenticator.logout(readSessionCookie(req));
      clearSessionCookie(res, req, options.http);
      logger.info({ staffId: staff.identity.staffId }, 'staff logout');
      send(res, 200, { loggedOut: true });
    }),
  );

  server.get(
    '/staff/api/me',
    asyncRoute(async (req, res) => {
      const staff = await staffOf(req, clock());
      send(res, 200, { identity: staff.identity, csrfToken: staff.csrfToken, expiresAt: iso(staff.expiresAt) });
    }),
  );

  // -- queues

  server.get(
    '/staff/api/queues',
    asyncRoute(async (req, res) => {
      const now = clock();
      const staff = await staffOf(req, now);
      const queues = staff.identity.queues.filter(knownQueue);
      const online = await authenticator.onlineCountsByQueue(now);
      const onlineMine = Object.fromEntries(queues.map((q) => [q, online[q] ?? 0]));
      const entries = (await Promise.all(queues.map((q) => handoff.queueEntries(q, { now, catalog })))).flat();
      const rows = queueOverview(entries, onlineMine, now);
      const since = new Date(now.getTime() - HANDLING_HISTORY_MS);
      const overview = await Promise.all(
        queues.map(async (queueId) => {
          const row = rows.find((r) => r.queueId === queueId)!;
          const queue = catalog.queues.find((q) => q.id === queueId)!;
          const status = queueStatus(queueId, catalog, now);
          const estimate = estimateWait(row.waiting + 1, {
            staffOnline: row.staffOnline,
            recentHandlingMs: await handoff.handlingTimes(queueId, since),
            defaultHandlingMs: options.defaultHandlingMinutes * 60_000,
          });
          return {
            ...row,
            name: queue.name,
            open: status.open,
            nextOpening: status.open ? null : iso(status.nextOpening),
            estimateForNewArrival: estimate,
          };
        }),
      );
      // The catalog's facts to re-check, for every member of staff: no personal data, and staff are who notice a wrong number.
      const catalogToCheck = entriesToCheck(catalog, now).map((entry) => ({ ...entry, name: catalog.resources.find((r) => r.id === entry.id)!.name }));
      send(res, 200, { queues: overview, catalogToCheck, at: now.toISOString() });
    }),
  );

  // -- cases

  server.get(
    '/staff/api/cases',
    asyncRoute(async (req, res) => {
      const now = clock();
      const staff = await staffOf(req, now);
      const raw = queryParam(req, 'queue');
      let queueIds: string[];
      if (raw === undefined) queueIds = staff.identity.queues;
      else {
        const queueId = queueIdValue(raw, 'queue');
        assertQueueAccess(staff.identity, queueId);
        queueIds = [queueId];
      }
      const status = queryParam(req, 'status');
      if (status !== undefined && !(LIST_STATUSES as readonly string[]).includes(status)) {
        throw invalid(`status must be one of ${LIST_STATUSES.join(', ')}`, 'InvalidParameter');
      }
      const cases =
        status === 'abandoned'
          ? (await Promise.all(queueIds.map((q) => handoff.listAbandoned(callerOf(staff), q, new Date(now.getTime() - ABANDONED_VISIBLE_MS))))).flat()
          : await handoff.listByQueues(callerOf(staff), queueIds, { now, catalog });
      send(res, 200, { cases: cases.map((c) => listItemJson(c, now)) });
    }),
  );

  server.get(
    '/staff/api/my-cases',
    asyncRoute(async (req, res) => {
      const now = clock();
      const staff = await staffOf(req, now);
      const cases = await handoff.listClaimedBy(callerOf(staff));
      send(res, 200, { cases: cases.map((c) => listItemJson(c, now)) });
    }),
  );

  server.get(
    '/staff/api/cases/:id',
    asyncRoute(async (req, res) => {
      const now = clock();
      const staff = await staffOf(req, now);
      const caseId = idParam(req, 'id');
      const caller = callerOf(staff);
      const found = await handoff.get(caller, caseId, now);
      const messages = await handoff.listMessages(caller, caseId);
      const visible = await blobStore.listForConversation(found.conversationId, photoCallerOf(staff));
      const photos = visible.filter((ref) => ref.caseId === caseId && found.photoIds.includes(ref.id));
      audit(staff, 'view', caseId);
      const lang = toLocale(queryParam(req, 'lang')) ?? 'fi';
      send(res, 200, {
        case: caseJson(found, now),
        answerLines: answerLines(found.answers, found.subject, options.i18n.getFixedT(lang)),
        messages: messages.map(messageJson),
        photos: photos.map((ref) => photoJson(caseId, ref)),
        // Photos of the case not (yet) linked to its queue: staff know something is missing.
        photosUnavailable: found.photoIds.length - photos.length,
      });
    }),
  );

  server.get(
    '/staff/api/cases/:id/photos/:photoId/:variant',
    asyncRoute(async (req, res) => {
      const now = clock();
      const staff = await staffOf(req, now);
      const caseId = idParam(req, 'id');
      const photoId = idParam(req, 'photoId');
      const variant = (req.params as Record<string, unknown>).variant;
      if (!(PHOTO_VARIANTS as readonly unknown[]).includes(variant)) throw invalid('variant must be image or thumbnail', 'InvalidParameter');
      await assertCaseAccess(callerOf(staff), caseId);
      const photo = await blobStore.get(photoId, photoCallerOf(staff), variant as PhotoVariant);
      // A photo of another case (even one the caller may see) is not found under this case.
      if (photo.ref.caseId !== caseId) throw new NotFoundError('photo not found');
      res.status(200);
      res.setHeader('Content-Type', photo.contentType);
      res.setHeader('Content-Length', String(photo.bytes.length));
      res.setHeader('Cache-Control', 'no-store');
      res.setHeader('X-Content-Type-Options', 'nosniff');
      res.setHeader('Content-Security-Policy', PHOTO_CSP);
      res.setHeader('Content-Disposition', 'inline');
      res.end(photo.bytes);
    }),
  );

  server.post(
    '/staff/api/cases/:id/claim',
    asyncRoute(async (req, res) => {
      const now = clock();
      const staff = await staffOf(req, now);
      const caseId = idParam(req, 'id');
      await readBody(req, []);
      const claimed = await handoff.claim(callerOf(staff), caseId, now);
      audit(staff, 'claim', caseId);
      let announced = false;
      if (options.onClaim) {
        try {
          await options.onClaim(claimed, staff.identity);
          announced = true;
        } catch (error) {
          logger.error({ err: error, caseId }, 'could not tell the client who joined');
        }
      }
      send(res, 200, { case: caseJson(claimed, now), announced });
    }),
  );

  server.post(
    '/staff/api/cases/:id/release',
    asyncRoute(async (req, res) => {
      const now = clock();
      const staff = await staffOf(req, now);
      const caseId = idParam(req, 'id');
      const body = await readBody(req, ['note']);
      const note = textField(body, 'note', MAX_NOTE_LENGTH);
      const released = await handoff.release(callerOf(staff), caseId, note, now);
      audit(staff, 'release', caseId);
      send(res, 200, { case: caseJson(released, now) });
    }),
  );

  server.post(
    '/staff/api/cases/:id/transfer',
    asyncRoute(async (req, res) => {
      const now = clock();
      const staff = await staffOf(req, now);
      const caseId = idParam(req, 'id');
      const body = await readBody(req, ['queueId', 'note']);
      if (body.queueId === undefined || body.queueId === null) throw invalid('queueId is required', 'MissingField');
      const queueId = queueIdValue(body.queueId, 'queueId');
      if (!knownQueue(queueId)) throw invalid('no such queue in the service catalog', 'UnknownQueue');
      const note = textField(body, 'note', MAX_NOTE_LENGTH);
      const moved = await handoff.transfer(callerOf(staff), caseId, queueId, note, now);
      audit(staff, 'transfer', caseId);
      try {
        await blobStore.linkToCase(moved.conversationId, caseId, queueId, moved.photoIds);
      } catch (error) {
        logger.error({ err: error, caseId }, 'could not relink the photos of a transferred case');
      }
      send(res, 200, { case: caseJson(moved, now) });
    }),
  );

  server.post(
    '/staff/api/cases/:id/close',
    asyncRoute(async (req, res) => {
      const now = clock();
      const staff = await staffOf(req, now);
      const caseId = idParam(req, 'id');
      const body = await readBody(req, ['outcome', 'staffUrgency', 'staffSegment']);
      const outcome = enumField(body, 'outcome', CASE_OUTCOMES, true)!;
      const staffUrgency = enumField(body, 'staffUrgency', URGENCIES, true)!;
      const staffSegment = enumField<Segment>(body, 'staffSegment', [1, 2, 3, 4], false);
      const closed = await handoff.close(callerOf(staff), caseId, { outcome, staffUrgency, ...(staffSegment !== undefined ? { staffSegment } : {}) }, now);
      audit(staff, 'close', caseId);
      let told = false;
      if (options.onClose) {
        try {
          await options.onClose(closed, staff.identity);
          told = true;
        } catch (error) {
          logger.error({ err: error, caseId }, 'could not tell the client the chat ended');
        }
      }
      send(res, 200, { case: caseJson(closed, now), told });
    }),
  );

  server.post(
    '/staff/api/cases/:id/notes',
    asyncRoute(async (req, res) => {
      const now = clock();
      const staff = await staffOf(req, now);
      const caseId = idParam(req, 'id');
      const body = await readBody(req, ['text']);
      const text = textField(body, 'text', MAX_NOTE_LENGTH);
      const note = await handoff.addMessage(caseId, { kind: 'staff', caller: callerOf(staff), internal: true }, text, now);
      audit(staff, 'note', caseId);
      send(res, 201, { message: messageJson(note) });
    }),
  );

  server.post(
    '/staff/api/cases/:id/messages',
    asyncRoute(async (req, res) => {
      const now = clock();
      const staff = await staffOf(req, now);
      const caseId = idParam(req, 'id');
      const body = await readBody(req, ['text']);
      const text = textField(body, 'text', options.maxMessageLength);
      const caller = callerOf(staff);
      const held = await heldBy(caller, caseId);
      const message = await handoff.addMessage(caseId, { kind: 'staff', caller, internal: false }, text, now);
      audit(staff, 'message', caseId);
      let relayed = false;
      if (options.onStaffMessage) {
        try {
          await options.onStaffMessage(held, staff.identity, text);
          relayed = true;
        } catch (error) {
          logger.error({ err: error, caseId }, 'staff message relay failed');
        }
      }
      send(res, 201, { message: messageJson(message), relayed });
    }),
  );

  // The console calls this while the nurse types; the client sees "<name> is typing".
  const lastTyping = new Map<string, number>();
  server.post(
    '/staff/api/cases/:id/typing',
    asyncRoute(async (req, res) => {
      const now = clock();
      const staff = await staffOf(req, now);
      const caseId = idParam(req, 'id');
      await readBody(req, []);
      const caller = callerOf(staff);
      const held = await heldBy(caller, caseId);
      const key = `${staff.identity.staffId} ${caseId}`;
      const last = lastTyping.get(key);
      let relayed = false;
      if (options.onStaffTyping && (last === undefined || now.getTime() - last >= STAFF_TYPING_INTERVAL_MS || now.getTime() < last)) {
        lastTyping.set(key, now.getTime());
        // The map stays small: only cases typed in during the last interval are kept.
        for (const [k, at] of lastTyping) if (now.getTime() - at > STAFF_TYPING_INTERVAL_MS * 10) lastTyping.delete(k);
        try {
          await options.onStaffTyping(held, staff.identity);
          relayed = true;
        } catch (error) {
          logger.warn({ err: error, caseId }, 'staff typing relay failed');
        }
      }
      send(res, 202, { relayed });
    }),
  );

  server.get(
    '/staff/api/cases/:id/summary',
    asyncRoute(async (req, res) => {
      const now = clock();
      const staff = await staffOf(req, now);
      const caseId = idParam(req, 'id');
      const lang = langParam(req);
      const found = await handoff.get(callerOf(staff), caseId, now);
      audit(staff, 'summary', caseId);
      send(res, 200, { lang, text: caseSummaryText(found, lang, i18n, catalog) });
    }),
  );

  server.get(
    '/staff/api/cases/:id/audit',
    asyncRoute(async (req, res) => {
      const staff = await staffOf(req, clock());
      const caseId = idParam(req, 'id');
      const entries = await handoff.listAudit(callerOf(staff), caseId);
      send(res, 200, { entries: entries.map((e) => ({ ...e, at: iso(e.at) })) });
    }),
  );

  // -- data-subject requests (export and deletion), only for cases of the caller's queues

  server.get(
    '/staff/api/cases/:id/export',
    asyncRoute(async (req, res) => {
      const now = clock();
      const staff = await staffOf(req, now);
      const caseId = idParam(req, 'id');
      const exported = await handoff.exportCase(callerOf(staff), caseId, now);
      // The same access rule as the photo route (photos linked to this case, for this caller), and
      // only those the case lists: never one the client took back.
      const refs = (await blobStore.listForConversation(exported.case.conversationId, photoCallerOf(staff))).filter(
        (ref) => ref.caseId === caseId && exported.case.photoIds.includes(ref.id),
      );
      const photos = [];
      for (const ref of refs) {
        const image = await blobStore.get(ref.id, photoCallerOf(staff), 'image');
        photos.push({ ...photoJson(caseId, ref), imageBase64: image.bytes.toString('base64') });
      }
      audit(staff, 'export', caseId);
      res.setHeader('Content-Disposition', `attachment; filename="luotsi-case-${caseId}.json"`);
      send(res, 200, {
        exportedAt: iso(now),
        exportedBy: staff.identity.staffId,
        case: caseJson(exported.case, now),
        messages: exported.messages.map(messageJson),
        ...(options.exportIdentity && exported.case.identitySealed !== undefined && { identity: options.exportIdentity(exported.case) }),
        photos,
        audit: exported.audit.map((e) => ({ ...e, at: iso(e.at) })),
      });
    }),
  );

  server.del(
    '/staff/api/cases/:id',
    asyncRoute(async (req, res) => {
      const now = clock();
      const staff = await staffOf(req, now);
      const caseId = idParam(req, 'id');
      const deleted = await handoff.deleteCase(callerOf(staff), caseId, now);
      audit(staff, 'delete', caseId);
      let conversationErased = true;
      if (options.onCaseDeleted) {
        try {
          await options.onCaseDeleted(deleted);
        } catch (error) {
          conversationErased = false;
          logger.error({ err: error, caseId }, 'could not erase the conversation of a deleted case');
        }
      }
      send(res, 200, { deleted: caseId, conversationErased });
    }),
  );

  // -- reports (optionally narrowed to one of the caller's queues with ?queue=)

  const reportCaller = (req: Request, staff: AuthenticatedStaff): StaffCaller => {
    const raw = queryParam(req, 'queue');
    if (raw === undefined) return callerOf(staff);
    const queueId = queueIdValue(raw, 'queue');
    assertQueueAccess(staff.identity, queueId);
    return { staffId: staff.identity.staffId, queues: [queueId] };
  };

  server.get(
    '/staff/api/reports/accuracy',
    asyncRoute(async (req, res) => {
      const staff = await staffOf(req, clock());
      const caller = reportCaller(req, staff);
      send(res, 200, { queues: caller.queues, report: await handoff.triageAccuracy(caller) });
    }),
  );

  server.get(
    '/staff/api/reports/feedback',
    asyncRoute(async (req, res) => {
      const staff = await staffOf(req, clock());
      const caller = reportCaller(req, staff);
      send(res, 200, { queues: caller.queues, feedback: await handoff.feedbackSummary(caller) });
    }),
  );
}
