import { randomBytes } from 'node:crypto';
import { ActivityTypes, type Activity, type TurnContext } from 'botbuilder';
import type { Logger } from 'pino';
import type { IncomingMessage } from 'node:http';
import { BadRequestError, BotTimeoutError, ForbiddenError, NotFoundError, NotImplementedError } from '../errors';
import type { AttemptBudget } from '../media/attemptBudget';
import type { PhotoIntake, UploadOutcome } from '../media/uploadOutcome';
import { parseUpload, type UploadLimits } from '../media/uploadParser';
import type { BlobStore, PhotoContent, PhotoVariant } from '../storage/blobStore';
import { PhotoLinks, photoUri } from './photoLinks';
import { toLocale } from '../i18n/i18n';
import type { ActivityLog, TurnClientActivity, WireActivity } from '../storage/activityLog';
import type { Coordination } from '../storage/coordination';
import type { LuotsiDatabase } from '../storage/database';
import { RateLimiter } from '../http/rateLimit';
import { normalizeClientActivity } from './incomingActivity';
import { DEFAULT_STREAM_LIMITS, StreamHub, type StreamLimits } from './streamHub';
import { UsedStreamNonces } from './streamNonces';
import { assertConversation, bearerToken, TokenSigner, type ChannelTokenClaims } from './tokens';
import { TurnQueue } from './turnQueue';
import { VerifiedTokens } from './verifiedTokens';
import { WEB_BOT_ACCOUNT, WEB_CHANNEL_ID, WEB_SERVICE_URL, WebChannelAdapter } from './webChannelAdapter';
import { systemClock } from '../clock';
import { turnPhases } from '../metrics/turnPhases';

/** Seconds a stream URL stays usable; the client connects right after receiving it. */
const STREAM_URL_TTL_SECONDS = 120;
const PAGE_SIZE = 100;
/** Fresh stream URLs (reconnects) one conversation may ask for per minute. */
const RECONNECTS_PER_MINUTE = 30;
/** Activity polls one conversation may make per minute by default (the official client polls about once a second). */
const POLLS_PER_MINUTE = 120;
/** A client sending too fast hears why at most once in this time. */
const TOO_FAST_NOTICE_INTERVAL_MS = 60_000;
/** Conversations remembered as told at most (a flood from many conversations at once). */
const MAX_TOLD_TOO_FAST = 10_000;

/** Photo uploads: where they go and how big they may be; without it uploads answer 501. */
export interface WebChannelPhotos {
  intake: PhotoIntake;
  store: BlobStore;
  limits: UploadLimits;
  /** Photos the conversation's flow still takes now (undefined: no photo asked); checked before the body is read. */
  room?: (conversationId: string) => Promise<number | undefined>;
  /** Files each conversation may have checked, refused ones included. */
  attempts?: AttemptBudget;
}

export interface WebChannelOptions {
  log: ActivityLog;
  photos?: WebChannelPhotos;
  signer: TokenSigner;
  tokenTtlSeconds: number;
  turnTimeoutMs: number;
  logger: Logger;
  /** Turn locks and change announcements shared with other instances on the same database. */
  coordination: Coordination;
  /** Writes a turn's state and replies in one transaction (the database's commitTurn). */
  commitTurn?: LuotsiDatabase['commitTurn'];
  /** Messages per conversation (per instance); beyond it 429 + Retry-After and one notice in the chat. */
  messageLimiter?: RateLimiter;
  /** The chat notice a client gets when it sends too fast, in its language. */
  tooFastNotice?: (locale: string | undefined) => Partial<Activity>;
  /** The bot's name in a language (Luotsi, Lotsen), shown and read out as the sender of its messages. */
  botName?: (locale: string | undefined) => string;
  /** Open streams per conversation and per client address. */
  streamLimits?: StreamLimits;
  /** Activity polls per conversation per minute. */
  pollsPerMinute?: number;
  clock?: () => Date;
  /** Told when the client is typing (a `typing` activity: not logged, no turn); must not throw. */
  onClientTyping?: (conversationId: string) => void;
}

