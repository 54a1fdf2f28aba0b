import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import type { Server } from 'restify';
import { WebSocketServer } from 'ws';
import { LuotsiError } from '../errors';
import { statusOf } from './errorResponse';
import { asyncRoute, sendJson } from './asyncRoute';
import { clientIp } from './clientIp';
import { readJsonBody } from './jsonBody';
import { queryParam } from './queryParam';
import type { RateLimiter } from './rateLimit';
import type { WebChannel } from '../channels/webChannel';
import { CHAT_BINDING_COOKIE, chatBindingSetCookie, type ChatBrowserBinding } from '../channels/chatBrowserBinding';
import { cookieValue } from './requestCookie';

const PREFIX = '/v3/directline';
const STREAM_PATH = /^\/v3\/directline\/conversations\/([^/?]+)\/stream$/;

export interface DirectLineRouteOptions {
  channel: WebChannel;
  tokenLimiter: RateLimiter;
  maxBodyBytes: number;
  /** Trusted proxies in front (0 without TRUST_PROXY): see clientIp. */
  proxyHops: number;
  baseUrl: (req: IncomingMessage) => string;
  /** Marks the browser that starts or resumes a conversation (identification checks it); none without identification. */
  chatBinding?: { binding: ChatBrowserBinding; secureCookie: boolean };
}

/** Registers the Direct Line 3.0 REST routes of the web channel. */
export function registerDirectLineRoutes(server: Server, options: DirectLineRouteOptions): void {
  const { channel, maxBodyBytes } = options;
  const auth = (req: IncomingMessage) => req.headers.authorization;
  const param = (req: { params?: Record<string, string> }) => req.params?.id ?? '';
  /** Adds the conversation to the browser's chat binding cookie. */
  const bindBrowser = (req: IncomingMessage, res: { setHeader(name: string, value: string): void }, conversationId: string) => {
    const binding = options.chatBinding;
    if (!binding) return;
    const value = binding.binding.cookieAfter(cookieValue(req, CHAT_BINDING_COOKIE), conversationId);
    res.setHeader('Set-Cookie', chatBindingSetCookie(value, binding.secureCookie));
  };

  server.post(
    `${PREFIX}/tokens/generate`,
    asyncRoute(async (req, res) => {
      options.tokenLimiter.take(clientIp(req, options.proxyHops));
      await readJsonBody(req, maxBodyBytes);
      sendJson(res, 200, channel.generateToken());
    }),
  );

  server.post(
    `${PREFIX}/tokens/refresh`,
    asyncRoute(async (req, res) => {
      await readJsonBody(req, maxBodyBytes);
      sendJson(res, 200, channel.refreshToken(auth(req)));
    }),
  );

  server.post(
    `${PREFIX}/conversations`,
    asyncRoute(async (req, res) => {
      const body = await readJsonBody(req, maxBodyBytes);
      const { created, response } = await channel.startConversation(auth(req), body, options.baseUrl(req));
      bindBrowser(req, res, response.conversationId);
      sendJson(res, created ? 201 : 200, response);
    }),
  );

  server.get(
    `${PREFIX}/conversations/:id`,
    asyncRoute(async (req, res) => {
      const response = await channel.reconnect(auth(req), param(req), queryParam(req, 'watermark'), options.baseUrl(req));
      bindBrowser(req, res, response.conversationId);
      sendJson(res, 200, response);
    }),
  );

  server.post(
    `${PREFIX}/conversations/:id/activities`,
    asyncRoute(async (req, res) => {
      const body = await readJsonBody(req, maxBodyBytes);
      sendJson(res, 200, await channel.postActivity(auth(req), param(req), body));
    }),
  );

  server.get(
    `${PREFIX}/conversations/:id/activities`,
    asyncRoute(async (req, res) => {
      sendJson(res, 200, await channel.getActivities(auth(req), param(req), queryParam(req, 'watermark')));
    }),
  );

  server.post(
    `${PREFIX}/conversations/:id/upload`,
    asyncRoute(async (req, res) => {
      sendJson(res, 200, await channel.upload(auth(req), param(req), req));
    }),
  );

  server.get(
    `${PREFIX}/conversations/:id/photos/:photoId/:variant`,
    asyncRoute(async (req, res) => {
      const params = (req.params ?? {}) as Record<string, string>;
      const photo = await channel.photo(param(req), params.photoId ?? '', params.variant ?? '', queryParam(req, 't'), auth(req));
      res.status(200);
      res.header('Content-Type', photo.contentType);
      res.header('Content-Length', String(photo.bytes.length));
      // Health data: never cached by a browser or proxy, never a page of its own.
      res.setHeader('Cache-Control', 'private, no-store');
      res.header('Content-Security-Policy', "default-src 'none'; sandbox");
      res.header('Content-Disposition', 'inline');
      res.end(photo.bytes);
    }),
  );
}

function refuse(socket: Duplex, status: number): void {
  const reason =
    status === 401 ? 'Unauthorized' : status === 403 ? 'Forbidden' : status === 404 ? 'Not Found' : status === 429 ? 'Too Many Requests' : 'Bad Request';
  const retry = status === 429 ? 'Retry-After: 30\r\n' : '';
  socket.end(`HTTP/1.1 ${status} ${reason}\r\n${retry}Connection: close\r\nContent-Length: 0\r\n\r\n`);
}

/** Serves the WebSocket streamUrl on the server's upgrade event; returns the WebSocket server. */
export function attachStreamUpgrade(
  httpServer: import('node:http').Server,
  channel: WebChannel,
  onError: (e: unknown) => void,
  proxyHops = 0,
): WebSocketServer {
  const wss = new WebSocketServer({ noServer: true, maxPayload: 64 * 1024 });
  httpServer.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    const url = new URL(req.url ?? '/', 'http://local');
    const match = STREAM_PATH.exec(url.pathname);
    if (!match?.[1]) {
      refuse(socket, 404);
      return;
    }
    let conversationId: string;
    try {
      conversationId = decodeURIComponent(match[1]);
    } catch {
      // A malformed escape (e.g. %ED%A0%80, an encoded lone surrogate) would otherwise throw out
      // of the upgrade listener and leave the socket unanswered.
      refuse(socket, 400);
      return;
    }
    const address = clientIp(req, proxyHops);
    channel
      .authorizeStream(conversationId, url.searchParams.get('t'), url.searchParams.get('watermark'), address)
      .then((watermark) => {
        wss.handleUpgrade(req, socket, head, (ws) => {
          // Clients only listen on the stream; anything they send is ignored.
          ws.on('message', () => undefined);
          ws.on('error', () => ws.terminate());
          // Checked again now: upgrades authorized at the same moment must not overshoot the cap.
          try {
            channel.hub.assertRoomFor(address);
          } catch {
            ws.close(1013, 'too many open streams');
            return;
          }
          channel.hub.subscribe(conversationId, ws, watermark, address);
        });
      })
      .catch((error: unknown) => {
        if (!(error instanceof LuotsiError)) onError(error);
        refuse(socket, statusOf(error));
      });
  });
  return wss;
}
