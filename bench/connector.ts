import type { AddressInfo } from 'node:net';
import restify from 'restify';

/** A reply the load generator is waiting for; `done` settles when it arrives or times out. */
export interface ExpectedReply {
  done: Promise<void>;
  cancel(): void;
}

interface Waiter {
  resolve(): void;
}

/**
 * The loopback stand-in for the Bot Framework connector service the echo bot replies to.
 * It runs inside the load generator so that a turn ends where it ends for a real client:
 * when the bot's reply has reached the client side, not merely when the bot sent it.
 */
export class Connector {
  private readonly server = restify.createServer({ name: 'bench-connector', handleUncaughtExceptions: false });
  private readonly waiters = new Map<string, Waiter>();
  private received = 0;
  /** Replies for conversations nobody was waiting on (would mean the echo bot answered twice). */
  unexpected = 0;

  constructor() {
    this.server.use(restify.plugins.bodyParser());
    const accept: restify.RequestHandler = (req, res, next) => {
      this.received += 1;
      const conversationId = String((req.params as Record<string, string> | undefined)?.cid ?? '');
      const waiter = this.waiters.get(conversationId);
      if (waiter) {
        this.waiters.delete(conversationId);
        waiter.resolve();
      } else {
        this.unexpected += 1;
      }
      res.send(200, { id: `r${this.received}` });
      next();
    };
    // The two routes a Bot Framework connector client posts replies and new messages to.
    this.server.post('/v3/conversations/:cid/activities/:aid', accept);
    this.server.post('/v3/conversations/:cid/activities', accept);
  }

  /** Starts listening on loopback; resolves with the serviceUrl to put into activities. */
  listen(): Promise<string> {
    return new Promise((resolve, reject) => {
      this.server.server.once('error', reject);
      this.server.listen(0, '127.0.0.1', () => {
        const { port } = this.server.address() as AddressInfo;
        resolve(`http://127.0.0.1:${port}`);
      });
    });
  }

  /** Registers interest in the next reply to a conversation; call before posting the turn. */
  expectReply(conversationId: string, timeoutMs: number): ExpectedReply {
    let timer: NodeJS.Timeout | undefined;
    const done = new Promise<void>((resolve, reject) => {
      timer = setTimeout(() => {
        this.waiters.delete(conversationId);
        reject(new Error(`no reply reached the connector within ${timeoutMs} ms`));
      }, timeoutMs);
      this.waiters.set(conversationId, {
        resolve: () => {
          clearTimeout(timer);
          resolve();
        },
      });
    });
    // A turn that fails on its POST never awaits `done`; its timeout must not become an unhandled rejection.
    done.catch(() => undefined);
    return {
      done,
      cancel: () => {
        clearTimeout(timer);
        this.waiters.delete(conversationId);
      },
    };
  }

  close(): Promise<void> {
    return new Promise((resolve) => {
      this.server.close(() => resolve());
      this.server.server.closeAllConnections();
    });
  }
}
