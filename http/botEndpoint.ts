import { CloudAdapter, ConfigurationBotFrameworkAuthentication, type Request as BotRequest, type Response as BotResponse, type TurnContext } from 'botbuilder';
import type { Request as RestifyRequest, Response as RestifyResponse, Server } from 'restify';
import type { Logger } from 'pino';
import type { Config } from '../config';
import { ForbiddenError, BadRequestError } from '../errors';
import { WEB_CHANNEL_ID } from '../channels/webChannelAdapter';
import { asyncRoute } from './asyncRoute';
import { asObject, readJsonBody } from './jsonBody';
import { cleanClientText, cleanClientValue } from '../channels/clientText';

/** Loopback service URLs: the only ones an unauthenticated development endpoint replies to. */
export function isLoopbackServiceUrl(serviceUrl: unknown): boolean {
  if (typeof serviceUrl !== 'string') return false;
  try {
    const url = new URL(serviceUrl);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return false;
    return url.hostname === 'localhost' || url.hostname === '[::1]' || /^127\.\d+\.\d+\.\d+$/.test(url.hostname);
  } catch {
    return false;
  }
}

/** Builds the CloudAdapter for Azure Bot Service channels, or undefined when /api/messages is off. */
export function createCloudAdapter(config: Config, logger: Logger): CloudAdapter | undefined {
  const { appId, appPassword, appType, tenantId, allowUnauthenticated } = config.botFramework;
  if (!appId && !allowUnauthenticated) return undefined;
  const auth = new ConfigurationBotFrameworkAuthentication(
    appId ? { MicrosoftAppId: appId, MicrosoftAppPassword: appPassword, MicrosoftAppType: appType, MicrosoftAppTenantId: tenantId } : {},
  );
  const adapter = new CloudAdapter(auth);
  adapter.onTurnError = async (_context, error) => {
    logger.error({ err: error }, 'turn failed on /api/messages');
  };
  return adapter;
}

/**
 * POST /api/messages for Azure Bot Service channels. Registered only when an app id is
 * configured (Bot Framework authentication on every request) or, in development, with the
 * explicit unauthenticated flag, which then replies to loopback service URLs only.
 */
export function registerBotEndpoint(server: Server, adapter: CloudAdapter | undefined, config: Config, bot: (context: TurnContext) => Promise<void>): void {
  if (!adapter) return;
  const unauthenticated = !config.botFramework.appId;
  server.post(
    '/api/messages',
    asyncRoute(async (req: RestifyRequest, res: RestifyResponse) => {
      const body = asObject(await readJsonBody(req, config.maxBodyBytes), 'activity');
      if (typeof body.type !== 'string') throw new BadRequestError('activity.type is required', 'MissingActivityType');
      // The local web channel's id is never an Azure channel's: such an activity could act on a local conversation.
      if (body.channelId === WEB_CHANNEL_ID) throw new BadRequestError('this channel id is reserved for the local web channel', 'ReservedChannelId');
      if (unauthenticated && !isLoopbackServiceUrl(body.serviceUrl)) {
        throw new ForbiddenError('without MicrosoftAppId only loopback service URLs are served', 'ServiceUrlNotAllowed');
      }
      // The client's words arrive cleaned by the same rule as on the web channel.
      if (typeof body.text === 'string') body.text = cleanClientText(body.text);
      if (body.value !== undefined) body.value = cleanClientValue(body.value);
      (req as RestifyRequest & { body: unknown }).body = body;
      await adapter.process(req as unknown as BotRequest, res as unknown as BotResponse, bot);
    }),
  );
}
