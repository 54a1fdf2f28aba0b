// Reading one cookie of a request: the citizen identification and staff sign-in callbacks both need it.
import type { IncomingMessage } from 'node:http';

/** The value of one cookie of the request's Cookie header, or undefined. */
export function cookieValue(req: IncomingMessage, name: string): string | undefined {
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const at = part.indexOf('=');
    if (at > 0 && part.slice(0, at).trim() === name) return part.slice(at + 1).trim();
  }
  return undefined;
}
