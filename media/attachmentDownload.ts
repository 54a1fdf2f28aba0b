import type { OfferedPhoto } from './photoIntake';

/** Where attachments of Azure Bot Service channels may be fetched from, and how much. */
export interface AttachmentDownloadPolicy {
  /** Host names, exact (`smba.trafficmanager.net`) or a wildcard suffix (`*.botframework.com`). */
  trustedHosts: readonly string[];
  /** Development and tests only: plain http to loopback hosts. */
  allowLoopbackHttp: boolean;
  maxBytes: number;
  timeoutMs: number;
}

/**
 * The policy the service runs with. Loopback http only with the explicit development flag
 * ALLOW_UNAUTHENTICATED_BOT_ENDPOINT (the Bot Framework Emulator), never merely because
 * NODE_ENV is not production: a staging bot with a real app id must not fetch local URLs.
 */
export function attachmentDownloadPolicy(config: {
  photo: { trustedAttachmentHosts: readonly string[]; maxBytes: number };
  botFramework: { allowUnauthenticated: boolean };
}): AttachmentDownloadPolicy {
  return {
    trustedHosts: config.photo.trustedAttachmentHosts,
    allowLoopbackHttp: config.botFramework.allowUnauthenticated,
    maxBytes: config.photo.maxBytes,
    timeoutMs: 15_000,
  };
}

/** Thrown when an attachment cannot be fetched (untrusted host, network, status). */
export class AttachmentUnavailableError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'AttachmentUnavailableError';
  }
}

function isLoopback(hostname: string): boolean {
  return hostname === 'localhost' || hostname === '[::1]' || /^127\.\d+\.\d+\.\d+$/.test(hostname);
}

/** Whether `url` is one the service may fetch: https to a trusted host (or loopback http when allowed). */
export function isTrustedAttachmentUrl(url: unknown, policy: AttachmentDownloadPolicy): boolean {
  if (typeof url !== 'string') return false;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  if (parsed.username || parsed.password) return false;
  if (parsed.protocol === 'http:') return policy.allowLoopbackHttp && isLoopback(parsed.hostname);
  if (parsed.protocol !== 'https:') return false;
  const host = parsed.hostname.toLowerCase();
  return policy.trustedHosts.some((pattern) => {
    const p = pattern.toLowerCase();
    return p.startsWith('*.') ? host.endsWith(p.slice(1)) && host.length > p.length - 1 : host === p;
  });
}

/**
 * Fetches one attachment from a trusted host without following redirects, reading at most
 * `maxBytes`: a larger one comes back as `tooLarge` with no bytes kept.
 */
export async function downloadAttachment(url: string, policy: AttachmentDownloadPolicy): Promise<OfferedPhoto> {
  if (!isTrustedAttachmentUrl(url, policy)) throw new AttachmentUnavailableError('attachment host is not trusted');
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), policy.timeoutMs);
  try {
    // A redirect could lead anywhere: the trusted host must serve the bytes itself.
    const res = await fetch(url, { redirect: 'error', signal: controller.signal });
    if (!res.ok || !res.body) throw new AttachmentUnavailableError(`attachment answered ${res.status}`);
    const declared = Number(res.headers.get('content-length') ?? 'NaN');
    if (Number.isFinite(declared) && declared > policy.maxBytes) {
      await res.body.cancel();
      return { bytes: Buffer.alloc(0), tooLarge: true };
    }
    const reader = res.body.getReader();
    const chunks: Buffer[] = [];
    let size = 0;
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      size += value.length;
      if (size > policy.maxBytes) {
        await reader.cancel().catch(() => undefined);
        return { bytes: Buffer.alloc(0), tooLarge: true };
      }
      chunks.push(Buffer.from(value));
    }
    return { bytes: Buffer.concat(chunks) };
  } catch (error) {
    if (error instanceof AttachmentUnavailableError) throw error;
    throw new AttachmentUnavailableError('attachment could not be fetched', { cause: error });
  } finally {
    clearTimeout(timer);
  }
}
