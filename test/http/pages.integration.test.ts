import { createI18n } from '../../i18n/i18n';
import { startTestServer, type TestServer } from '../support/testServer';

const i18n = createI18n();

describe('pages and their headers', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(async () => {
    await server.stop();
  });

  it('serves the citizen page in the language asked for, with one cache policy and the CSP', async () => {
    const res = await fetch(`${server.url}/?lang=sv`);
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-cache');
    expect(res.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    const html = await res.text();
    expect(html).toContain('<html lang="sv">');
    expect(html).toContain(i18n.getFixedT('sv')('common:page.emergency'));
  });

  it('follows Accept-Language when no language is asked for', async () => {
    const html = await (await fetch(`${server.url}/`, { headers: { 'Accept-Language': 'en-GB,en;q=0.9' } })).text();
    expect(html).toContain('<html lang="en">');
  });

  it('serves the Web Chat bundle itself, cacheable', async () => {
    const res = await fetch(`${server.url}/vendor/webchat.js`);
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('public, max-age=86400');
    expect(res.headers.get('content-type')).toContain('javascript');
  });

  it('gives page wording per language and 404 for anything else', async () => {
    expect(await (await fetch(`${server.url}/i18n/page/fi`)).json()).toMatchObject({ emergency: i18n.getFixedT('fi')('common:page.emergency') });
    expect((await fetch(`${server.url}/i18n/page/de`)).status).toBe(404);
    expect((await fetch(`${server.url}/static/../config.ts`)).status).toBe(404);
    expect((await fetch(`${server.url}/static/nope.js`)).status).toBe(404);
  });
});
