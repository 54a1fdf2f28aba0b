// The service's own small HTML pages (identification, staff sign-in): one way to escape text
// and one page frame, so every such page has the same headers (CSP, no caching, UTF-8).
import type { Response } from 'restify';
import type { Locale } from '../flows/contract';

/** Text made safe inside HTML text and attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** One small page: its language, title, stylesheet, the policy it runs under and its body (HTML). */
export interface HtmlPage {
  locale: Locale;
  title: string;
  stylesheet: string;
  csp: string;
  /** Markup of <body>, already escaped where it holds text. */
  body: string;
  bodyClass?: string;
  /** Where the page forwards the browser at once (a meta refresh: the only way a Strict cookie is sent after a cross-site redirect). */
  refreshTo?: string;
}

/** Sends `page` with `status`, never cached (these pages are about one person's sign-in). */
export function sendHtmlPage(res: Response, status: number, page: HtmlPage): void {
  res.status(status);
  res.setHeader('Content-Type', 'text/html; charset=utf-8');
  res.setHeader('Content-Security-Policy', page.csp);
  res.setHeader('Cache-Control', 'no-store');
  const refresh = page.refreshTo ? `<meta http-equiv="refresh" content="0;url=${escapeHtml(page.refreshTo)}">` : '';
  const bodyClass = page.bodyClass ? ` class="${escapeHtml(page.bodyClass)}"` : '';
  res.end(
    `<!doctype html><html lang="${page.locale}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">${refresh}` +
      `<title>${escapeHtml(page.title)}</title><link rel="stylesheet" href="${escapeHtml(page.stylesheet)}"><link rel="icon" href="/static/favicon.svg" type="image/svg+xml"></head>` +
      `<body${bodyClass}>${page.body}</body></html>`,
  );
}
