import './threadPool';
import { LOCALES, type Locale } from './flows/contract';
import cluster from 'node:cluster';
import type { AddressInfo } from 'node:net';
import type { TurnContext } from 'botbuilder';
import restify, { type Server } from 'restify';
import { LuotsiBot } from './bots/luotsiBot';
import { registerDirectLineRoutes, attachStreamUpgrade } from './http/directLineRoutes';
import { resolveTokenSecret } from './channels/tokenSecret';
import { ChatBrowserBinding } from './channels/chatBrowserBinding';
import { TokenSigner } from './channels/tokens';
import { WebChannel } from './channels/webChannel';
import { ConfigError, NotFoundError } from './errors';
import { loadConfig, type Config } from './config';
import type { PersistedFlow } from './dialogs/flowDialog';
import { textMessage } from './dialogs/promptRenderer';
import { createChannelAttachmentIntake, createPhotoIntake, createPhotoRoom, dropForeignUploadOutcome } from './dialogs/photoIntake';
import { attachmentDownloadPolicy } from './media/attachmentDownload';
import { AttemptBudget } from './media/attemptBudget';
import { IMAGE_DECODES } from './media/imageProcessing';
import { createHandoffRelay } from './dialogs/handoffRelay';
import { createProactiveSender } from './dialogs/proactiveSender';
import { WEB_CHANNEL_ID } from './channels/webChannelAdapter';
import { createConversationEraser } from './dialogs/dataErasure';
import { QueueDesk } from './dialogs/queueDesk';
import { QueuePositionNotifier } from './dialogs/queueUpdates';
import { StaffConnectionWatch } from './dialogs/staffConnectionWatch';
import { createTriageDialog } from './dialogs/triageDialog';
import { DEFAULT_CATALOG, entriesToCheck, validateCatalog } from './routing';
import { failureOf } from './http/asyncRoute';
import { requestBaseUrl } from './http/baseUrl';
import { createCloudAdapter, registerBotEndpoint } from './http/botEndpoint';
import { registerHealth } from './http/health';
import { registerPages } from './http/pages';
import { registerStaffPages } from './http/staffPages';
import { registerStaffApi } from './http/staffApi';
import { registerStaffEvents } from './http/staffEvents';
import { registerStaffReplies } from './http/staffReplies';
import { registerStaffAdminApi } from './http/staffAdminApi';
import { StaffAdmin } from './staff/staffAdmin';
import { READY_REPLIES, READY_REPLY_MAX_LENGTH, validateReadyReplies } from './handoff/readyReplies';
import { withStaffSignals } from './handoff/signallingStore';
import { StaffSignals } from './handoff/staffSignals';
import { TypingThrottle } from './handoff/typingThrottle';
import { StaffAuthenticator } from './staff/authentication';
import { clientIp, trustedHops } from './http/clientIp';
import { RateLimiter } from './http/rateLimit';
import { securityHeaders } from './http/securityHeaders';
import { createI18n, loadLocaleResources, toLocale } from './i18n/i18n';
import { loadCorpus } from './understanding/corpus';
import { NlpTopicFinder } from './understanding/nlpTopicFinder';
import { topicDocuments } from './understanding/topicDocuments';
import { createLogger, type Logger } from './logger';
import { TurnConversationState } from './storage/turnConversationState';
import type { LuotsiDatabase } from './storage/database';
import { openDatabase } from './storage/openDatabase';
import { eraseConversationRest, retentionPeriods, runRetention } from './storage/dataProtection';
import { isStorageUnavailable } from './storage/unavailable';
import { epochMsOf, systemClock, type Clock } from './clock';
import { queueOverview, type HandoffStore } from './handoff';
import { registerMetricsRoute } from './http/metricsRoute';
import { channelLabel, ServiceMetrics } from './metrics/serviceMetrics';
import { timedStateReads, turnPhases } from './metrics/turnPhases';
import { runPrimary } from './workers';
import { randomBytes } from 'node:crypto';
import { IdentificationDesk, type IdentityState } from './dialogs/identification';
import { caseContext, CitizenIdentification } from './identity/citizenIdentification';
import { OidcIdentityProvider, TestIdentityProvider, type IdentityProvider } from './identity/identityProvider';
import { IdentitySealer, resolveIdentityKey } from './identity/identitySealer';
import { registerIdentificationRoutes } from './http/identificationRoutes';
import { registerStaffOidcRoutes } from './http/staffOidcRoutes';
import { createStaffOidcSignIn } from './staff/staffOidcWiring';
import { registerStaffIdentityApi } from './http/staffIdentityApi';

