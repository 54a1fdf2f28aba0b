import type { IncomingMessage } from 'node:http';

const HOST_PATTERN = /^[A-Za-z0-9.-]+(:\d{1,5})?$|^\[[0-9A-Fa-f:.]+\](:\d{1,5})?$/;

/**
 * The base URL clients reached us at, for stream URLs: PUBLIC_URL when configured,
 * else the Host header (only if well-formed) with the proxy's scheme when trusted.
 */
export function requestBaseUrl(req: IncomingMessage, publicUrl: string | undefined, trustProxy: boolean, fallbackHost: string): string {
  if (publicUrl) return publicUrl;
  const host = req.headers.host && HOST_PATTERN.test(req.headers.host) ? req.headers.host : fallbackHost;
  const forwardedProto = trustProxy
    ? String(req.headers['x-forwarded-proto'] ?? '')
        .split(',')[0]
        ?.trim()
    : '';
  const encrypted = (req.socket as { encrypted?: boolean }).encrypted === true;
  const scheme = forwardedProto === 'https' || forwardedProto === 'http' ? forwardedProto : encrypted ? 'https' : 'http';
  return `${scheme}://${host}`;
}
