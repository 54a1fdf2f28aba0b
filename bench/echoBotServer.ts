import { ActivityHandler, CloudAdapter, ConfigurationBotFrameworkAuthentication, MessageFactory } from 'botbuilder';
import restify from 'restify';
import { benchPort, stopOnSignal } from './childLifecycle';

/**
 * Reference target: the Bot Framework echo sample as Microsoft ships it (CloudAdapter,
 * ActivityHandler, restify with bodyParser). With no app id it accepts the bench's
 * unauthenticated activities and posts each reply to the activity's serviceUrl, the
 * loopback connector the load generator hosts. Never expose this outside a benchmark.
 */
class EchoBot extends ActivityHandler {
  constructor() {
    super();
    this.onMessage(async (context, next) => {
      const replyText = `Echo: ${context.activity.text ?? ''}`;
      await context.sendActivity(MessageFactory.text(replyText, replyText));
      await next();
    });
  }
}

const adapter = new CloudAdapter(new ConfigurationBotFrameworkAuthentication({}));
adapter.onTurnError = async (_context, error) => {
  process.stderr.write(`echo bot turn failed: ${error.message}\n`);
};
const bot = new EchoBot();

const server = restify.createServer({ name: 'bench-echo-bot', handleUncaughtExceptions: false });
server.use(restify.plugins.bodyParser());
server.post('/api/messages', async (req, res) => {
  await adapter.process(req, res, (context) => bot.run(context));
});
server.get('/healthz', (_req, res, next) => {
  res.send(200, { ok: true });
  next();
});

stopOnSignal(server);
server.listen(benchPort(), '127.0.0.1');