/** Replaceable parts for tests and benchmarks; production uses the defaults. */
export interface ServerOverrides {
  logger?: Logger;
  clock?: Clock;
  database?: LuotsiDatabase;
}

/** A built, not yet listening Luotsi service. */
export interface LuotsiServer {
  readonly config: Config;
  readonly server: Server;
  readonly channel: WebChannel;
  readonly database: LuotsiDatabase;
  /** The handoff store whose changes reach the staff consoles live (database.handoff does not signal). */
  readonly handoff: HandoffStore;
  /** The staff signal bus of this instance. */
  readonly staffSignals: StaffSignals;
  /** Ends every open console stream of this instance (the consoles poll, then reconnect). */
  closeStaffStreams(): void;
  readonly logger: Logger;
  /** Starts listening; resolves with the base URL. */
  listen(port?: number, host?: string): Promise<string>;
  /** One round of the queue watch now (position updates, abandoned marking); false if another instance is running it. */
  runQueueWatch(): Promise<boolean>;
  /** Graceful stop: no new requests, turns in flight finish, streams close, the database closes. */
  close(): Promise<void>;
}

/** An error's class as a metric label: our typed errors by name, anything else as 'Error'. */
function errorKind(error: Error): string {
  const name = error.constructor?.name;
  return typeof name === 'string' && /^[A-Z][A-Za-z]{0,40}Error$/.test(name) ? name : 'Error';
}

const RETENTION_SWEEP_MS = 60 * 60 * 1000;
const STREAM_PING_MS = 30 * 1000;
const QUEUE_WATCH_MS = 15 * 1000;

