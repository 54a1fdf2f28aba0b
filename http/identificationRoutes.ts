// The browser side of citizen identification: /identify/start (from the chat's "Identify" button)
// sends the browser to the provider with a cookie binding the callback to this browser;
// /identify/callback verifies the answer and shows a small page that tells the chat
// (web/static/identified.js); /identify/test is the built-in test provider's page, only when
// that provider is configured. Nothing of the query (code, state) or the identity is logged.
import type { IncomingMessage } from 'node:http';
import type { Request, Response, Server } from 'restify';
import type { TFunction } from 'i18next';
import { LOCALES, type Locale } from '../flows/contract';
import type { CitizenIdentification } from '../identity/citizenIdentification';
import { CALLBACK_PATH, TEST_PERSONS, TEST_PROVIDER_PATH } from '../identity/identityProvider';
import { OidcSignInError, type OidcFailureReason } from '../identity/oidc/oidcErrors';
import { RateLimitedError } from '../errors';
import { toLocale } from '../i18n/i18n';
import { asyncRoute } from './asyncRoute';
import type { RateLimiter } from './rateLimit';
import { cookieValue } from './requestCookie';
import { queryParam } from './queryParam';
import { PAGE_CSP } from './securityHeaders';
import { escapeHtml, sendHtmlPage } from './htmlPage';
import { CHAT_BINDING_COOKIE, type ChatBrowserBinding } from '../channels/chatBrowserBinding';

/** Cookie that binds a callback to the browser that started the sign-in. */
export const BINDING_COOKIE = 'luotsi_identify';
const COOKIE_MAX_AGE_S = 600;

export interface IdentificationRouteOptions {
  service: CitizenIdentification;
  /** Fixed translations per locale. */
  t: (locale: Locale) => TFunction;
  defaultLocale: Locale;
  /** Mark the binding cookie Secure (production, https). */
  secureCookie: boolean;
  /** Logs a failure by kind only. */
  onFailure: (kind: string, error?: unknown) => void;
  /** Identification pages per client IP: each one may cost the provider a request. */
  limiter: RateLimiter;
  /** The client IP of a request (behind the trusted proxies). */
  clientIp: (req: IncomingMessage) => string;
  /** Tells whether the browser holds the ticket's chat conversation (its chat binding cookie). */
  chatBinding: ChatBrowserBinding;
}

function sendPage(res: Response, status: number, locale: Locale, title: string, body: string): void {
  sendHtmlPage(res, status, { locale, title, stylesheet: '/static/chat.css', csp: PAGE_CSP, bodyClass: 'identify-page', body });
}

/** The page the identification window ends on; identified.js tells the chat and offers to close. */
function resultPage(res: Response, locale: Locale, t: TFunction, outcome: 'ok' | OidcFailureReason | 'expired'): void {
  const key =
    outcome === 'ok' ? 'ok' : outcome === 'cancelled' ? 'cancelled' : outcome === 'unavailable' ? 'unavailable' : outcome === 'expired' ? 'expired' : 'failed';
  const title = t('identification:page.title');
  sendPage(
    res,
    200,
    locale,
    title,
    `<main data-identification="${key}"><h1>${escapeHtml(title)}</h1><p role="status">${escapeHtml(t(`identification:page.${key}`))}</p>` +
      `<p><button type="button" id="identify-close">${escapeHtml(t('identification:page.close'))}</button></p></main><script src="/static/identified.js"></script>`,
  );
}

/**
 * A page asking to wait, when one address opens identification pages too fast. It does not tell
 * the chat anything (no identified.js): the sign-in has not ended, and a retry can still finish it.
 */
function tooManyPage(res: Response, locale: Locale, t: TFunction, retryAfterSeconds: number): void {
  res.setHeader('Retry-After', String(retryAfterSeconds));
  const title = t('identification:page.title');
  sendPage(
    res,
    429,
    locale,
    title,
    `<main><h1>${escapeHtml(title)}</h1><p role="alert">${escapeHtml(t('identification:page.tooMany', { seconds: retryAfterSeconds }))}</p></main>`,
  );
}

/**
 * A ticket opened in a browser that does not hold its chat (a forwarded or copied link): asks to
 * identify from the chat itself. It tells no chat anything: this browser's chats are not the ticket's.
 */
function otherBrowserPage(res: Response, locale: Locale, t: TFunction): void {
  const title = t('identification:page.title');
  sendPage(
    res,
    403,
    locale,
    title,
    `<main data-identification-refused="otherBrowser"><h1>${escapeHtml(title)}</h1><p role="alert">${escapeHtml(t('identification:page.otherBrowser'))}</p></main>`,
  );
}