/** Direct Line 3.0 conversation answer. */
export interface ConversationResponse {
  conversationId: string;
  token: string;
  expires_in: number;
  streamUrl?: string;
}

/** Conversations held in each of the channel's in-memory maps (see WebChannel.memoryHeld). */
export interface ChannelMemory {
  turnQueues: number;
  streams: number;
  messageLimits: number;
  pollLimits: number;
  reconnectLimits: number;
  toldTooFast: number;
  /** Verified tokens remembered (bounded; not per finished conversation, so not a leak). */
  verifiedTokens: number;
}

/** The bot's turn handler, as `ActivityHandler.run`. */
export type BotTurn = (context: TurnContext) => Promise<void>;

function parseWatermark(raw: unknown): number {
  if (raw === undefined || raw === null || raw === '') return 0;
  if (typeof raw !== 'string' || !/^\d{1,15}$/.test(raw)) throw new BadRequestError('watermark must be a non-negative integer', 'BadWatermark');
  return Number(raw);
}

/**
 * What a turn runs on: the activity for the bot, and the watermark of the client activity it
 * answers or that activity itself, for the turn's commit to log (WebChannelAdapter.processActivity).
 */
interface PreparedTurn {
  activity: Partial<Activity>;
  answers?: number | TurnClientActivity;
}

/** Printable ASCII without spaces, at most 100 characters (the length normalizeClientActivity allows). */
const CLIENT_ACTIVITY_ID = /^[\x21-\x7e]{1,100}$/;

/** The client's own id of its activity (Web Chat: channelData.clientActivityID), kept by normalizeClientActivity. */
function clientActivityIdOf(activity: { channelData?: unknown }): string | undefined {
  const id = (activity.channelData as { clientActivityID?: unknown } | undefined)?.clientActivityID;
  // Web Chat's ids are short printable strings; anything else (a NUL, which PostgreSQL cannot store
  // in a text column, control characters, spaces) is not an id to remember: the turn runs without it.
  return typeof id === 'string' && CLIENT_ACTIVITY_ID.test(id) ? id : undefined;
}

/** Stands in for the watermark in the id the bot sees of a client activity its turn's commit will log. */
const PROVISIONAL_ID = 'pending';

function newId(): string {
  return randomBytes(16).toString('base64url');
}

/**
 * The local Direct Line 3.0-compatible web channel: tokens bound to one conversation,
 * the persistent activity log, WebSocket streams, and in-process delivery to the bot.
 */
export class WebChannel {
  readonly hub: StreamHub;
  readonly turns = new TurnQueue();
  readonly adapter: WebChannelAdapter;
  private readonly clock: () => Date;
  private readonly links: PhotoLinks;
  private bot: BotTurn | undefined;
  /** When each conversation last heard the "too fast" notice, within the last interval only. */
  private readonly toldTooFast = new Map<string, number>();
  private readonly usedStreamUrls = new UsedStreamNonces();
  private readonly reconnectLimiter: RateLimiter;
  private readonly pollLimiter: RateLimiter;
  private readonly tokens: VerifiedTokens;

  constructor(private readonly options: WebChannelOptions) {
    this.clock = options.clock ?? systemClock;
    this.tokens = new VerifiedTokens(options.signer);
    this.links = new PhotoLinks(options.signer, this.clock);
    const millis = () => this.clock().getTime();
    this.reconnectLimiter = new RateLimiter(RECONNECTS_PER_MINUTE, millis);
    this.pollLimiter = new RateLimiter(options.pollsPerMinute ?? POLLS_PER_MINUTE, millis);
    this.hub = new StreamHub(
      options.log,
      (error) => options.logger.error({ err: error }, 'stream failed'),
      (conversationId, activity) => this.links.present(conversationId, activity),
      options.streamLimits ?? DEFAULT_STREAM_LIMITS,
    );
    this.adapter = new WebChannelAdapter(
      options.log,
      (conversationId, announced) => this.appended(conversationId, announced),
      this.clock,
      options.commitTurn,
      options.botName,
    );
    // Another instance wrote to a conversation whose stream is open here (staff reply, queue update).
    options.coordination.onAnnounce((conversationId) => (conversationId === undefined ? this.hub.publishAll() : this.hub.publish(conversationId)));
  }

