// The browser side of staff sign-in with the county's provider: /staff/oidc/start sends the
// browser to the provider with the sign-in's secrets (state, nonce, PKCE verifier) in an HttpOnly
// cookie of this path only, so any instance can finish it; /staff/oidc/callback verifies the
// answer, opens the usual staff session and shows a small page that goes on to the console (a
// redirect would not do: the SameSite=Strict session cookie is not sent on the provider's
// cross-site redirect chain). Nothing of the query or the claims is logged.
import type { Request, Response, Server } from 'restify';
import type { TFunction } from 'i18next';
import type { Logger } from '../logger';
import type { Clock } from '../clock';
import type { Locale } from '../flows/contract';
import type { PendingSignIn } from '../identity/oidc/relyingParty';
import { OidcSignInError } from '../identity/oidc/oidcErrors';
import { toLocale } from '../i18n/i18n';
import { STAFF_OIDC_CALLBACK_PATH, type StaffOidcSignIn, type StaffSignInFailure } from '../staff/staffOidcSignIn';
import { asyncRoute } from './asyncRoute';
import { cookieValue } from './requestCookie';
import { queryParam } from './queryParam';
import type { RateLimiter } from './rateLimit';
import { isHttpsRequest, sessionCookie, takeLoginAttempt, type StaffHttpOptions } from './staffAuth';
import { STAFF_PAGE_CSP } from './staffPages';
import { escapeHtml, sendHtmlPage } from './htmlPage';

/** Where staff sign-in starts (the login page's button links here). */
export const STAFF_OIDC_START_PATH = '/staff/oidc/start';
/** Cookie holding a started sign-in's secrets until its callback. */
export const STAFF_OIDC_COOKIE = 'luotsi_staff_oidc';
const COOKIE_PATH = '/staff/oidc';
const COOKIE_MAX_AGE_S = 600;
const MAX_COOKIE = 1024;

/** What the routes need. */
export interface StaffOidcRouteOptions {
  signIn: StaffOidcSignIn;
  http: StaffHttpOptions;
  /** Fixed translations per locale. */
  t: (locale: Locale) => TFunction;
  defaultLocale: Locale;
  loginLimiter: RateLimiter;
  logger: Logger;
  clock: Clock;
}

interface CookieState extends PendingSignIn {
  lang: Locale;
}

function readState(raw: string | undefined): CookieState | undefined {
  if (raw === undefined || raw === '' || raw.length > MAX_COOKIE) return undefined;
  try {
    const parsed = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8')) as Partial<CookieState>;
    const { state, nonce, codeVerifier } = parsed;
    if (typeof state !== 'string' || typeof nonce !== 'string' || typeof codeVerifier !== 'string') return undefined;
    return { state, nonce, codeVerifier, lang: toLocale(parsed.lang) ?? 'fi' };
  } catch {
    return undefined;
  }
}

function stateCookie(value: string, maxAge: number, secure: boolean): string {
  return [`${STAFF_OIDC_COOKIE}=${value}`, `Path=${COOKIE_PATH}`, 'HttpOnly', 'SameSite=Lax', `Max-Age=${maxAge}`, ...(secure ? ['Secure'] : [])].join('; ');
}

/** Which text of staff:oidc.failed a refusal shows. */
function failureKey(reason: StaffSignInFailure): string {
  switch (reason) {
    case 'no_group':
    case 'cancelled':
    case 'unavailable':
    case 'disabled':
    case 'state':
      return reason;
    default:
      return 'rejected';
  }
}

function sendPage(res: Response, status: number, locale: Locale, t: TFunction, body: string, refresh?: string): void {
  const title = t('staff:oidc.title');
  sendHtmlPage(res, status, {
    locale,
    title,
    stylesheet: '/staff/static/console.css',
    csp: STAFF_PAGE_CSP,
    body: `<main><h1>${escapeHtml(title)}</h1>${body}</main>`,
    ...(refresh && { refreshTo: refresh }),
  });
}

function refusalPage(res: Response, locale: Locale, t: TFunction, reason: StaffSignInFailure): void {
  const consoleUrl = `/staff?lang=${locale}`;
  sendPage(
    res,
    403,
    locale,
    t,
    `<p role="alert" data-staff-sign-in="${escapeHtml(failureKey(reason))}">${escapeHtml(t(`staff:oidc.failed.${failureKey(reason)}`))}</p>` +
      `<p><a href="${escapeHtml(consoleUrl)}">${escapeHtml(t('staff:oidc.back'))}</a></p>`,
  );
}

/** Registers GET /staff/oidc/start and /staff/oidc/callback. */
export function registerStaffOidcRoutes(server: Server, options: StaffOidcRouteOptions): void {
  const { signIn, http, logger } = options;
  const secure = (req: Request) => http.secureCookies || isHttpsRequest(req, http.trustProxy);

  server.get(
    STAFF_OIDC_START_PATH,
    asyncRoute(async (req, res) => {
      takeLoginAttempt(options.loginLimiter, req, http);
      const lang = toLocale(queryParam(req, 'lang')) ?? options.defaultLocale;
      let started;
      try {
        started = await signIn.start();
      } catch (error) {
        if (!(error instanceof OidcSignInError)) throw error;
        logger.warn({ reason: error.reason, method: 'oidc' }, 'staff login refused');
        refusalPage(res, lang, options.t(lang), error.reason);
        return;
      }
      const value = Buffer.from(JSON.stringify({ ...started.pending, lang } satisfies CookieState), 'utf8').toString('base64url');
      res.setHeader('Set-Cookie', stateCookie(value, COOKIE_MAX_AGE_S, secure(req)));
      res.setHeader('Location', started.url.href);
      res.setHeader('Cache-Control', 'no-store');
      res.status(302);
      res.end();
    }),
  );

  server.get(
    STAFF_OIDC_CALLBACK_PATH,
    asyncRoute(async (req, res) => {
      takeLoginAttempt(options.loginLimiter, req, http);
      const pending = readState(cookieValue(req, STAFF_OIDC_COOKIE));
      const lang = pending?.lang ?? options.defaultLocale;
      const t = options.t(lang);
      const now = options.clock();
      const outcome = await signIn.finish(new URL(req.url ?? '/', 'http://callback.invalid'), pending, now);
      // The secrets are used up either way; the cookie goes with the answer.
      const cleared = stateCookie('', 0, secure(req));
      if (!outcome.ok) {
        res.setHeader('Set-Cookie', cleared);
        logger.warn({ reason: outcome.reason, method: 'oidc', ...(outcome.staffId ? { staffId: outcome.staffId } : {}) }, 'staff login refused');
        refusalPage(res, lang, t, outcome.reason);
        return;
      }
      res.setHeader('Set-Cookie', [sessionCookie(outcome.login.sessionId, outcome.login.expiresAt, now, secure(req)), cleared]);
      logger.info({ staffId: outcome.login.identity.staffId, method: 'oidc', created: outcome.created }, 'staff login');
      const consoleUrl = `/staff?lang=${lang}`;
      sendPage(
        res,
        200,
        lang,
        t,
        `<p role="status" data-staff-sign-in="ok">${escapeHtml(t('staff:oidc.ok'))}</p><p><a href="${escapeHtml(consoleUrl)}">${escapeHtml(t('staff:oidc.continue'))}</a></p>`,
        consoleUrl,
      );
    }),
  );
}
