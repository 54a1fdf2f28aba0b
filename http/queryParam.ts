import type { IncomingMessage } from 'node:http';

/** One query-string parameter of the request URL, or undefined. */
export function queryParam(req: IncomingMessage, name: string): string | undefined {
  return new URL(req.url ?? '/', 'http://local').searchParams.get(name) ?? undefined;
}
