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
  let parsed: unknown;
  try {
    parsed = JSON.parse(text) as unknown;
  } catch (cause) {
    throw new BadRequestError('body is not valid JSON', 'MalformedJson', { cause });
  }
  // Real clients nest a few levels; thousands would overflow the stack of whatever walks the
  // value later (serializers, the SDK), far from here and as a 500.
  if (nestingDepth(text) > MAX_NESTING) throw new BadRequestError(`body is nested deeper than ${MAX_NESTING} levels`, 'TooDeep');
  return parsed;
}

/** Deepest JSON nesting a body may have. */
export const MAX_NESTING = 64;

/** Deepest bracket nesting of JSON text, outside strings. */
function nestingDepth(text: string): number {
  let depth = 0;
  let deepest = 0;
  let inString = false;
  for (let i = 0; i < text.length; i += 1) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c)
        i += 1; // backslash: skip the escaped character
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x7b || c === 0x5b) deepest = Math.max(deepest, (depth += 1));
    else if (c === 0x7d || c === 0x5d) depth -= 1;
  }
  return deepest;
}

/** Narrows a parsed body to a plain JSON object or fails with BadRequestError. */
export function asObject(body: unknown, what: string): Record<string, unknown> {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw new BadRequestError(`${what} must be a JSON object`);
  }
  return body as Record<string, unknown>;
}
