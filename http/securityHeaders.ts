import type { Next, Request, Response } from 'restify';

/**
 * Content-Security-Policy of the pages: scripts only from this service (no CDN, no
 * inline script); Web Chat injects its styles at run time, hence 'unsafe-inline' for
 * styles only; uploads preview as blob: images and are read back from blob: URLs.
 */
export const PAGE_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "media-src 'self' blob: data:",
  // The Direct Line client reads a chosen photo back from its blob: URL to upload it.
  "connect-src 'self' blob:",
  "frame-ancestors 'self'",
  "base-uri 'none'",
  "form-action 'none'",
].join('; ');

/** Headers every response carries. */
export function securityHeaders(_req: Request, res: Response, next: Next): void {
  // setHeader replaces (restify's res.header appends): index.ts sets this one before routing too.
  res.setHeader('X-Content-Type-Options', 'nosniff');
  res.header('Referrer-Policy', 'no-referrer');
  res.header('X-Frame-Options', 'SAMEORIGIN');
  res.header('Cross-Origin-Opener-Policy', 'same-origin');
  res.header('Cross-Origin-Resource-Policy', 'same-origin');
  res.header('Permissions-Policy', 'geolocation=(), microphone=(), payment=()');
  res.header('Cache-Control', 'no-store');
  next();
}
