/**
 * Browser test of the staff console (GET /staff): chromium via playwright-core against the
 * real service in-process with a fixed clock (Monday 10.00 Helsinki). A nurse logs in through
 * the form, sees the queue and a case whose answers and client message carry XSS payloads
 * (shown as literal text, no element created), claims it, writes to the client, closes it with
 * an outcome and a re-rating; axe-core on the login view and the case view.
 *
 * Expected wording is read from locales/, never copied here.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { loadConfig } from '../../config';
import { testServiceEnv } from '../support/testDatabase';
import { createServer, type LuotsiServer } from '../../index';
import { DEFAULT_CATALOG } from '../../routing';
import { createStaffAccount } from '../../staff/accounts';
import { launchChromium, runAxe, SCREENSHOT_DIR, severe, text, watch, type PageProblems } from './support';

jest.setTimeout(90_000);

const WAIT_MS = 20_000;
const NOW = new Date('2026-11-23T08:00:00Z');
const PASSWORD = 'correct horse battery staple';
const XSS_ANSWER = '<img src=x onerror=alert(1)>';
const XSS_MESSAGE = '<script>window.__pwned = 1</script> kutiaa';
/** A phone number a right-to-left override would show reversed, and a zero-width space. */
const BIDI_MESSAGE = 'soita \u202E7654321 04\u200B0';

let server: LuotsiServer;
let baseUrl: string;
let dataDir: string;
let browser: Browser;
let caseId: string;

beforeAll(async () => {
  fs.mkdirSync(SCREENSHOT_DIR, { recursive: true });
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'luotsi-e2e-staff-'));
  const config = loadConfig({ NODE_ENV: 'test', DATA_DIR: dataDir, LOG_LEVEL: 'silent', PORT: '0', ...testServiceEnv() }, process.cwd());
  server = createServer(config, { clock: () => new Date(NOW) });
  baseUrl = await server.listen(0, '127.0.0.1');
  await createStaffAccount(
    server.database.staff,
    { username: 'nurse.console', displayName: 'Hoitaja Testi', role: 'nurse', queues: ['digital_clinic'] },
    PASSWORD,
    DEFAULT_CATALOG.queues.map((q) => q.id),
    NOW,
    { logN: 10, r: 8, p: 1 },
  );
  const created = await server.database.handoff.create(
    {
      conversationId: 'conv-console-1',
      conversationReference: {},
      channel: 'directline',
      queueId: 'digital_clinic',
      urgency: 'urgent',
      segment: 2,
      topic: 'skin',
      subject: { kind: 'adult', relationship: 'adult_child', consent: 'agrees' },
      locale: 'fi',
      answers: { 'entry.subject': 'subject.adult', 'skin.describe': XSS_ANSWER },
      photoIds: [],
    },
    new Date(NOW.getTime() - 12 * 60_000),
  );
  caseId = created.id;
  await server.database.handoff.addMessage(caseId, { kind: 'client', conversationId: 'conv-console-1' }, XSS_MESSAGE, new Date(NOW.getTime() - 5 * 60_000));
  await server.database.handoff.addMessage(caseId, { kind: 'client', conversationId: 'conv-console-1' }, BIDI_MESSAGE, new Date(NOW.getTime() - 4 * 60_000));
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
  if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
});

