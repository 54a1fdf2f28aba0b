import { randomBytes } from 'node:crypto';
import type { Connector } from './connector';
import type { JsonClient } from './jsonClient';
import type { Scenario, VirtualUser } from './load';
import type { ServerSet } from './serverSet';

/**
 * A Bot Framework channel talking to the stock echo bot: POST /api/messages, and the turn
 * ends when the POST has returned and the bot's reply has reached the connector.
 */
class EchoBotUser implements VirtualUser {
  private sent = 0;

  constructor(
    private readonly client: JsonClient,
    private readonly connector: Connector,
    private readonly serviceUrl: string,
    private readonly conversationId: string,
    private readonly timeoutMs: number,
  ) {}

  /** What a channel sends when a conversation begins; the echo bot does not answer it. */
  async start(): Promise<void> {
    const res = await this.client.request({
      method: 'POST',
      path: '/api/messages',
      body: this.activity({ type: 'conversationUpdate', membersAdded: [{ id: 'bench-user' }] }),
    });
    if (res.status < 200 || res.status >= 300) throw new Error(`conversationUpdate: HTTP ${res.status}`);
  }

  async turn(): Promise<void> {
    const activity = this.activity({ type: 'message', text: '1' });
    const reply = this.connector.expectReply(this.conversationId, this.timeoutMs);
    try {
      const res = await this.client.request({ method: 'POST', path: '/api/messages', body: activity });
      if (res.status < 200 || res.status >= 300) throw new Error(`post activity: HTTP ${res.status}`);
      await reply.done;
    } finally {
      reply.cancel();
    }
  }

  private activity(fields: Record<string, unknown>): Record<string, unknown> {
    this.sent += 1;
    return {
      id: `a${this.sent}`,
      channelId: 'bench',
      serviceUrl: this.serviceUrl,
      conversation: { id: this.conversationId },
      from: { id: 'bench-user', role: 'user' },
      recipient: { id: 'bench-bot', role: 'bot' },
      locale: 'fi-FI',
      timestamp: new Date().toISOString(),
      ...fields,
    };
  }
}

/**
 * A fresh conversation per user, begun with conversationUpdate as a channel would; like
 * Luotsi's set-up, this also opens the user's keep-alive socket before timing starts.
 */
export function echoBotScenario(connector: Connector, serviceUrl: string, timeoutMs: number): Scenario {
  const prefix = randomBytes(6).toString('hex');
  let created = 0;
  return {
    async createUser(servers: ServerSet, ordinal: number): Promise<VirtualUser> {
      created += 1;
      const user = new EchoBotUser(servers.pick(ordinal), connector, serviceUrl, `${prefix}-${created}`, timeoutMs);
      await user.start();
      return user;
    },
  };
}
