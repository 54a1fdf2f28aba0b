// The staff console page: GET /staff (HTML with server-side {{console.*}} placeholders from
// locales/<lng>/staff.json), its script and style under /staff/static/, and the console's
// wording as JSON under /staff/i18n/:lng. The page talks only to /staff/api (same origin).
import fs from 'node:fs';
import path from 'node:path';
import type { Response, Server } from 'restify';
import { NotFoundError } from '../errors';
import { LOCALES, type Locale } from '../flows/contract';
import { toLocale } from '../i18n/i18n';
import { WEB_DIR } from '../paths';
import { DEFAULT_CATALOG } from '../routing';
import { asyncRoute } from './asyncRoute';
import { pageLocale } from './pages';
import { queryParam } from './queryParam';
import { escapeHtml } from './htmlPage';

/** CSP of the console: nothing inline, no third party; photos are same-origin images. */
export const STAFF_PAGE_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' blob:",
  "connect-src 'self'",
  "frame-ancestors 'none'",
  "base-uri 'none'",
  "form-action 'self'",
].join('; ');

/** The staff namespace of a language (locales/<lng>/staff.json as loaded by i18next). */
export type StaffStrings = (lng: Locale) => Record<string, unknown>;

/** A queue the console may offer as a transfer target. */
export interface StaffPageQueue {
  id: string;
  name: Readonly<Record<Locale, string>>;
}

const ASSETS: Record<string, string> = {
  'console.js': 'text/javascript; charset=utf-8',
  'live.js': 'text/javascript; charset=utf-8',
  'notice.js': 'text/javascript; charset=utf-8',
  'admin.js': 'text/javascript; charset=utf-8',
  'identity.js': 'text/javascript; charset=utf-8',
  'console.css': 'text/css; charset=utf-8',
};

function send(res: Response, body: Buffer, type: string, csp?: string): void {
  res.status(200);
  res.setHeader('Content-Type', type);
  res.setHeader('Cache-Control', 'no-cache');
  if (csp) res.setHeader('Content-Security-Policy', csp);
  res.end(body);
}

/** Registers GET /staff, /staff/static/:name and /staff/i18n/:lng; files are read once at start. */
export function registerStaffPages(
  server: Server,
  strings: StaffStrings,
  defaultLocale: Locale,
  queues: readonly StaffPageQueue[] = DEFAULT_CATALOG.queues,
  /** Offer "Sign in with your organisation account" (the county's OpenID Connect provider is configured). */
  oidcSignIn = false,
): void {
  const dir = path.join(WEB_DIR, 'staff');
  const template = fs.readFileSync(path.join(dir, 'index.html'), 'utf8');
  const assets = new Map(Object.entries(ASSETS).map(([name, type]) => [name, { body: fs.readFileSync(path.join(dir, name)), type }]));

  const rendered = new Map<Locale, Buffer>();
  const wording = new Map<Locale, Buffer>();
  for (const lng of LOCALES) {
    const bundle = strings(lng);
    const consoleStrings = (bundle.console ?? {}) as Record<string, string>;
    const html = template
      .replace(/\{\{lang\}\}/g, lng)
      // The provider's button comes before the password form: with a provider it is the usual way in.
      .replace(
        '{{oidcSignIn}}',
        oidcSignIn
          ? `<p class="login-oidc"><a id="login-oidc" class="button" href="/staff/oidc/start?lang=${lng}">${escapeHtml(consoleStrings.oidcSignIn ?? '')}</a></p><p>${escapeHtml(consoleStrings.oidcOr ?? '')}</p>`
          : '',
      )
      .replace(/\{\{console\.(\w+)\}\}/g, (_m, key: string) => escapeHtml(consoleStrings[key] ?? ''));
    rendered.set(lng, Buffer.from(html, 'utf8'));
    // The console wording plus the labels of codes the API answers with (urgency, outcome, ...).
    const { summary: _summary, ...labels } = bundle;
    const body = { ...labels, queues: queues.map((q) => ({ id: q.id, name: q.name[lng] })) };
    wording.set(lng, Buffer.from(JSON.stringify(body), 'utf8'));
  }

  server.get(
    '/staff',
    asyncRoute(async (req, res) => {
      const lng = pageLocale(queryParam(req, 'lang'), req.headers['accept-language'], defaultLocale);
      res.setHeader('Vary', 'Accept-Language');
      send(res, rendered.get(lng)!, 'text/html; charset=utf-8', STAFF_PAGE_CSP);
    }),
  );
  server.get(
    '/staff/i18n/:lng',
    asyncRoute(async (req, res) => {
      const lng = toLocale(req.params?.lng);
      if (!lng || lng !== req.params?.lng) throw new NotFoundError('no such language');
      send(res, wording.get(lng)!, 'application/json; charset=utf-8');
    }),
  );
  server.get(
    '/staff/static/:name',
    asyncRoute(async (req, res) => {
      const file = assets.get(String(req.params?.name ?? ''));
      if (!file) throw new NotFoundError('no such file');
      send(res, file.body, file.type);
    }),
  );
}
