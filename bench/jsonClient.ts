import http from 'node:http';

export interface JsonResponse {
  status: number;
  body: unknown;
}

export interface JsonRequest {
  method: 'GET' | 'POST';
  path: string;
  body?: unknown;
  bearer?: string;
}

/**
 * A minimal JSON-over-HTTP client on one keep-alive node:http Agent, the same for every
 * target so that client overhead cancels out of the ratios.
 */
export class JsonClient {
  private readonly agent: http.Agent;

  constructor(
    private readonly base: URL,
    maxSockets: number,
    private readonly timeoutMs: number,
  ) {
    // One socket per concurrent conversation: no request waits for a socket inside the client.
    this.agent = new http.Agent({ keepAlive: true, maxSockets, maxFreeSockets: maxSockets });
  }

  request(req: JsonRequest): Promise<JsonResponse> {
    const payload = req.body === undefined ? undefined : Buffer.from(JSON.stringify(req.body));
    const headers: http.OutgoingHttpHeaders = { accept: 'application/json' };
    if (payload) {
      headers['content-type'] = 'application/json';
      headers['content-length'] = payload.length;
    }
    if (req.bearer) headers.authorization = `Bearer ${req.bearer}`;
    return new Promise((resolve, reject) => {
      const outgoing = http.request(
        { host: this.base.hostname, port: this.base.port, method: req.method, path: req.path, headers, agent: this.agent, timeout: this.timeoutMs },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (chunk: Buffer) => chunks.push(chunk));
          res.on('error', reject);
          res.on('end', () => {
            const text = Buffer.concat(chunks).toString('utf8');
            let body: unknown = text;
            if (text !== '' && (res.headers['content-type'] ?? '').includes('json')) {
              try {
                body = JSON.parse(text);
              } catch {
                // Keep the raw text: the caller reports it as an unexpected answer.
              }
            }
            resolve({ status: res.statusCode ?? 0, body });
          });
        },
      );
      outgoing.on('timeout', () => outgoing.destroy(new Error(`${req.method} ${req.path} timed out after ${this.timeoutMs} ms`)));
      outgoing.on('error', reject);
      outgoing.end(payload);
    });
  }

  close(): void {
    this.agent.destroy();
  }
}

/** The body of a 2xx answer as an object, or an error naming the step and what came back. */
export function okObject(res: JsonResponse, step: string): Record<string, unknown> {
  if (res.status < 200 || res.status >= 300) {
    const shown = typeof res.body === 'string' ? res.body : JSON.stringify(res.body);
    throw new Error(`${step}: HTTP ${res.status} ${(shown ?? '').slice(0, 200)}`);
  }
  if (typeof res.body !== 'object' || res.body === null || Array.isArray(res.body)) {
    throw new Error(`${step}: expected a JSON object, got ${String(res.body).slice(0, 200)}`);
  }
  return res.body as Record<string, unknown>;
}

export function stringField(record: Record<string, unknown>, field: string, step: string): string {
  const value = record[field];
  if (typeof value !== 'string' || value === '') throw new Error(`${step}: missing string field "${field}"`);
  return value;
}