  /** New activities are in the conversation's log: push them here and tell the other instances (unless the commit did). */
  private appended(conversationId: string, announced = false): void {
    this.hub.publish(conversationId);
    if (announced) return;
    // The log already holds the activities; a lost announcement only delays other instances'
    // streams until the client's next poll or reconnect, so it must not fail the turn.
    this.options.coordination.announce(conversationId).catch((error: unknown) => this.options.logger.warn({ err: error }, 'announce failed'));
  }

  /** Connects the bot that handles this channel's turns. */
  setBot(bot: BotTurn): void {
    this.bot = bot;
  }

  /**
   * How many conversations each piece of in-memory bookkeeping holds: a finished conversation
   * must leave none of it behind once its limits have refilled (for leak checks and tests).
   */
  memoryHeld(): ChannelMemory {
    return {
      turnQueues: this.turns.conversations,
      streams: this.hub.conversationCount,
      messageLimits: this.options.messageLimiter?.trackedKeys ?? 0,
      pollLimits: this.pollLimiter.trackedKeys,
      reconnectLimits: this.reconnectLimiter.trackedKeys,
      toldTooFast: this.toldTooFast.size,
      verifiedTokens: this.tokens.size,
    };
  }

  /** POST /tokens/generate: a new conversation id and a token for it. */
  generateToken(): ConversationResponse {
    const conversationId = newId();
    const userId = `dl_${newId()}`;
    return this.tokenResponse({ cid: conversationId, uid: userId });
  }

  /** POST /tokens/refresh: the same grant with a new expiry. */
  refreshToken(authorization: string | undefined): ConversationResponse {
    const claims = this.verify(authorization);
    return this.tokenResponse({ cid: claims.cid, uid: claims.uid });
  }

  /** POST /conversations: creates (or resumes) the token's conversation and greets once. */
  async startConversation(authorization: string | undefined, body: unknown, baseUrl: string): Promise<{ created: boolean; response: ConversationResponse }> {
    const claims = this.verify(authorization);
    const requested = typeof body === 'object' && body !== null ? (body as Record<string, unknown>).locale : undefined;
    let conversation = await this.options.log.getConversation(claims.cid);
    const created = conversation === undefined;
    if (!conversation) {
      await this.options.log.createConversation({
        id: claims.cid,
        userId: claims.uid,
        locale: toLocale(requested),
        createdAt: this.clock().getTime(),
      });
      conversation = await this.options.log.getConversation(claims.cid);
    }
    if (conversation && (await this.options.log.markStarted(claims.cid))) {
      await this.runTurn(claims.cid, async () => ({
        activity: {
          type: ActivityTypes.ConversationUpdate,
          membersAdded: [{ id: claims.uid, name: '', role: 'user' }],
          from: { id: claims.uid, name: '', role: 'user' },
          recipient: { ...WEB_BOT_ACCOUNT },
          conversation: { id: claims.cid, isGroup: false, conversationType: 'personal', name: '' },
          channelId: WEB_CHANNEL_ID,
          serviceUrl: WEB_SERVICE_URL,
          locale: conversation.locale,
          id: `${claims.cid}|start`,
          timestamp: this.clock(),
        },
      })).catch((error: unknown) => this.options.logger.warn({ err: error, conversation: claims.cid }, 'welcome turn failed'));
    }
    return { created, response: { ...this.tokenResponse(claims), streamUrl: this.streamUrl(claims, 0, baseUrl) } };
  }

