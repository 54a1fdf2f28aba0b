/**
 * Browser test of the citizen page: Debian chromium driven by playwright-core against the
 * real service (in-process, ephemeral port, fresh data directory). Covers the Finnish welcome,
 * switching the page to Swedish, answering with a suggested action, reload keeping the
 * conversation, no CSP violations or page errors, axe-core (no serious/critical violations),
 * a saved session that cannot be resumed, the page following a language chosen in the chat,
 * and a phone-sized layout (typing an answer included). Screenshots go to SCREENSHOT_DIR.
 *
 * Expected wording is read from locales/, never copied here. Message contents are not logged;
 * failures name the translation key that was awaited.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { loadConfig } from '../../config';
import { testServiceEnv } from '../support/testDatabase';
import { createServer, type LuotsiServer } from '../../index';
import { inViewport, launchChromium, runAxe, SCREENSHOT_DIR, text, watch, type PageProblems } from './support';

jest.setTimeout(90_000);

const WAIT_MS = 20_000;

let server: LuotsiServer;
let baseUrl: string;
let dataDir: string;
let browser: Browser;

beforeAll(async () => {
  fs.mkdirSync(SCREENSHOT_DIR, { recursive: true });
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'luotsi-e2e-data-'));
  const config = loadConfig({ NODE_ENV: 'test', DATA_DIR: dataDir, LOG_LEVEL: 'silent', PORT: '0', ...testServiceEnv() }, process.cwd());
  server = createServer(config);
  baseUrl = await server.listen(0, '127.0.0.1');
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
  if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
});

/** The chat transcript region rendered by Web Chat. */
const transcript = (page: Page) => page.locator('#webchat');

/** Waits until the transcript shows the translation at `key` (the failure names the key, not the text). */
async function expectInTranscript(page: Page, lng: 'fi' | 'sv' | 'en', key: string): Promise<void> {
  const wanted = text(lng, key);
  try {
    await transcript(page).getByText(wanted, { exact: false }).last().waitFor({ state: 'visible', timeout: WAIT_MS });
  } catch {
    throw new Error(`the chat did not show ${lng}:${key}`);
  }
}

/** The suggested-action buttons currently offered by the bot. */
function suggestedAction(page: Page, label: string) {
  return transcript(page).locator('.webchat__suggested-actions').getByRole('button', { name: label, exact: true });
}

describe('citizen chat page', () => {
  let context: BrowserContext;
  let page: Page;
  let problems: PageProblems;

  beforeAll(async () => {
    context = await browser.newContext({ locale: 'fi-FI', viewport: { width: 1280, height: 900 } });
    page = await context.newPage();
    problems = watch(page);
  });

  afterAll(async () => {
    await context?.close();
  });

  test('opens in Finnish with the welcome and the language question', async () => {
    const response = await page.goto(`${baseUrl}/`);
    expect(response?.status()).toBe(200);
    expect(response?.headers()['content-security-policy']).toContain("script-src 'self'");
    expect(await page.locator('html').getAttribute('lang')).toBe('fi');
    expect(await page.locator('#emergency').isVisible()).toBe(true);
    expect(await page.locator('#emergency').textContent()).toBe(text('fi', 'common:page.emergency'));
    await expectInTranscript(page, 'fi', 'common:welcome');
    await expectInTranscript(page, 'fi', 'entry:language.question');
    await suggestedAction(page, text('fi', 'entry:language.options.sv')).waitFor({ state: 'visible', timeout: WAIT_MS });
    // Web Chat talks to our own Direct Line channel over its WebSocket stream.
    expect(problems.webSockets.some((p) => /^\/v3\/directline\/conversations\/[^/]+\/stream$/.test(p))).toBe(true);
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
    await page.screenshot({ path: path.join(SCREENSHOT_DIR, 'desktop-fi.png'), fullPage: true });
  });

  test('the page language button switches the page and the bot to Swedish', async () => {
    await page
      .locator('#language-switch')
      .getByRole('button', { name: text('sv', 'entry:language.options.sv'), exact: true })
      .click();
    await expectInTranscript(page, 'sv', 'entry:language.question');
    expect(await page.locator('html').getAttribute('lang')).toBe('sv');
    await expect(page.locator('#emergency').textContent()).resolves.toBe(text('sv', 'common:page.emergency'));
    expect(await page.locator('#language-switch button[data-locale="sv"]').getAttribute('aria-pressed')).toBe('true');
  });

  test('a suggested action answers the question and the next prompt follows', async () => {
    await suggestedAction(page, text('sv', 'entry:language.options.sv')).click();
    await expectInTranscript(page, 'sv', 'entry:privacy.notice');
    await expectInTranscript(page, 'sv', 'entry:privacy.question');
    await suggestedAction(page, text('sv', 'entry:privacy.options.accept')).waitFor({ state: 'visible', timeout: WAIT_MS });
    await suggestedAction(page, text('sv', 'entry:privacy.options.decline')).waitFor({ state: 'visible', timeout: WAIT_MS });
    await page.screenshot({ path: path.join(SCREENSHOT_DIR, 'desktop-sv.png'), fullPage: true });
  });

  test('a reload keeps the conversation (same session in this tab)', async () => {
    const before = await page.evaluate(() => window.sessionStorage.getItem('luotsi.session'));
    expect(before).toBeTruthy();
    await page.reload();
    // The server renders the Accept-Language page; the tab's chosen language follows from the session.
    await page.waitForFunction(() => document.documentElement.lang === 'sv', null, { timeout: WAIT_MS });
    await page.locator('#emergency', { hasText: text('sv', 'common:page.emergency') }).waitFor({ timeout: WAIT_MS });
    await expectInTranscript(page, 'fi', 'common:welcome');
    await expectInTranscript(page, 'sv', 'entry:privacy.question');
    const after = await page.evaluate(() => window.sessionStorage.getItem('luotsi.session'));
    expect(JSON.parse(after ?? '{}').conversationId).toBe(JSON.parse(before ?? '{}').conversationId);
  });

  test('axe-core finds no serious or critical violations', async () => {
    const violations = await runAxe(page);
    const severe = violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
    if (violations.length) console.log('axe violations:\n' + violations.map((v) => `${v.impact} ${v.id}: ${v.help} ${v.nodes.join(' ')}`).join('\n'));
    expect(severe).toEqual([]);
  });

  test('no CSP violations or page errors', () => {
    expect(problems.list).toEqual([]);
  });
});

