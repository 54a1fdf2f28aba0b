import type { IncomingMessage } from 'node:http';

/**
 * The client's IP. Behind `proxyHops` trusted proxies (TRUST_PROXY, TRUST_PROXY_HOPS) it is the
 * address the outermost trusted proxy appended to X-Forwarded-For: the n-th entry from the right.
 * Entries further left were written by the client and prove nothing. Without trusted proxies, or
 * when the header has fewer entries than proxies (the request skipped one), it is the socket peer.
 */
export function clientIp(req: IncomingMessage, proxyHops: number): string {
  const peer = req.socket.remoteAddress ?? 'unknown';
  if (proxyHops <= 0) return peer;
  const raw = req.headers['x-forwarded-for'];
  const entries = (Array.isArray(raw) ? raw.join(',') : (raw ?? ''))
    .split(',')
    .map((entry) => entry.trim())
    .filter((entry) => entry !== '');
  return entries[entries.length - proxyHops] ?? peer;
}

/** How many proxies' X-Forwarded-For entries to trust: none unless TRUST_PROXY is on. */
export function trustedHops(settings: { trustProxy: boolean; proxyHops?: number }): number {
  return settings.trustProxy ? (settings.proxyHops ?? 1) : 0;
}