  /** GET /conversations/:id?watermark=: a fresh stream URL for a reconnecting client. */
  async reconnect(authorization: string | undefined, conversationId: string, watermarkRaw: unknown, baseUrl: string): Promise<ConversationResponse> {
    const claims = await this.authorize(authorization, conversationId);
    const watermark = parseWatermark(watermarkRaw);
    this.reconnectLimiter.take(conversationId);
    return {
      conversationId,
      token: bearerToken(authorization),
      expires_in: Math.max(0, claims.exp - Math.floor(this.clock().getTime() / 1000)),
      streamUrl: this.streamUrl(claims, watermark, baseUrl),
    };
  }

  /** POST /conversations/:id/activities: logs the client's activity, runs the bot's turn, returns its id. */
  async postActivity(authorization: string | undefined, conversationId: string, body: unknown): Promise<{ id: string }> {
    const claims = await this.authorize(authorization, conversationId);
    const activity = normalizeClientActivity(body, conversationId, claims.uid);
    if (activity.type === ActivityTypes.Typing) {
      this.options.onClientTyping?.(conversationId);
      return { id: '' };
    }
    await this.takeMessage(conversationId);
    const clientId = clientActivityIdOf(activity);
    let id = '';
    const loggedId = await this.runTurn(conversationId, async () => {
      // A resend (same client activity id: the first answer was lost, e.g. a 503 after the
      // commit) gets the first answer; one whose turn never committed runs it now, logged once.
      const earlier = clientId === undefined ? undefined : await this.options.log.findClientActivity(conversationId, clientId);
      if (earlier) {
        id = earlier.logged.activity.id;
        return earlier.answered ? undefined : { activity: this.forBot(earlier.logged.activity), answers: earlier.logged.watermark };
      }
      // Logged by the turn's commit, with the replies: one write. The bot sees it under a
      // provisional id until then (its replies' replyToId are pointed at the logged one).
      const provisionalId = `${conversationId}|${PROVISIONAL_ID}`;
      const client: TurnClientActivity = { activity, clientActivityId: clientId, provisionalId };
      return { activity: this.forBot({ ...activity, id: provisionalId, timestamp: this.clock().toISOString() }), answers: client };
    });
    if (loggedId !== undefined) id = loggedId;
    return { id };
  }

  /** GET /conversations/:id/activities?watermark=: the next page of activities (polling clients). */
  async getActivities(
    authorization: string | undefined,
    conversationId: string,
    watermarkRaw: unknown,
  ): Promise<{ activities: WireActivity[]; watermark: string }> {
    await this.authorize(authorization, conversationId);
    const watermark = parseWatermark(watermarkRaw);
    this.pollLimiter.take(conversationId);
    const page = await this.options.log.listAfter(conversationId, watermark, PAGE_SIZE);
    const last = page.length > 0 ? page[page.length - 1]!.watermark : watermark;
    return { activities: page.map((entry) => this.links.present(conversationId, entry.activity)), watermark: String(last) };
  }

