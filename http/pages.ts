import fs from 'node:fs';
import path from 'node:path';
import type { Server } from 'restify';
import { WEB_DIR } from '../paths';
import { asyncRoute } from './asyncRoute';
import { NotFoundError } from '../errors';
import { LOCALES, type Locale } from '../flows/contract';
import { toLocale } from '../i18n/i18n';
import { PAGE_CSP } from './securityHeaders';
import { queryParam } from './queryParam';
import { escapeHtml } from './htmlPage';

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
};

/** The Web Chat browser bundle from the botframework-webchat package, served by us (no CDN). */
export function webChatBundlePath(): string {
  const entry = require.resolve('botframework-webchat');
  const marker = `${path.sep}botframework-webchat${path.sep}`;
  return path.join(entry.slice(0, entry.lastIndexOf(marker) + marker.length), 'dist', 'webchat.js');
}

interface StaticFile {
  body: Buffer;
  type: string;
}

function load(file: string): StaticFile {
  return { body: fs.readFileSync(file), type: CONTENT_TYPES[path.extname(file)] ?? 'application/octet-stream' };
}

/** The page's language: ?lang= (the county's site passes its own), then Accept-Language, then the default. */
export function pageLocale(lang: string | undefined, acceptLanguage: string | undefined, fallback: Locale): Locale {
  const requested = toLocale(lang);
  if (requested) return requested;
  for (const part of (acceptLanguage ?? '').split(',')) {
    const locale = toLocale(part.split(';')[0]);
    if (locale) return locale;
  }
  return fallback;
}

/** Page wording per language: the `page` section of locales/<lng>/common.json. */
export type PageStrings = (lng: Locale) => Record<string, string>;

/** Registers the citizen page, its assets and the Web Chat bundle; files are read once at start. */
export function registerPages(server: Server, strings: PageStrings, defaultLocale: Locale): void {
  const assets = new Map<string, StaticFile>();
  for (const name of fs.readdirSync(path.join(WEB_DIR, 'static'))) {
    assets.set(name, load(path.join(WEB_DIR, 'static', name)));
  }
  const index = load(path.join(WEB_DIR, 'index.html'));
  const bundle = load(webChatBundlePath());

  const send = (res: import('restify').Response, file: StaticFile, cache: string) => {
    res.status(200);
    res.header('Content-Type', file.type);
    res.setHeader('Cache-Control', cache);
    res.end(file.body);
  };

  const template = index.body.toString('utf8');
  const rendered = new Map<Locale, StaticFile>();
  for (const lng of LOCALES) {
    const page = strings(lng);
    const html = template.replace(/\{\{lang\}\}/g, lng).replace(/\{\{page\.(\w+)\}\}/g, (_m, key: string) => escapeHtml(page[key] ?? ''));
    rendered.set(lng, { body: Buffer.from(html, 'utf8'), type: index.type });
  }

  server.get(
    '/',
    asyncRoute(async (req, res) => {
      res.header('Content-Security-Policy', PAGE_CSP);
      res.header('Vary', 'Accept-Language');
      send(res, rendered.get(pageLocale(queryParam(req, 'lang'), req.headers['accept-language'], defaultLocale))!, 'no-cache');
    }),
  );
  server.get(
    '/i18n/page/:lng',
    asyncRoute(async (req, res) => {
      const lng = toLocale(req.params?.lng);
      if (!lng || lng !== req.params?.lng) throw new NotFoundError('no such language');
      const body = Buffer.from(JSON.stringify(strings(lng)), 'utf8');
      send(res, { body, type: 'application/json; charset=utf-8' }, 'no-cache');
    }),
  );
  server.get(
    '/vendor/webchat.js',
    asyncRoute(async (_req, res) => send(res, bundle, 'public, max-age=86400')),
  );
  server.get(
    '/static/:name',
    asyncRoute(async (req, res) => {
      const file = assets.get(String(req.params?.name ?? ''));
      if (!file) throw new NotFoundError('no such file');
      send(res, file, 'no-cache');
    }),
  );
}