describe('citizen chat page with a session that cannot be resumed', () => {
  test('an invalid saved session gives way to a fresh conversation', async () => {
    const context = await browser.newContext({ locale: 'fi-FI' });
    try {
      const page = await context.newPage();
      await page.goto(`${baseUrl}/`);
      await expectInTranscript(page, 'fi', 'entry:language.question');
      const saved = JSON.parse((await page.evaluate(() => window.sessionStorage.getItem('luotsi.session'))) ?? '{}');
      // A token that was never valid for this conversation (as after a key change or expiry).
      await page.evaluate((session) => window.sessionStorage.setItem('luotsi.session', JSON.stringify(session)), { ...saved, token: 'invalid.token' });
      await page.reload();
      await page.waitForFunction(
        (old) => {
          const now = JSON.parse(window.sessionStorage.getItem('luotsi.session') ?? 'null');
          return !!now && now.conversationId !== old;
        },
        saved.conversationId,
        { timeout: 60_000 },
      );
      await expectInTranscript(page, 'fi', 'common:welcome');
      await expectInTranscript(page, 'fi', 'entry:language.question');
    } finally {
      await context.close();
    }
  });
});

describe('citizen chat page follows a language chosen in the chat', () => {
  test('choosing English with a suggested action switches the page to English', async () => {
    const context = await browser.newContext({ locale: 'fi-FI' });
    try {
      const page = await context.newPage();
      const problems = watch(page);
      await page.goto(`${baseUrl}/`);
      await expectInTranscript(page, 'fi', 'entry:language.question');
      await suggestedAction(page, text('fi', 'entry:language.options.en')).click();
      await expectInTranscript(page, 'en', 'entry:privacy.question');
      await page.waitForFunction(() => document.documentElement.lang === 'en', null, { timeout: WAIT_MS });
      await page.locator('#emergency', { hasText: text('en', 'common:page.emergency') }).waitFor({ timeout: WAIT_MS });
      expect(await page.locator('#language-switch button[data-locale="en"]').getAttribute('aria-pressed')).toBe('true');
      expect(problems.list).toEqual([]);
    } finally {
      await context.close();
    }
  });
});

describe('citizen chat page on a phone', () => {
  test('send box, suggested actions and emergency banner are on screen', async () => {
    const viewport = { width: 390, height: 844 };
    const context = await browser.newContext({ locale: 'sv-FI', viewport, isMobile: true, hasTouch: true, deviceScaleFactor: 2 });
    try {
      const page = await context.newPage();
      const problems = watch(page);
      await page.goto(`${baseUrl}/`);
      expect(await page.locator('html').getAttribute('lang')).toBe('sv');
      await expectInTranscript(page, 'sv', 'entry:language.question');
      const action = suggestedAction(page, text('sv', 'entry:language.options.sv'));
      await action.waitFor({ state: 'visible', timeout: WAIT_MS });
      const sendBox = transcript(page).locator('.webchat__send-box').getByRole('textbox').first();
      await sendBox.waitFor({ state: 'visible', timeout: WAIT_MS });
      expect(inViewport(await sendBox.boundingBox(), viewport)).toBe(true);
      expect(inViewport(await action.boundingBox(), viewport)).toBe(true);
      expect(inViewport(await page.locator('#emergency').boundingBox(), viewport)).toBe(true);
      expect((await action.boundingBox())!.height).toBeGreaterThanOrEqual(44);
      // Nothing wider than the screen (no sideways scrolling).
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(viewport.width);
      await page.screenshot({ path: path.join(SCREENSHOT_DIR, 'phone-sv.png') });

      // Answering by typing works too: the choice's label typed into the send box and Enter.
      await sendBox.fill(text('sv', 'entry:language.options.sv'));
      await sendBox.press('Enter');
      await expectInTranscript(page, 'sv', 'entry:privacy.question');
      const yes = suggestedAction(page, text('sv', 'entry:privacy.options.accept'));
      await yes.waitFor({ state: 'visible', timeout: WAIT_MS });
      expect(inViewport(await yes.boundingBox(), viewport)).toBe(true);
      expect(inViewport(await sendBox.boundingBox(), viewport)).toBe(true);
      await page.screenshot({ path: path.join(SCREENSHOT_DIR, 'phone-sv-consent.png') });

      const violations = await runAxe(page);
      const severe = violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
      if (violations.length) console.log('axe violations (phone):\n' + violations.map((v) => `${v.impact} ${v.id}: ${v.help} ${v.nodes.join(' ')}`).join('\n'));
      expect(severe).toEqual([]);
      expect(problems.list).toEqual([]);
    } finally {
      await context.close();
    }
  });
});