/** Composition root: builds the whole service from a config without listening. */
export function createServer(config: Config, overrides: ServerOverrides = {}): LuotsiServer {
  const logger = overrides.logger ?? createLogger(config.logLevel);
  const clock = overrides.clock ?? systemClock;
  // Connections dropped by a database restart are logged, then replaced on the next query.
  const database = overrides.database ?? openDatabase(config, (error) => logger.warn({ err: error }, 'database connection lost'), clock);
  const localeResources = loadLocaleResources();
  const i18n = createI18n(localeResources);
  // The corpus is data too: refuse to start on a broken one. The model is trained (or loaded from
  // TOPIC_MODEL_DIR, keyed by its hash) once the service listens; a description typed meanwhile waits.
  const topicFinder = new NlpTopicFinder({
    documents: topicDocuments(loadCorpus(), localeResources),
    cacheDir: config.topicModelDir,
    logger,
  });
  let shuttingDown = false;

  // The catalog is data a county edits: refuse to start on a broken one.
  const catalog = validateCatalog(DEFAULT_CATALOG);
  const identification = config.identity.identification;
  // A queue that requires identification cannot be joined without a provider: refuse to start.
  const identifyingQueues = catalog.queues.filter((q) => q.strongIdentification).map((q) => q.id);
  if (config.mode === 'production' && identification.provider === 'none' && identifyingQueues.length > 0) {
    throw new ConfigError(
      'IDENTIFICATION_PROVIDER',
      `queues ${identifyingQueues.join(', ')} require identification: configure OIDC_ISSUER (Suomi.fi e-Identification or a broker)`,
    );
  }
  // The service starts on stale facts, but the county hears of them once, by id.
  const toCheck = entriesToCheck(catalog, clock());
  if (toCheck.length > 0) logger.warn({ entries: toCheck.map((e) => `${e.id}:${e.reasons.join('+')}`) }, 'catalog entries to check');
  IMAGE_DECODES.resize(config.photo.decodeConcurrency);
  // Consoles hear every change of the queues live (one process on SQLite, NOTIFY across PostgreSQL instances).
  const staffSignals = new StaffSignals(database.coordination, (error) => logger.warn({ err: error }, 'staff signal not sent'));
  const handoff = withStaffSignals(database.handoff, staffSignals);
  // Web Chat sends a typing indicator every few seconds while the client types; one lookup per 2 s is plenty.
  const clientTyping = new TypingThrottle(2000, epochMsOf(clock));
  if (config.phaseTiming) turnPhases.enable();
  // Off, the store itself: the timing wrapper costs nothing unless asked for.
  const conversationState = new TurnConversationState(config.phaseTiming ? timedStateReads(database.botState) : database.botState);
  const staffAuthenticator = new StaffAuthenticator(database.staff, {
    maxFailedLogins: config.staff.maxFailedLogins,
    lockoutMinutes: config.staff.lockoutMinutes,
    accountLockFailures: config.staff.accountLockFailures,
    sessionIdleMinutes: config.staff.sessionIdleMinutes,
    sessionAbsoluteHours: config.staff.sessionMaxHours,
    presenceMinutes: config.staff.presenceMinutes,
  });
  // Off unless the operations team asked for it with a token: nothing to scrape, nothing collected.
  const metrics =
    config.metricsToken === undefined
      ? undefined
      : new ServiceMetrics(database.kind, {
          queues: async () => {
            const now = clock();
            const online = await staffAuthenticator.onlineCountsByQueue(now);
            const staffOnline = Object.fromEntries(catalog.queues.map((q) => [q.id, online[q.id] ?? 0]));
            const entries = (await Promise.all(catalog.queues.map((q) => handoff.queueEntries(q.id, { now, catalog })))).flat();
            return queueOverview(entries, staffOnline, now);
          },
          databasePing: async () => {
            const started = performance.now();
            await database.ping();
            return (performance.now() - started) / 1000;
          },
          pool: () => database.poolUse?.(),
        });
  const queueDesk = new QueueDesk({
    handoff: handoff,
    blobStore: database.blobStore,
    catalog,
    clock,
    staffOnline: (now) => staffAuthenticator.onlineCountsByQueue(now),
    defaultHandlingMs: config.handoff.defaultHandlingMinutes * 60_000,
    maxMessageLength: config.maxMessageLength,
  });
  const flowState = conversationState.createProperty<PersistedFlow | undefined>('flow');
  const identityProvider: IdentityProvider | undefined =
    identification.provider === 'oidc'
      ? new OidcIdentityProvider(identification, identification.redirectBaseUrl ?? config.publicUrl ?? `http://${config.host}:${config.port}`)
      : identification.provider === 'test'
        ? new TestIdentityProvider(() => randomBytes(24).toString('base64url'))
        : undefined;
  const citizenIdentification = identityProvider
    ? new CitizenIdentification({
        storage: database.botState,
        sealer: new IdentitySealer(resolveIdentityKey(config.identity.encryptionKey, config.dataDir)),
        provider: identityProvider,
        clock,
      })
    : undefined;
  const identificationDesk = citizenIdentification
    ? new IdentificationDesk({
        service: citizenIdentification,
        state: conversationState.createProperty<IdentityState | undefined>('identity'),
        caseIdentity: database.caseIdentity,
        catalog,
        clock,
        publicUrl: config.publicUrl,
      })
    : undefined;
  const dialog = createTriageDialog({
    state: flowState,
    i18n,
    catalog,
    clock,
    maxMessageLength: config.maxMessageLength,
    idleMinutes: config.flowIdleMinutes,
    defaultLocale: config.defaultLocale,
    photoLimits: { maxPerQuestion: config.photo.maxPerQuestion, maxBytes: config.photo.maxBytes },
    queueDesk,
    eraseData: createConversationEraser({ stores: database, conversationState, clock }),
    topicFinder,
    ...(identificationDesk && { identification: identificationDesk }),
  });

  const botNames = Object.fromEntries(LOCALES.map((l) => [l, i18n.getFixedT(l)('common:productName')])) as Record<Locale, string>;
  const tokenSecret = resolveTokenSecret(config);
  // Which browser holds which chat: identification's pages refuse a forwarded link (channels/chatBrowserBinding.ts).
  const chatBinding = new ChatBrowserBinding(tokenSecret);
  const identifyCookiesSecure = config.mode === 'production' || config.publicUrl?.startsWith('https:') === true;
  const channel = new WebChannel({
    log: database.activityLog,
    coordination: database.coordination,
    commitTurn: async (conversationId, state, replies, now, answers) => {
      const started = performance.now();
      try {
        return await database.commitTurn(conversationId, state, replies, now, answers);
      } finally {
        const ms = performance.now() - started;
        metrics?.commitSeconds.observe({ database: database.kind }, ms / 1000);
        turnPhases.add('commit', ms);
      }
    },
    // Looked up once per language: every logged bot activity asks.
    botName: (locale) => botNames[toLocale(locale) ?? config.defaultLocale],
    messageLimiter: new RateLimiter(config.messageRateLimitPerMinute, epochMsOf(clock)),
    tooFastNotice: (requested) => {
      const locale = toLocale(requested) ?? config.defaultLocale;
      return textMessage(i18n.getFixedT(locale)('common:errors.tooFast'), locale);
    },
    signer: new TokenSigner(tokenSecret),
    tokenTtlSeconds: config.tokenTtlSeconds,
    turnTimeoutMs: config.turnTimeoutMs,
    streamLimits: config.streams,
    pollsPerMinute: config.pollRateLimitPerMinute,
    logger,
    clock,
    onClientTyping: (conversationId) => {
      if (!clientTyping.take(conversationId)) return;
      // Only a case staff hold shows the client typing; ids only in the signal.
      handoff.findOpenByConversation(conversationId).then(
        (open) => {
          if (open?.status === 'claimed') staffSignals.emit({ kind: 'typing', caseId: open.id, queueId: open.queueId });
        },
        (error: unknown) => logger.warn({ err: error }, 'client typing not signalled'),
      );
    },
    photos: {
      intake: createPhotoIntake({ botState: database.botState, dialog, store: database.blobStore, settings: config.photo }),
      room: createPhotoRoom({ botState: database.botState, dialog }),
      attempts: new AttemptBudget(config.photo.attemptsPerHour, clock),
      store: database.blobStore,
      limits: {
        maxFileBytes: config.photo.maxBytes,
        // Above the per-question limit, so a fourth photo gets a chat answer rather than an HTTP error.
        maxFiles: 10,
        // Web Chat puts a small preview of each image into the activity part.
        maxActivityBytes: 1024 * 1024,
        maxBodyBytes: config.photo.maxUploadBytes,
      },
    },
  });
  const bot = new LuotsiBot(
    conversationState,
    dialog,
    createChannelAttachmentIntake({
      state: flowState,
      dialog,
      store: database.blobStore,
      settings: config.photo,
      download: attachmentDownloadPolicy(config),
    }),
    dropForeignUploadOutcome,
  );
  const runBot = async (context: TurnContext) => {
    if (!metrics) return bot.run(context);
    const channel = channelLabel(context.activity.channelId);
    // The outcome event carries urgency and topic as ids: counted, never the answers.
    context.onSendActivities(async (_ctx, activities, next) => {
      for (const a of activities) {
        const value = a.type === 'event' && a.name === 'triage.outcome' ? (a.value as { urgency?: unknown; topic?: unknown } | undefined) : undefined;
        if (value !== undefined)
          metrics.outcomes.inc({
            urgency: typeof value.urgency === 'string' ? value.urgency : 'none',
            topic: typeof value.topic === 'string' ? value.topic : 'none',
          });
      }
      return next();
    });
    const started = performance.now();
    try {
      await bot.run(context);
    } finally {
      metrics.turns.inc({ channel });
      metrics.turnSeconds.observe({ channel }, (performance.now() - started) / 1000);
    }
  };

  const onTurnError = async (context: TurnContext, error: Error) => {
    metrics?.turnErrors.inc({
      channel: channelLabel(context.activity.channelId),
      kind: isStorageUnavailable(error) ? 'StorageUnavailableError' : errorKind(error),
    });
    // The database is out of reach: nothing can be saved or said. Fail the request (503 +
    // Retry-After) so the client sends the message again once the database is back.
    if (isStorageUnavailable(error)) throw error;
    // Ids and the error only: the activity's text must never reach the log.
    logger.error({ err: error, conversation: context.activity.conversation?.id, activityType: context.activity.type }, 'turn failed');
    const locale = toLocale(context.activity.locale) ?? config.defaultLocale;
    try {
      await context.sendActivity(textMessage(i18n.getFixedT(locale)('common:errors.generic'), locale));
    } catch (sendError) {
      logger.error({ err: sendError }, 'could not tell the client about a failed turn');
    }
  };
  channel.adapter.onTurnError = onTurnError;
  channel.setBot(runBot);

  const server = restify.createServer({ name: 'luotsi', handleUncaughtExceptions: false, ignoreTrailingSlash: true });
  // restify answers some malformed requests (a bad percent-escape in the path) before any
  // handler runs; those answers need the header too.
  server.server.prependListener('request', (_req: import('node:http').IncomingMessage, res: import('node:http').ServerResponse) =>
    res.setHeader('X-Content-Type-Options', 'nosniff'),
  );
  // Requests Node's parser refuses (a URL or headers past its limit, broken framing) never reach
  // restify; answer them as Node would, with the same header.
  server.server.on('clientError', (error: NodeJS.ErrnoException, socket: import('node:stream').Duplex) => {
    if (!socket.writable) return socket.destroy();
    const status =
      error.code === 'HPE_HEADER_OVERFLOW'
        ? '431 Request Header Fields Too Large'
        : error.code === 'ERR_HTTP_REQUEST_TIMEOUT'
          ? '408 Request Timeout'
          : '400 Bad Request';
    socket.end(`HTTP/1.1 ${status}\r\nX-Content-Type-Options: nosniff\r\nContent-Length: 0\r\nConnection: close\r\n\r\n`);
  });
  server.pre(securityHeaders);
  server.pre((req, _res, next) => {
    (req as unknown as { startedAt: number }).startedAt = performance.now();
    next();
  });
  server.on('after', (req: restify.Request, res: restify.Response, route: restify.Route | null) => {
    // The route pattern, never the URL: stream URLs carry tokens in their query.
    const seconds = (performance.now() - (req as unknown as { startedAt: number }).startedAt) / 1000;
    const entry = { reqId: req.id(), method: req.method, route: route?.path ?? 'unmatched', status: res.statusCode, ms: Math.round(seconds * 1000) };
    metrics?.httpRequests.inc({ method: req.method ?? 'other', route: String(entry.route), status: String(res.statusCode) });
    metrics?.httpSeconds.observe({ method: req.method ?? 'other', route: String(entry.route) }, seconds);
    // A turn's two requests (POST and GET of activities), for the bench's breakdown.
    if (String(entry.route).endsWith('/activities')) turnPhases.add('request', seconds * 1000);
    const failure = failureOf(res);
    if (res.statusCode >= 500 && res.statusCode !== 501 && failure !== undefined) logger.error({ ...entry, err: failure }, 'request failed');
    else logger.info(entry, 'request');
  });
  for (const event of ['NotFound', 'MethodNotAllowed', 'VersionNotAllowed', 'UnsupportedMediaType'] as const) {
    server.on(event, (_req: restify.Request, _res: restify.Response, err: Error & { toJSON?: () => unknown }, cb: () => void) => {
      const code = event === 'NotFound' ? new NotFoundError('no such route').code : event;
      err.toJSON = () => ({ error: { code, message: err.message } });
      cb();
    });
  }

  const baseUrl = (req: import('node:http').IncomingMessage) => requestBaseUrl(req, config.publicUrl, config.trustProxy, `${config.host}:${config.port}`);
  registerDirectLineRoutes(server, {
    channel,
    tokenLimiter: new RateLimiter(config.tokenRateLimitPerMinute, epochMsOf(clock)),
    maxBodyBytes: config.maxBodyBytes,
    proxyHops: trustedHops(config),
    baseUrl,
    ...(citizenIdentification && { chatBinding: { binding: chatBinding, secureCookie: identifyCookiesSecure } }),
  });
  const cloudAdapter = createCloudAdapter(config, logger);
  if (cloudAdapter) cloudAdapter.onTurnError = onTurnError;
  // Everything said to a client outside their own turn goes through this one sender.
  const proactive = createProactiveSender({
    webChannelId: WEB_CHANNEL_ID,
    webAdapter: channel.adapter,
    cloud: cloudAdapter ? { adapter: cloudAdapter, appId: config.botFramework.appId } : undefined,
    onRetry: (channelId, attempt, error) =>
      logger.warn({ channel: channelId, attempt, status: (error as { statusCode?: unknown }).statusCode }, 'proactive delivery failed; retrying'),
  });
  registerBotEndpoint(server, cloudAdapter, config, runBot);
  if (metrics && config.metricsToken !== undefined) registerMetricsRoute(server, metrics, config.metricsToken);
  registerHealth(
    server,
    database,
    () => shuttingDown,
    () => entriesToCheck(catalog, clock()).length,
  );
  const staffHttp = { publicUrl: config.publicUrl, trustProxy: config.trustProxy, proxyHops: config.proxyHops, secureCookies: config.staff.secureCookies };
  // Staff API under /staff/api (the console UI and the live relay come later).
  registerStaffApi(server, {
    authenticator: staffAuthenticator,
    handoff: handoff,
    blobStore: database.blobStore,
    catalog,
    i18n,
    http: staffHttp,
    loginLimiter: new RateLimiter(config.staff.loginRateLimitPerMinute, epochMsOf(clock)),
    usernameLimiter: new RateLimiter(config.staff.usernameRateLimitPerMinute, epochMsOf(clock)),
    maxMessageLength: config.maxMessageLength,
    defaultHandlingMinutes: config.handoff.defaultHandlingMinutes,
    logger,
    clock,
    ...createHandoffRelay({ sender: proactive, i18n, catalog, clock }),
    onCaseDeleted: async (deleted) => {
      await eraseConversationRest(database, { channelId: deleted.channel, conversationId: deleted.conversationId });
    },
    ...(citizenIdentification && {
      exportIdentity: (c) => ({ ...citizenIdentification.open(c.identitySealed ?? '', caseContext(c.id)), mandateChecked: false }),
    }),
  });
  // Ready replies are data like the catalog: a broken one stops the start with its name.
  const readyReplies = validateReadyReplies(
    READY_REPLIES,
    catalog.queues.map((q) => q.id),
    (lng) => i18n.getResourceBundle(lng, 'replies') as Record<string, unknown> | undefined,
    READY_REPLY_MAX_LENGTH,
  );
  registerStaffReplies(server, {
    authenticator: staffAuthenticator,
    http: staffHttp,
    replies: readyReplies,
    clock,
  });
  registerStaffAdminApi(server, {
    authenticator: staffAuthenticator,
    http: staffHttp,
    admin: new StaffAdmin(
      database.staff,
      database.staffAdmin,
      catalog.queues.map((q) => q.id),
    ),
    logger,
    clock,
  });
  const closeStaffStreams = registerStaffEvents(server, {
    authenticator: staffAuthenticator,
    http: staffHttp,
    signals: staffSignals,
    logger,
    clock,
  });
  if (citizenIdentification && identificationDesk) {
    registerIdentificationRoutes(server, {
      service: citizenIdentification,
      t: (locale) => i18n.getFixedT(locale),
      defaultLocale: config.defaultLocale,
      secureCookie: identifyCookiesSecure,
      onFailure: (kind) => logger.info({ kind }, 'identification did not complete'),
      limiter: new RateLimiter(config.identifyRateLimitPerMinute, epochMsOf(clock)),
      clientIp: (req) => clientIp(req, trustedHops(config)),
      chatBinding,
    });
    registerStaffIdentityApi(server, {
      authenticator: staffAuthenticator,
      http: { publicUrl: config.publicUrl, trustProxy: config.trustProxy, proxyHops: config.proxyHops, secureCookies: config.staff.secureCookies },
      handoff: database.handoff,
      caseIdentity: database.caseIdentity,
      service: citizenIdentification,
      logger,
      clock,
      onIdentifyRequest: (c) =>
        proactive.continue(c.channel, c.conversationReference, async (context) => {
          await context.sendActivities(await identificationDesk.staffRequest(context, i18n.getFixedT(c.locale), c.locale));
        }),
    });
  }
  registerPages(server, (lng) => i18n.getResourceBundle(lng, 'common').page as Record<string, string>, config.defaultLocale);
  const staffOidc =
    config.staffOidc &&
    createStaffOidcSignIn(
      config.staffOidc,
      database.staff,
      staffAuthenticator,
      catalog.queues.map((q) => q.id),
    );
  if (staffOidc) {
    registerStaffOidcRoutes(server, {
      signIn: staffOidc,
      http: staffHttp,
      t: (locale) => i18n.getFixedT(locale),
      defaultLocale: config.defaultLocale,
      loginLimiter: new RateLimiter(config.staff.loginRateLimitPerMinute, epochMsOf(clock)),
      logger,
      clock,
    });
  }
  registerStaffPages(
    server,
    (lng) => i18n.getResourceBundle(lng, 'staff') as Record<string, unknown>,
    config.defaultLocale,
    catalog.queues,
    staffOidc !== undefined,
  );

  const wss = attachStreamUpgrade(server.server, channel, (error) => logger.error({ err: error }, 'stream upgrade failed'), trustedHops(config));
  const alive = new WeakSet<object>();
  const pinger = setInterval(() => {
    for (const socket of wss.clients) {
      if (!alive.has(socket)) {
        socket.terminate();
        continue;
      }
      alive.delete(socket);
      socket.ping();
    }
  }, STREAM_PING_MS);
  pinger.unref();
  wss.on('connection', (socket) => {
    alive.add(socket);
    socket.on('pong', () => alive.add(socket));
  });

  const sweep = async () => {
    try {
      const purged = await runRetention(database, retentionPeriods(config), clock());
      const staffSessions = await staffAuthenticator.purgeExpiredSessions(clock());
      if (Object.values(purged).some((n) => n > 0) || staffSessions > 0) logger.info({ ...purged, staffSessions }, 'retention sweep');
    } catch (error) {
      logger.error({ err: error }, 'retention sweep failed');
    }
  };
  // One instance sweeps at a time; the others skip the round.
  const sweepOnce = () =>
    database.coordination.runExclusive('retention-sweep', sweep).catch((error: unknown) => logger.error({ err: error }, 'retention sweep failed'));
  const sweeper = setInterval(() => void sweepOnce(), RETENTION_SWEEP_MS);
  sweeper.unref();

  // Waiting clients hear when their place or wait changes; silent ones are marked abandoned.
  const notifier = new QueuePositionNotifier({
    handoff: handoff,
    desk: queueDesk,
    catalog,
    sender: proactive,
    onUndelivered: (caseId, error) => logger.warn({ caseId, err: error }, 'queue update not delivered'),
    i18n,
    clock,
    minIntervalMs: config.handoff.updateIntervalSeconds * 1000,
  });
  // One instance watches the queues (its updates reach streams on every instance through the log).
  const connectionWatch = new StaffConnectionWatch({
    handoff: handoff,
    staff: database.staff,
    desk: queueDesk,
    sender: proactive,
    onUndelivered: (caseId, error) => logger.warn({ caseId, err: error }, 'connection-lost notice not delivered'),
    i18n,
    clock,
    graceMs: config.handoff.staffDropGraceSeconds * 1000,
    noteLocale: config.defaultLocale,
  });
  const runQueueWatch = () =>
    database.coordination.runExclusive('queue-watch', async () => {
      const now = clock();
      // Cases of staff whose connection was lost go back first, so the updates below count them.
      await connectionWatch.tick();
      await Promise.all([notifier.tick(), handoff.markAbandoned(new Date(now.getTime() - config.handoff.abandonMinutes * 60_000), now)]);
    });
  const queueWatch = setInterval(() => {
    runQueueWatch().catch((error: unknown) => logger.error({ err: error }, 'queue watch failed'));
  }, QUEUE_WATCH_MS);
  queueWatch.unref();

  return {
    config,
    server,
    channel,
    database,
    handoff,
    staffSignals,
    closeStaffStreams,
    logger,
    runQueueWatch,
    async listen(port = config.port, host = config.host) {
      // Never serve on an old schema: migrations finish (or fail) first.
      await database.ready();
      return new Promise<string>((resolve, reject) => {
        server.server.once('error', reject);
        server.listen(port, host, () => {
          server.server.off('error', reject);
          void sweepOnce();
          // After the start line is out: training blocks the event loop for a moment.
          setTimeout(() => void topicFinder.ready, 1000).unref();
          const address = server.address() as AddressInfo;
          const shownHost = address.family === 'IPv6' ? `[${address.address}]` : address.address;
          resolve(`http://${shownHost}:${address.port}`);
        });
      });
    },
    async close() {
      if (shuttingDown) return;
      shuttingDown = true;
      clearInterval(pinger);
      clearInterval(sweeper);
      clearInterval(queueWatch);
      const stopped = new Promise<void>((resolve) => server.server.close(() => resolve()));
      const timeout = new Promise<void>((resolve) => setTimeout(resolve, config.shutdownTimeoutMs).unref());
      await Promise.race([channel.turns.idle(), timeout]);
      channel.hub.closeAll();
      closeStaffStreams();
      wss.close();
      // Responses of the turns that just finished are still being written: close
      // connections as they fall idle, and cut the rest only after a grace period.
      const reaper = setInterval(() => server.server.closeIdleConnections(), 25);
      await Promise.race([stopped, new Promise((resolve) => setTimeout(resolve, 1000).unref())]);
      clearInterval(reaper);
      server.server.closeAllConnections();
      await stopped;
      await database.close();
    },
  };
}

async function main(): Promise<void> {
  let config: Config;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`Configuration error: ${error.message}\n`);
      process.exit(1);
    }
    throw error;
  }
  if (config.workers > 1 && cluster.isPrimary) {
    runPrimary(config, createLogger(config.logLevel).child({ role: 'primary' }));
    return;
  }
  const logger = cluster.isWorker ? createLogger(config.logLevel).child({ worker: cluster.worker?.id, pid: process.pid }) : createLogger(config.logLevel);
  const service = createServer(config, { logger });
  const url = await service.listen();
  service.logger.info({ url, database: service.database.kind, mode: config.mode }, 'Luotsi is listening');
  const stop = (signal: string) => {
    service.logger.info({ signal }, 'shutting down');
    service.close().then(
      () => process.exit(0),
      (error: unknown) => {
        service.logger.error({ err: error }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.once('SIGTERM', () => stop('SIGTERM'));
  process.once('SIGINT', () => stop('SIGINT'));
}

if (require.main === module) {
  main().catch((error: unknown) => {
    process.stderr.write(`Luotsi failed to start: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  });
}
