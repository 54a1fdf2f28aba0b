import { DirectLine, type Activity, type Message } from 'botframework-directlinejs';
import { WebSocket as WsWebSocket } from 'ws';

// The official client expects browser globals: XMLHttpRequest always, WebSocket for stream mode.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const XHR = require('xhr2') as unknown;
(globalThis as Record<string, unknown>).XMLHttpRequest = XHR;

/** Opens a conversation with the official botframework-directlinejs client. */
export function directLineClient(options: { url: string; token: string; conversationId?: string; webSocket: boolean; locale?: string }): DirectLine {
  const g = globalThis as Record<string, unknown>;
  if (options.webSocket) g.WebSocket = WsWebSocket;
  else delete g.WebSocket;
  return new DirectLine({
    domain: `${options.url}/v3/directline`,
    token: options.token,
    ...(options.conversationId && { conversationId: options.conversationId }),
    webSocket: options.webSocket,
    pollingInterval: 200,
    conversationStartProperties: { locale: options.locale ?? 'fi-FI' },
    WebSocket: WsWebSocket as unknown as typeof WebSocket,
  } as ConstructorParameters<typeof DirectLine>[0]);
}

/** Collects every activity the client receives. */
export class Transcript {
  readonly activities: Activity[] = [];
  private waiters: (() => void)[] = [];

  constructor(client: DirectLine) {
    client.activity$.subscribe({
      next: (activity) => {
        this.activities.push(activity);
        this.waiters.forEach((w) => w());
      },
      // Ending the client completes the stream with an error; the test has its result by then.
      error: () => undefined,
    });
  }

  /** Bot messages received so far. */
  botMessages(): Message[] {
    return this.activities.filter((a): a is Message => a.type === 'message' && a.from.role === 'bot');
  }

  /** Resolves once a bot message satisfies `predicate`, or rejects after `ms`. */
  waitForBot(predicate: (m: Message) => boolean, ms = 10_000): Promise<Message> {
    return new Promise((resolve, reject) => {
      const check = () => {
        const found = this.botMessages().find(predicate);
        if (found) {
          clearTimeout(timer);
          this.waiters = this.waiters.filter((w) => w !== check);
          resolve(found);
        }
      };
      const timer = setTimeout(() => {
        this.waiters = this.waiters.filter((w) => w !== check);
        reject(
          new Error(
            `no matching bot message; got ${this.botMessages().length} bot messages, the last: ${JSON.stringify(
              this.botMessages()
                .slice(-2)
                .map((m) => m.text),
            )}`,
          ),
        );
      }, ms);
      this.waiters.push(check);
      check();
    });
  }
}

/** Posts a message through the client and resolves with its id. */
export function say(client: DirectLine, text: string, value?: unknown): Promise<string> {
  return new Promise((resolve, reject) => {
    client
      .postActivity({ type: 'message', from: { id: 'ignored-by-channel', name: 'Testi' }, text, ...(value !== undefined && { value }) } as Message)
      .subscribe({ next: resolve, error: reject });
  });
}