/** Registers the /identify routes. */
export function registerIdentificationRoutes(server: Server, options: IdentificationRouteOptions): void {
  const { service } = options;
  const localeOf = (req: Request, fallback?: Locale) => toLocale(queryParam(req, 'lang')) ?? fallback ?? options.defaultLocale;
  /** Takes one page for the request's address; false (and the wait page sent) when over the limit. */
  const allowed = (req: Request, res: Response): boolean => {
    try {
      options.limiter.take(options.clientIp(req));
      return true;
    } catch (error) {
      if (!(error instanceof RateLimitedError)) throw error;
      options.onFailure('identification_rate_limited');
      const locale = localeOf(req);
      tooManyPage(res, locale, options.t(locale), error.retryAfterSeconds);
      return false;
    }
  };

  server.get(
    '/identify/start',
    asyncRoute(async (req, res) => {
      if (!allowed(req, res)) return;
      const ticket = queryParam(req, 't') ?? '';
      const locale = (ticket !== '' && ticket.length <= 64 ? await service.ticketLocale(ticket) : undefined) ?? localeOf(req);
      const t = options.t(locale);
      let started;
      try {
        const chats = cookieValue(req, CHAT_BINDING_COOKIE);
        started =
          ticket !== '' && ticket.length <= 64 ? await service.start(ticket, (conversationId) => options.chatBinding.holds(chats, conversationId)) : undefined;
      } catch (error) {
        if (!(error instanceof OidcSignInError)) throw error;
        options.onFailure('provider_unavailable', error);
        resultPage(res, locale, t, 'unavailable');
        return;
      }
      if (!started) {
        resultPage(res, locale, t, 'expired');
        return;
      }
      if (started === 'otherBrowser') {
        options.onFailure('identification_other_browser');
        otherBrowserPage(res, locale, t);
        return;
      }
      const secure = options.secureCookie ? '; Secure' : '';
      res.setHeader('Set-Cookie', `${BINDING_COOKIE}=${started.binding}; Path=/identify; HttpOnly; SameSite=Lax; Max-Age=${COOKIE_MAX_AGE_S}${secure}`);
      // The test provider's page speaks the chat's language (a real provider has its own choice).
      const to = started.redirectTo.startsWith(`${TEST_PROVIDER_PATH}?`) ? `${started.redirectTo}&lang=${started.locale}` : started.redirectTo;
      res.setHeader('Location', to);
      res.status(302);
      res.end();
    }),
  );

  server.get(
    CALLBACK_PATH,
    asyncRoute(async (req, res) => {
      if (!allowed(req, res)) return;
      const url = new URL(req.url ?? '/', 'http://callback.invalid');
      const { locale, outcome } = await service.finish(url, cookieValue(req, BINDING_COOKIE));
      if (outcome !== 'ok') options.onFailure(`identification_${outcome}`);
      const shown = locale ?? options.defaultLocale;
      // The binding is used up either way.
      res.setHeader('Set-Cookie', `${BINDING_COOKIE}=; Path=/identify; HttpOnly; SameSite=Lax; Max-Age=0${options.secureCookie ? '; Secure' : ''}`);
      resultPage(res, shown, options.t(shown), outcome);
    }),
  );

  if (service.providerKind !== 'test') return;
  // The built-in test provider (never in production): made-up people, clearly marked as a test.
  server.get(
    TEST_PROVIDER_PATH,
    asyncRoute(async (req, res) => {
      if (!allowed(req, res)) return;
      const state = queryParam(req, 'state') ?? '';
      const locale = localeOf(req);
      const t = options.t(locale);
      const link = (params: Record<string, string>) => escapeHtml(`${CALLBACK_PATH}?${new URLSearchParams({ state, ...params }).toString()}`);
      const people = Object.entries(TEST_PERSONS)
        .map(
          ([id, p]) =>
            `<li><a class="identify-person" href="${link({ test_person: id })}">${escapeHtml(`${p.givenName} ${p.familyName}`)} (${escapeHtml(p.identityCode)})</a></li>`,
        )
        .join('');
      const languages = LOCALES.map(
        (l) => `<a href="${escapeHtml(`${TEST_PROVIDER_PATH}?${new URLSearchParams({ state, lang: l }).toString()}`)}" lang="${l}">${l.toUpperCase()}</a>`,
      ).join(' ');
      const title = t('identification:test.title');
      sendPage(
        res,
        200,
        locale,
        title,
        `<main><p role="alert" class="identify-test-banner" style="background:#ffd400;color:#000;padding:1em;font-weight:bold;border:3px dashed #000">${escapeHtml(t('identification:test.banner'))}</p>` +
          `<h1>${escapeHtml(title)}</h1><p>${escapeHtml(t('identification:test.choose'))}</p><ul>${people}</ul>` +
          `<p><a class="identify-cancel" href="${link({ error: 'access_denied' })}">${escapeHtml(t('identification:test.cancel'))}</a></p><p>${languages}</p></main>`,
      );
    }),
  );
}