describe('staff console without a session', () => {
  test('the API answers 401 and /staff carries the console CSP', async () => {
    const me = await fetch(`${baseUrl}/staff/api/me`);
    expect(me.status).toBe(401);
    const cases = await fetch(`${baseUrl}/staff/api/cases`);
    expect(cases.status).toBe(401);
    const page = await fetch(`${baseUrl}/staff`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toContain('text/html');
    const csp = page.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("style-src 'self'");
    expect(csp).not.toContain('unsafe-inline');
    expect(csp).toContain("frame-ancestors 'none'");
    const html = await page.text();
    expect(html).not.toMatch(/\{\{/);
    expect(html).toContain(text('fi', 'staff:console.loginHeading'));
    const sv = await fetch(`${baseUrl}/staff/i18n/sv`);
    expect((await sv.json()).console.loginHeading).toBe(text('sv', 'staff:console.loginHeading'));
  });
});

describe('staff console in the browser', () => {
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

  test('shows the login form in Finnish; axe finds nothing serious on it', async () => {
    const response = await page.goto(`${baseUrl}/staff`);
    expect(response?.headers()['content-security-policy']).toContain("script-src 'self'");
    await page.locator('#login-view').waitFor({ state: 'visible', timeout: WAIT_MS });
    expect(await page.locator('html').getAttribute('lang')).toBe('fi');
    await page.getByLabel(text('fi', 'staff:console.username')).waitFor({ timeout: WAIT_MS });
    expect(severe(await runAxe(page), 'staff login')).toEqual([]);
  });

  test('a wrong password is answered with localized text in the live region', async () => {
    await page.getByLabel(text('fi', 'staff:console.username')).fill('nurse.console');
    await page.getByLabel(text('fi', 'staff:console.password')).fill('wrong password here');
    await page.getByRole('button', { name: text('fi', 'staff:console.loginButton') }).click();
    await page.locator('#login-error', { hasText: text('fi', 'staff:console.loginFailed') }).waitFor({ timeout: WAIT_MS });
  });

  test('logs in and sees the queue overview and the case', async () => {
    await page.getByLabel(text('fi', 'staff:console.username')).fill('nurse.console');
    await page.getByLabel(text('fi', 'staff:console.password')).fill(PASSWORD);
    await page.getByRole('button', { name: text('fi', 'staff:console.loginButton') }).click();
    await page.locator('#console-view').waitFor({ state: 'visible', timeout: WAIT_MS });
    const queueName = DEFAULT_CATALOG.queues.find((q) => q.id === 'digital_clinic')!.name.fi;
    await page.locator('#queue-rows tr', { hasText: queueName }).waitFor({ timeout: WAIT_MS });
    const row = page.locator('#queue-rows tr', { hasText: queueName });
    expect(await row.locator('td').nth(1).textContent()).toBe('1');
    await page.locator('#case-list .case-item').first().waitFor({ timeout: WAIT_MS });
    expect(await page.locator('#case-list .case-item').count()).toBe(1);
    expect(await page.locator('#case-list .case-item').first().textContent()).toContain(text('fi', 'staff:urgency.urgent'));
    // Codes are shown as labels: the topic and the staff member's role.
    expect(await page.locator('#case-list .case-item').first().textContent()).toContain(text('fi', 'staff:topic.skin'));
    expect(await page.locator('#case-list .case-item').first().textContent()).not.toContain('skin');
    expect(await page.locator('#user-name').textContent()).toContain(text('fi', 'staff:role.nurse'));
    // Catalog facts marked by their source are listed under "to check", by name in the staff member's language.
    const marked = DEFAULT_CATALOG.resources.find((r) => r.needsVerification)!;
    await page.locator('#to-check-list li', { hasText: marked.name.fi }).waitFor({ timeout: WAIT_MS });
    expect(await page.locator('#to-check-list li', { hasText: marked.name.fi }).textContent()).toContain(text('fi', 'staff:console.toCheckMarked'));
  });

  test('opens the case: client text is literal, no element is created from it', async () => {
    await page.locator('#case-list .case-item').first().click();
    await page.locator('#case-body').waitFor({ state: 'visible', timeout: WAIT_MS });
    await page.locator('#case-answers dd', { hasText: XSS_ANSWER }).waitFor({ timeout: WAIT_MS });
    await page.locator('#case-messages .text', { hasText: XSS_MESSAGE }).waitFor({ timeout: WAIT_MS });
    expect(await page.locator('#case-answers dd', { hasText: XSS_ANSWER }).textContent()).toBe(XSS_ANSWER);
    // Bidi controls and zero-width characters are shown, not obeyed.
    await page.locator('#case-messages .text', { hasText: 'soita' }).waitFor({ timeout: WAIT_MS });
    expect(await page.locator('#case-messages .text', { hasText: 'soita' }).textContent()).toBe('soita [U+202E]7654321 04[U+200B]0');
    // At 1280 px every answer has room: no column one letter wide, the answer no taller than a few lines.
    for (const box of await page
      .locator('#case-answers dd')
      .evaluateAll((dds) => dds.map((dd) => dd.getBoundingClientRect()).map((r) => ({ width: r.width, height: r.height })))) {
      expect(box.width).toBeGreaterThan(190);
      expect(box.height).toBeLessThan(200);
    }
    expect(await page.locator('img[src="x"]').count()).toBe(0);
    expect(await page.locator('main script, #case-body script').count()).toBe(0);
    expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
    const details = await page.locator('#case-details').textContent();
    expect(details).toContain(text('fi', 'staff:subjectKind.adult'));
    expect(details).toContain(text('fi', 'staff:relationshipKind.adult_child'));
    expect(details).toContain(text('fi', 'staff:segment.2'));
    expect(details).toContain(text('fi', 'staff:topic.skin'));
  });

  test('axe finds nothing serious on the case view', async () => {
    await page.screenshot({ path: path.join(SCREENSHOT_DIR, 'staff-case-fi.png'), fullPage: true });
    expect(severe(await runAxe(page), 'staff case view')).toEqual([]);
  });

  test('claims, writes to the client, copies the summary and closes with an outcome and re-rating', async () => {
    await page.getByRole('button', { name: text('fi', 'staff:console.claim'), exact: true }).click();
    await page.locator('#status', { hasText: text('fi', 'staff:console.claimed') }).waitFor({ timeout: WAIT_MS });
    await page.locator('#message-form').waitFor({ state: 'visible', timeout: WAIT_MS });

    await page.getByLabel(text('fi', 'staff:console.messageLabel')).fill('Hei, katson asiaasi nyt.');
    await page.getByRole('button', { name: text('fi', 'staff:console.sendMessage') }).click();
    await page.locator('#case-messages .text', { hasText: 'Hei, katson asiaasi nyt.' }).waitFor({ timeout: WAIT_MS });

    await page.getByLabel(text('fi', 'staff:console.noteLabel'), { exact: true }).fill('Sisäinen huomio');
    await page.getByRole('button', { name: text('fi', 'staff:console.addNote') }).click();
    await page.locator('#case-messages .internal .text', { hasText: 'Sisäinen huomio' }).waitFor({ timeout: WAIT_MS });

    await page.getByRole('button', { name: text('fi', 'staff:console.copySummary') }).click();
    await page.locator('#summary-field').waitFor({ state: 'visible', timeout: WAIT_MS });
    expect(await page.locator('#summary-text').inputValue()).toContain(text('fi', 'staff:summary.title'));

    await page.getByLabel(text('fi', 'staff:console.outcome')).selectOption('advice_given');
    await page.getByLabel(text('fi', 'staff:console.staffUrgency')).selectOption('non_urgent');
    await page.getByLabel(text('fi', 'staff:console.staffSegment')).selectOption('1');
    await page
      .locator('#close-form')
      .getByRole('button', { name: text('fi', 'staff:console.close') })
      .click();
    await page.locator('#status', { hasText: text('fi', 'staff:console.closedDone') }).waitFor({ timeout: WAIT_MS });

    const caller = { staffId: 'any', queues: ['digital_clinic'] };
    const closed = await server.database.handoff.get(caller, caseId, NOW);
    expect(closed.status).toBe('closed');
    expect(closed.outcome).toBe('advice_given');
    expect(closed.staffUrgency).toBe('non_urgent');
    expect(closed.staffSegment).toBe(1);
    const messages = await server.database.handoff.listMessages(caller, caseId);
    expect(messages.some((m) => m.from === 'staff' && !m.internal && m.text === 'Hei, katson asiaasi nyt.')).toBe(true);
  });

  test('the reports view shows the re-rating in the matrix; axe finds nothing serious on it', async () => {
    await page.getByRole('button', { name: text('fi', 'staff:console.reportsRefresh') }).click();
    await page.locator('#status', { hasText: text('fi', 'staff:console.reportsUpdated') }).waitFor({ timeout: WAIT_MS });
    // The bot said urgent, the nurse re-rated non-urgent: one case in that cell, none under-triaged.
    const cell = page.locator('#accuracy-rows td[data-bot="urgent"][data-staff="non_urgent"]');
    await page.locator('#accuracy-rows td[data-bot="urgent"][data-staff="non_urgent"]', { hasText: '1' }).waitFor({ timeout: WAIT_MS });
    expect(await cell.textContent()).toBe('1');
    const totals = await page.locator('#accuracy-totals').textContent();
    expect(totals).toContain(text('fi', 'staff:console.accuracyUnderTriaged'));
    expect(await page.locator('#accuracy-table caption').textContent()).toContain(DEFAULT_CATALOG.queues.find((q) => q.id === 'digital_clinic')!.name.fi);
    expect(await page.locator('#accuracy-table th[scope="row"]').count()).toBe(4);
    expect(await page.locator('#accuracy-head th[scope="col"]').count()).toBe(5);
    await page.locator('#reports').scrollIntoViewIfNeeded();
    await page.screenshot({ path: path.join(SCREENSHOT_DIR, 'staff-reports-fi.png'), fullPage: true });
    expect(severe(await runAxe(page), 'staff reports view')).toEqual([]);
  });

  test('shows feedback per queue and topic with labels', async () => {
    await server.database.handoff.recordFeedback(
      { queueId: 'digital_clinic', topic: 'skin', botUrgency: 'urgent', helped: 'partly', score: 4, comment: 'ok' },
      NOW,
    );
    await page.getByRole('button', { name: text('fi', 'staff:console.reportsRefresh') }).click();
    const row = page.locator('#feedback-rows tr', { hasText: text('fi', 'staff:topic.skin') });
    await row.waitFor({ timeout: WAIT_MS });
    const cells = await row.locator('td').allTextContents();
    expect(cells.slice(1, 5)).toEqual(['1', '0', '1', '0']);
    expect(cells[6]).toBe('1');
  });

  test('a case whose client went silent appears under the abandoned ones, not in the waiting list', async () => {
    const silent = await server.database.handoff.create(
      {
        conversationId: 'conv-console-silent',
        conversationReference: {},
        channel: 'directline',
        queueId: 'digital_clinic',
        urgency: 'non_urgent',
        topic: 'dental',
        locale: 'fi',
        answers: {},
        photoIds: [],
      },
      new Date(NOW.getTime() - 60 * 60_000),
    );
    // Through the service's store, as the queue watch does: its signal makes the live console re-read.
    expect(await server.handoff.markAbandoned(new Date(NOW.getTime() - 30 * 60_000), NOW)).toEqual([silent.id]);
    const item = page.locator(`#abandoned-list .case-item[data-case-id="${silent.id}"]`);
    await item.waitFor({ timeout: WAIT_MS });
    expect(await item.textContent()).toContain(text('fi', 'staff:topic.dental'));
    expect(await item.textContent()).toContain(text('fi', 'staff:status.abandoned'));
    expect(await page.locator(`#case-list .case-item[data-case-id="${silent.id}"]`).count()).toBe(0);
    expect(await page.locator('#abandoned-heading').textContent()).toBe(text('fi', 'staff:console.abandonedHeading'));
  });

  test('no CSP violations or page errors (the 401s of the login steps aside)', () => {
    const unexpected = problems.list.filter((p) => !/(^http 401: \/staff\/api\/(me|login)$)|401 \(Unauthorized\)/.test(p));
    expect(unexpected).toEqual([]);
  });
});