  /**
   * POST /conversations/:id/upload (multipart, as botframework-directlinejs sends it): the
   * photos are checked and cleaned for the question the conversation is at, the client's
   * message is logged with links to the cleaned copies, and the bot's turn learns the outcome.
   * Everything runs in the conversation's turn queue, so two uploads cannot both slip under
   * the per-question limit.
   */
  async upload(authorization: string | undefined, conversationId: string, req: IncomingMessage): Promise<{ id: string }> {
    const photos = this.options.photos;
    let room: number | undefined;
    let claims: ChannelTokenClaims;
    try {
      claims = await this.authorize(authorization, conversationId);
      if (!photos) throw new NotImplementedError('file upload is not supported');
      // The cheap checks come before the body: the rate limit, and whether a photo is asked at all.
      await this.takeMessage(conversationId);
      room = photos.room ? await photos.room(conversationId) : Number.POSITIVE_INFINITY;
    } catch (error) {
      req.resume();
      throw error;
    }
    // With no room the files are not wanted: their bytes are read past, never buffered.
    const parsed = await parseUpload(req, room === undefined || room === 0 ? { ...photos.limits, maxFileBytes: 0 } : photos.limits);
    // The activity part lists the files' names and types: the bytes decide, so drop them.
    const activity = normalizeClientActivity({ ...parsed.activity, attachments: undefined }, conversationId, claims.uid);
    if (activity.type !== ActivityTypes.Message) throw new BadRequestError('an upload carries a message activity', 'UnsupportedActivityType');
    const clientId = clientActivityIdOf(activity);
    let id = '';
    await this.runTurn(conversationId, async () => {
      // A resend of an upload whose turn committed gets the first answer; its photos are not taken twice.
      const earlier = clientId === undefined ? undefined : await this.options.log.findClientActivity(conversationId, clientId);
      if (earlier?.answered) {
        id = earlier.logged.activity.id;
        return undefined;
      }
      const outcome = await this.photoOutcome(photos, conversationId, parsed.files, room);
      const attachments =
        'photoIds' in outcome
          ? outcome.photoIds.map((photoId) => ({
              contentType: 'image/jpeg',
              contentUrl: photoUri(photoId, 'image'),
              thumbnailUrl: photoUri(photoId, 'thumbnail'),
            }))
          : [];
      // An earlier attempt whose turn did not commit keeps its log entry; this one is logged without the id.
      const logged = await this.options.log.append(conversationId, { ...activity, attachments }, this.clock(), earlier ? undefined : clientId);
      this.appended(conversationId);
      id = logged.activity.id;
      const forBot = this.forBot(logged.activity);
      return { activity: { ...forBot, channelData: { ...(forBot.channelData as object | undefined), luotsiUpload: outcome } }, answers: logged.watermark };
    });
    return { id };
  }

  /** What the upload's files come to: refused early (no photo asked, no room, attempts spent) or the intake's verdict. */
  private async photoOutcome(
    photos: WebChannelPhotos,
    conversationId: string,
    files: Parameters<PhotoIntake>[1],
    room: number | undefined,
  ): Promise<UploadOutcome> {
    if (files.length === 0) return photos.intake(conversationId, files);
    if (room === undefined) return { refused: 'not_expected' };
    if (room === 0) return { refused: 'too_many_files' };
    if (photos.attempts && !photos.attempts.take(conversationId, files.length)) return { refused: 'too_many_attempts' };
    return photos.intake(conversationId, files);
  }

  /** GET /conversations/:id/photos/:photoId/:variant: the conversation's own photo, by its link token or bearer token. */
  async photo(
    conversationId: string,
    photoId: string,
    variant: string,
    linkToken: string | undefined,
    authorization: string | undefined,
  ): Promise<PhotoContent> {
    const store = this.options.photos?.store;
    if (!store) throw new NotFoundError('no photos here');
    if (variant !== 'image' && variant !== 'thumbnail') throw new NotFoundError('no such photo variant');
    const claims = linkToken !== undefined ? this.options.signer.verify(linkToken, 'photo', this.clock()) : this.verify(authorization);
    assertConversation(claims, conversationId);
    return store.get(photoId, { kind: 'client', conversationId }, variant as PhotoVariant);
  }

  /**
   * Checks a stream URL's token and uses it up (a URL opens one stream); returns the watermark
   * the stream starts after. Refused with 429 when the address holds its share of streams.
   */
  async authorizeStream(conversationId: string, token: string | null, watermarkRaw: string | null, address = 'unknown'): Promise<number> {
    const now = this.clock();
    const claims = this.options.signer.verify(token ?? '', 'stream', now);
    assertConversation(claims, conversationId);
    const watermark = parseWatermark(watermarkRaw ?? undefined);
    this.hub.assertRoomFor(address);
    if (!(await this.options.log.getConversation(conversationId))) throw new NotFoundError('conversation not found');
    if (claims.jti === undefined || !this.usedStreamUrls.claim(claims.jti, claims.exp * 1000, now.getTime())) {
      throw new ForbiddenError('stream URL already used; ask for a new one', 'StreamUrlUsed');
    }
    return watermark;
  }

