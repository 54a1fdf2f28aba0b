import type { IncomingMessage } from 'node:http';
import { BadRequestError, PayloadTooLargeError } from '../errors';

/**
 * Reads a JSON request body of at most `limit` bytes. An empty body gives `undefined`;
 * a larger one fails with PayloadTooLargeError before it is buffered whole, and
 * malformed JSON fails with BadRequestError('MalformedJson').
 */
export async function readJsonBody(req: IncomingMessage, limit: number): Promise<unknown> {
  const declared = Number(req.headers['content-length'] ?? '0');
  if (Number.isFinite(declared) && declared > limit) {
    req.resume();
    throw new PayloadTooLargeError(`body larger than ${limit} bytes`);
  }
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > limit) {
      req.resume();
      throw new PayloadTooLargeError(`body larger than ${limit} bytes`);
    }
    chunks.push(chunk);
  }
  if (size === 0) return undefined;
  const text = Buffer.concat(chunks).toString('utf8');
  try {
    return JSON.parse(text) as unknown;
  } catch (cause) {
    throw new BadRequestError('body is not valid JSON', 'MalformedJson', { cause });
  }
}

/** Narrows a parsed body to a plain JSON object or fails with BadRequestError. */
export function asObject(body: unknown, what: string): Record<string, unknown> {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw new BadRequestError(`${what} must be a JSON object`);
  }
  return body as Record<string, unknown>;
}
