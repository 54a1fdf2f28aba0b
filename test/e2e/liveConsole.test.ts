/**
 * The console as a live working tool, in chromium with two staff contexts and one citizen
 * against the real service in-process (clock running from Monday 10.00 Helsinki):
 *
 *  - both nurses are logged in and live (one event stream each, no polling); the citizen joins
 *    the general customer service queue -> the case appears on both consoles without a reload
 *    (while live the consoles do not poll: only a signal can bring it within the wait);
 *  - both open it; nurse one takes it with the "next case" key -> nurse two sees it taken at once;
 *  - the citizen types -> nurse one sees "the client is typing"; the citizen sends -> the message
 *    appears in nurse one's case view; nurse one types -> the citizen sees "<name> is typing";
 *    nurse one (console in Swedish) inserts a ready reply -> its Finnish text, the client's
 *    language, goes into the box after her words; Ctrl+Enter sends -> the citizen reads it;
 *  - notices: the settings are remembered per user across a reload, the desktop permission is
 *    asked only by the button; a new urgent case counts in the tab title and notifies the nurse
 *    who looks elsewhere; axe finds nothing serious or critical on the live console;
 *  - the server ends the stream and it cannot reopen -> the console says so and polls (a new
 *    case still appears); once it can reopen -> live again.
 *
 * Expected wording is read from locales/ by key, never copied here.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { loadConfig } from '../../config';
import { testServiceEnv } from '../support/testDatabase';
import { createServer, type LuotsiServer } from '../../index';
import { DEFAULT_CATALOG } from '../../routing';
import { createStaffAccount } from '../../staff/accounts';
import { i18n, launchChromium, runAxe, SCREENSHOT_DIR, severe, text, watch, type PageProblems } from './support';

jest.setTimeout(180_000);

const WAIT_MS = 30_000;
const NOW = new Date('2026-11-23T08:00:00Z');
const PHONE = { width: 390, height: 844 };
const PASSWORD = 'correct horse battery staple';
const QUEUE_ID = 'general_customer_service';
const ONE = { username: 'nurse.one', displayName: 'Hoitaja Yksi', role: 'nurse' as const };
const TWO = { username: 'nurse.two', displayName: 'Hoitaja Kaksi', role: 'nurse' as const };
const CLIENT_MESSAGE = 'Hei, kysyisin laskusta.';
const STAFF_MESSAGE = 'Hei, katsotaan laskua yhdessä.';

const t = i18n.getFixedT('fi');
const queueName = DEFAULT_CATALOG.queues.find((q) => q.id === QUEUE_ID)!.name.fi;

let server: LuotsiServer;
let baseUrl: string;
let dataDir: string;
let browser: Browser;
const contexts: BrowserContext[] = [];
let citizen: Page;
let one: Page;
let two: Page;
const problems: PageProblems[] = [];

async function newPage(options: Parameters<Browser['newContext']>[0]): Promise<Page> {
  const context = await browser.newContext(options);
  contexts.push(context);
  const page = await context.newPage();
  problems.push(watch(page));
  return page;
}

async function logIn(page: Page, username: string, lng: 'fi' | 'sv'): Promise<void> {
  await page.goto(`${baseUrl}/staff?lang=${lng}`);
  await page.getByLabel(text(lng, 'staff:console.username')).fill(username);
  await page.getByLabel(text(lng, 'staff:console.password')).fill(PASSWORD);
  await page.getByRole('button', { name: text(lng, 'staff:console.loginButton') }).click();
  await page.locator('body[data-live="on"]').waitFor({ state: 'attached', timeout: WAIT_MS });
}

function chat(): Locator {
  return citizen.locator('#webchat');
}

async function citizenSees(wording: string): Promise<void> {
  await chat().getByText(wording, { exact: false }).last().waitFor({ state: 'visible', timeout: WAIT_MS });
}

function sendBox(): Locator {
  return chat().locator('.webchat__send-box').getByRole('textbox').first();
}

beforeAll(async () => {
  fs.mkdirSync(SCREENSHOT_DIR, { recursive: true });
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'luotsi-e2e-live-'));
  const config = loadConfig({ NODE_ENV: 'test', DATA_DIR: dataDir, LOG_LEVEL: 'silent', PORT: '0', ...testServiceEnv() }, process.cwd());
  const started = Date.now();
  server = createServer(config, { clock: () => new Date(NOW.getTime() + (Date.now() - started)) });
  baseUrl = await server.listen(0, '127.0.0.1');
  for (const account of [ONE, TWO]) {
    await createStaffAccount(
      server.database.staff,
      { ...account, queues: [QUEUE_ID] },
      PASSWORD,
      DEFAULT_CATALOG.queues.map((q) => q.id),
      NOW,
      { logN: 10, r: 8, p: 1 },
    );
  }
  browser = await launchChromium();
  citizen = await newPage({ locale: 'fi-FI', viewport: PHONE, isMobile: true, hasTouch: true });
  one = await newPage({ locale: 'fi-FI', viewport: { width: 1280, height: 900 } });
  two = await newPage({ locale: 'fi-FI', viewport: { width: 1280, height: 900 } });
  // Headless chromium answers every notification request "denied" and shows no prompt; nurse
  // two's page gets a stand-in for the browser's Notification (permission "default" until the
  // page asks, which counts) and looks away (another window has the focus).
  await two.addInitScript(() => {
    const w = window as unknown as { __asked: number; __shown: string[]; Notification: unknown };
    w.__asked = 0;
    w.__shown = [];
    class StandIn {
      static permission = 'default';
      static requestPermission(): Promise<string> {
        w.__asked += 1;
        StandIn.permission = 'granted';
        return Promise.resolve('granted');
      }
      constructor(_title: string, options: { body: string }) {
        w.__shown.push(options.body);
      }
    }
    w.Notification = StandIn;
    document.hasFocus = () => false;
  });
});

afterAll(async () => {
  for (const context of contexts) await context.close();
  await browser?.close();
  await server?.close();
  if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
});

describe('the live console: two nurses and a citizen', () => {
  test('both nurses log in and are live', async () => {
    // Nurse one works in Swedish; the citizen writes in Finnish.
    await logIn(one, ONE.username, 'sv');
    await logIn(two, TWO.username, 'fi');
    expect([await one.locator('#live-status').count(), await one.locator('#live-status').isHidden()]).toEqual([1, true]);
    expect(await one.locator('#shortcuts').textContent()).toContain(text('sv', 'staff:console.shortcutNext'));
  });

  test('a new case appears on both consoles without a reload', async () => {
    await citizen.goto(`${baseUrl}/`);
    await citizenSees(text('fi', 'entry:language.question'));
    await sendBox().fill(text('fi', 'common:globalWords.human').split('|')[0]!);
    await sendBox().press('Enter');
    await citizenSees(text('fi', 'routing:outcome.human'));
    await chat()
      .locator('.webchat__suggested-actions')
      .getByRole('button', { name: t('common:handoff.join', { queue: queueName }), exact: true })
      .click();
    await citizenSees(t('common:handoff.joined', { queue: queueName }));
    for (const page of [one, two]) await page.locator('#case-list .case-item').first().waitFor({ timeout: WAIT_MS });
    // Neither console fell back to polling: the case came by the stream.
    for (const page of [one, two]) expect(await page.locator('body').getAttribute('data-live-drops')).toBeNull();
  });

  test('nurse one takes the next case with a key; nurse two sees it taken at once', async () => {
    await two.locator('#case-list .case-item').first().click();
    await two.locator('#claim').waitFor({ state: 'visible', timeout: WAIT_MS });
    await one.locator('main').click({ position: { x: 5, y: 5 } });
    await one.keyboard.press('n');
    await one.locator('#status', { hasText: text('sv', 'staff:console.claimed') }).waitFor({ timeout: WAIT_MS });
    await one.locator('#message-form').waitFor({ state: 'visible', timeout: WAIT_MS });
    await two.locator('#claim').waitFor({ state: 'hidden', timeout: WAIT_MS });
    expect(await two.locator('#case-details').textContent()).toContain(text('fi', 'staff:status.claimed'));
    expect([await two.locator('#message-form').count(), await two.locator('#message-form').isHidden()]).toEqual([1, true]);
    await citizenSees(t('common:handoff.staffJoined', { name: ONE.displayName, role: t('common:handoff.roles.nurse') }));
  });

  test("the client's typing and message reach nurse one; nurse one's typing and Ctrl+Enter reach the client", async () => {
    await sendBox().pressSequentially('Hei', { delay: 50 });
    await one.locator('#client-typing', { hasText: text('sv', 'staff:console.clientTyping') }).waitFor({ timeout: WAIT_MS });
    await sendBox().fill(CLIENT_MESSAGE);
    await sendBox().press('Enter');
    await one.locator('#case-messages .text', { hasText: CLIENT_MESSAGE }).waitFor({ timeout: WAIT_MS });

    await one.locator('#message-text').pressSequentially(STAFF_MESSAGE.slice(0, 10), { delay: 20 });
    const typingLine = t('common:page.staffTyping', { name: ONE.displayName });
    await citizen.locator('#typing-line', { hasText: typingLine }).waitFor({ timeout: WAIT_MS });
    // A ready reply: its title in the nurse's Swedish, its text in the client's Finnish, after what she wrote.
    await one.locator('#message-text').fill(STAFF_MESSAGE + ' ');
    await one.locator('#ready-reply').selectOption({ label: text('sv', 'replies:common.checking.title') });
    await one.getByRole('button', { name: text('sv', 'staff:console.readyReplyInsert') }).click();
    expect(await one.locator('#message-text').inputValue()).toBe(`${STAFF_MESSAGE} ${text('fi', 'replies:common.checking.text')}`);
    expect(await one.locator('#ready-reply-hint').textContent()).toContain(text('sv', 'staff:languageName.fi'));
    // Replies of the case's queue only: general customer service has its invoice reply, not the digital clinic's photo one.
    const offered = await one.locator('#ready-reply option').allTextContents();
    expect(offered).toContain(text('sv', 'replies:general_customer_service.invoice.title'));
    expect(offered).not.toContain(text('sv', 'replies:digital_clinic.photo.title'));
    await one.locator('#message-text').press('Control+Enter');
    await citizenSees(STAFF_MESSAGE);
    await citizenSees(text('fi', 'replies:common.checking.text'));
    // The message takes the indicator away.
    await citizen.locator('#typing-line', { hasText: typingLine }).waitFor({ state: 'detached', timeout: WAIT_MS });
    expect(await one.locator('#message-text').inputValue()).toBe('');
    for (const page of [one, two]) expect(await page.locator('body').getAttribute('data-live-drops')).toBeNull();
  });

  test('notice settings are remembered per user; the desktop permission is asked only by the button; axe is clean', async () => {
    expect(await two.locator('#notice-title').isChecked()).toBe(true);
    expect(await two.locator('#notice-sound').isChecked()).toBe(false);
    await two.locator('#notice-sound').check();
    expect(await two.evaluate(() => (window as unknown as { __asked: number }).__asked)).toBe(0);
    await two.reload();
    await two.locator('body[data-live="on"]').waitFor({ state: 'attached', timeout: WAIT_MS });
    expect(await two.locator('#notice-sound').isChecked()).toBe(true);
    // Kept under the user's own key: another user on the same browser has their own settings.
    const saved = await two.evaluate(() =>
      Object.keys(window.localStorage)
        .filter((k) => k.startsWith('luotsi.notice.'))
        .map((k) => [k, window.localStorage.getItem(k)]),
    );
    expect(saved).toHaveLength(1);
    expect(saved[0]![0]).not.toBe('luotsi.notice.');
    expect(JSON.parse(saved[0]![1]!)).toEqual({ title: true, sound: true, desktop: false });
    expect(await two.evaluate(() => (window as unknown as { __asked: number }).__asked)).toBe(0);
    await two.locator('#notice-allow').click();
    await two.locator('#notice-desktop-state', { hasText: text('fi', 'staff:console.noticeGranted') }).waitFor({ timeout: WAIT_MS });
    expect(await two.evaluate(() => (window as unknown as { __asked: number }).__asked)).toBe(1);
    expect(await two.locator('#notice-desktop').isChecked()).toBe(true);
    expect([await two.locator('#notice-allow').count(), await two.locator('#notice-allow').isHidden()]).toEqual([1, true]);
    // A new urgent case while nurse two looks elsewhere: a count in the tab title and a desktop notification.
    const title = await two.title();
    await server.handoff.create(
      {
        conversationId: 'conv-live-urgent',
        conversationReference: {},
        channel: 'directline',
        queueId: QUEUE_ID,
        urgency: 'urgent',
        locale: 'fi',
        answers: {},
        photoIds: [],
      },
      new Date(NOW.getTime() + 30_000),
    );
    const expected = t('staff:console.noticeUrgentCase', { queue: queueName });
    await two.waitForFunction((body) => (window as unknown as { __shown: string[] }).__shown.includes(body), expected, { timeout: WAIT_MS });
    expect(await two.title()).toBe(t('staff:console.titleUnseen', { count: 1, title }));
    // Nurse one is looking at the page: no count in the title.
    expect(await one.title()).toBe(text('sv', 'staff:console.title'));
    expect(severe(await runAxe(one), 'live console, case held')).toEqual([]);
    expect(severe(await runAxe(two), 'live console, case taken by another')).toEqual([]);
  });

  test('a dropped stream is said on screen and polled; it comes back live', async () => {
    // The stream cannot be reopened for now, and the server ends the open one.
    await two.route('**/staff/api/events', (route) => route.abort());
    server.closeStaffStreams();
    await two.locator('#live-status', { hasText: text('fi', 'staff:console.liveDown') }).waitFor({ state: 'visible', timeout: WAIT_MS });
    expect(await two.locator('body').getAttribute('data-live')).toBe('polling');
    // While polling, a new case still shows up (the poll brings it, no signal reaches this page).
    const before = await two.locator('#case-list .case-item').count();
    await server.handoff.create(
      {
        conversationId: 'conv-live-poll',
        conversationReference: {},
        channel: 'directline',
        queueId: QUEUE_ID,
        urgency: 'urgent',
        locale: 'fi',
        answers: {},
        photoIds: [],
      },
      new Date(NOW.getTime() + 60_000),
    );
    await two.locator('#case-list .case-item').nth(before).waitFor({ timeout: WAIT_MS });
    await two.unroute('**/staff/api/events');
    await two.locator('body[data-live="on"]').waitFor({ state: 'attached', timeout: WAIT_MS });
    await two.locator('#live-status').waitFor({ state: 'hidden', timeout: WAIT_MS });
    await two.locator('#status', { hasText: text('fi', 'staff:console.liveBack') }).waitFor({ timeout: WAIT_MS });
    await two.screenshot({ path: path.join(SCREENSHOT_DIR, 'live-console.png'), fullPage: true });
  });

  test('no CSP violations or page errors', () => {
    // The stream's reconnects the test refused on purpose.
    const offline = /\/staff\/api\/events|ERR_FAILED/;
    // Before logging in, /staff/api/me answers 401: that is how the page knows to show the form.
    const list = problems
      .flatMap((p) => p.list)
      .filter(
        (line) =>
          !offline.test(line) &&
          line !== 'http 401: /staff/api/me' &&
          !line.startsWith('console: Failed to load resource: the server responded with a status of 401'),
      );
    expect(list).toEqual([]);
  });
});