  /**
   * Runs a turn behind the conversation's earlier turns: `prepare` (log the client's
   * activity, take its photos) and then the bot, so the log keeps the order the bot saw;
   * `prepare` returns undefined when there is nothing to run (a resend already answered).
   * The caller waits at most turnTimeoutMs; the turn itself still completes.
   */
  private async runTurn(conversationId: string, prepare: () => Promise<PreparedTurn | undefined>): Promise<string | undefined> {
    const bot = this.bot;
    if (!bot) throw new Error('web channel has no bot');
    // The queue orders turns inside this process; the lock orders them across instances.
    const turn = this.turns.run(conversationId, () =>
      this.options.coordination.withConversationLock(conversationId, async () => {
        const prepared = await prepare();
        return prepared ? this.adapter.processActivity(prepared.activity, bot, prepared.answers) : undefined;
      }),
    );
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new BotTimeoutError('the bot did not answer in time')), this.options.turnTimeoutMs);
    });
    try {
      return await Promise.race([turn, timeout]);
    } finally {
      clearTimeout(timer);
    }
  }

  /**
   * Counts a message against the conversation's limit (after authorization, so nobody can spend
   * another conversation's budget). Over the limit the client hears why once per minute, in its
   * language, and the request gets 429; nothing of the conversation changes.
   */
  private async takeMessage(conversationId: string): Promise<void> {
    const limiter = this.options.messageLimiter;
    if (!limiter) return;
    try {
      limiter.take(conversationId);
    } catch (error) {
      const now = this.clock().getTime();
      const notice = this.options.tooFastNotice;
      // A conversation is told only when its entry is gone, so the map is in time order: what is
      // older than the interval goes from the front.
      for (const [told, at] of this.toldTooFast) {
        if (at >= now - TOO_FAST_NOTICE_INTERVAL_MS && this.toldTooFast.size < MAX_TOLD_TOO_FAST) break;
        this.toldTooFast.delete(told);
      }
      if (notice && !this.toldTooFast.has(conversationId)) {
        this.toldTooFast.set(conversationId, now);
        const conversation = await this.options.log.getConversation(conversationId);
        await this.adapter.sendNotice(conversationId, { id: conversation?.userId ?? '', name: '', role: 'user' }, notice(conversation?.locale));
      }
      throw error;
    }
  }

  private forBot(activity: WireActivity): Partial<Activity> {
    const { timestamp, localTimestamp: _local, ...rest } = activity;
    return { ...rest, timestamp: new Date(timestamp) };
  }

  private verify(authorization: string | undefined): ChannelTokenClaims {
    return this.tokens.verifyConversation(bearerToken(authorization), this.clock());
  }

  private async authorize(authorization: string | undefined, conversationId: string): Promise<ChannelTokenClaims> {
    const started = turnPhases.start();
    try {
      const claims = this.verify(authorization);
      assertConversation(claims, conversationId);
      if (!(await this.options.log.getConversation(conversationId))) throw new NotFoundError('conversation not found');
      return claims;
    } finally {
      turnPhases.end('auth', started);
    }
  }

  private tokenResponse(claims: Pick<ChannelTokenClaims, 'cid' | 'uid'>): ConversationResponse {
    const ttl = this.options.tokenTtlSeconds;
    return {
      conversationId: claims.cid,
      token: this.options.signer.issue({ cid: claims.cid, uid: claims.uid, kind: 'conversation' }, ttl, this.clock()),
      expires_in: ttl,
    };
  }

  private streamUrl(claims: Pick<ChannelTokenClaims, 'cid' | 'uid'>, watermark: number, baseUrl: string): string {
    const streamToken = this.options.signer.issue({ cid: claims.cid, uid: claims.uid, kind: 'stream', jti: newId() }, STREAM_URL_TTL_SECONDS, this.clock());
    const wsBase = baseUrl.replace(/^http/, 'ws');
    return `${wsBase}/v3/directline/conversations/${encodeURIComponent(claims.cid)}/stream?watermark=${watermark}&t=${streamToken}`;
  }
}
