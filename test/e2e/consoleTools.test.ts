/**
 * The console's tools for a shift, in chromium against the real service in-process:
 *
 *  - an administrator creates an account in the console; it can then log in (in another
 *    context) and sees no admin view; the admin audit log lists the creation;
 *  - a case is exported through its button (the API's JSON, downloaded) and deleted through its
 *    button after the page asks once more;
 *  - reports cover all of the user's queues or the one the filter names; the accuracy table and
 *    the feedback download as CSV with the console's wording;
 *  - axe finds nothing serious or critical on the admin view.
 *
 * Expected wording is read from locales/ by key, never copied here.
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
import { NotFoundError } from '../../errors';
import { i18n, launchChromium, runAxe, SCREENSHOT_DIR, severe, text, watch, type PageProblems } from './support';

jest.setTimeout(180_000);

const WAIT_MS = 30_000;
const NOW = new Date('2026-11-23T08:00:00Z');
const PASSWORD = 'correct horse battery staple';
const NEW_PASSWORD = 'a brand new nurse passphrase';
const ADMIN = { username: 'admin.tools', displayName: 'Pääkäyttäjä Testi', role: 'admin' as const, queues: ['digital_clinic', 'dental_care'] };
const queueName = (id: string) => DEFAULT_CATALOG.queues.find((q) => q.id === id)!.name.fi;

let server: LuotsiServer;
let baseUrl: string;
let dataDir: string;
let browser: Browser;
const contexts: BrowserContext[] = [];
const problems: PageProblems[] = [];
let admin: Page;
let caseId: string;

async function newPage(): Promise<Page> {
  const context = await browser.newContext({ locale: 'fi-FI', viewport: { width: 1280, height: 900 }, acceptDownloads: true });
  contexts.push(context);
  const page = await context.newPage();
  problems.push(watch(page));
  return page;
}

async function logIn(page: Page, username: string, password: string): Promise<void> {
  await page.goto(`${baseUrl}/staff?lang=fi`);
  await page.getByLabel(text('fi', 'staff:console.username'), { exact: true }).fill(username);
  await page.getByLabel(text('fi', 'staff:console.password'), { exact: true }).fill(password);
  await page.getByRole('button', { name: text('fi', 'staff:console.loginButton') }).click();
  await page.locator('#console-view').waitFor({ state: 'visible', timeout: WAIT_MS });
}

async function downloaded(page: Page, press: () => Promise<void>): Promise<{ name: string; body: string }> {
  const [download] = await Promise.all([page.waitForEvent('download', { timeout: WAIT_MS }), press()]);
  const file = await download.path();
  return { name: download.suggestedFilename(), body: fs.readFileSync(file!, 'utf8') };
}

beforeAll(async () => {
  fs.mkdirSync(SCREENSHOT_DIR, { recursive: true });
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'luotsi-e2e-tools-'));
  const config = loadConfig({ NODE_ENV: 'test', DATA_DIR: dataDir, LOG_LEVEL: 'silent', PORT: '0', ...testServiceEnv() }, process.cwd());
  server = createServer(config, { clock: () => new Date(NOW) });
  baseUrl = await server.listen(0, '127.0.0.1');
  await createStaffAccount(
    server.database.staff,
    ADMIN,
    PASSWORD,
    DEFAULT_CATALOG.queues.map((q) => q.id),
    NOW,
    { logN: 10, r: 8, p: 1 },
  );
  const created = await server.handoff.create(
    {
      conversationId: 'conv-tools-1',
      conversationReference: {},
      channel: 'directline',
      queueId: 'digital_clinic',
      urgency: 'urgent',
      topic: 'skin',
      locale: 'fi',
      answers: { 'entry.subject': 'subject.self' },
      photoIds: [],
    },
    new Date(NOW.getTime() - 10 * 60_000),
  );
  caseId = created.id;
  browser = await launchChromium();
  admin = await newPage();
});

afterAll(async () => {
  for (const context of contexts) await context.close();
  await browser?.close();
  await server?.close();
  if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
});

describe('console tools', () => {
  test('an administrator creates an account that can then log in', async () => {
    await logIn(admin, ADMIN.username, PASSWORD);
    await admin.locator('#admin').waitFor({ state: 'visible', timeout: WAIT_MS });
    await admin.locator('#account-rows th', { hasText: ADMIN.username }).waitFor({ timeout: WAIT_MS });
    await admin.locator('#new-username').fill('uusi.hoitaja');
    await admin.locator('#new-display-name').fill('Uusi Hoitaja');
    await admin.locator('#new-role').selectOption('nurse');
    await admin.locator('#new-queues').getByLabel(queueName('dental_care')).check();
    await admin.locator('#new-password').fill(NEW_PASSWORD);
    await admin.getByRole('button', { name: text('fi', 'staff:console.accountCreateButton') }).click();
    await admin
      .locator('#status', { hasText: text('fi', 'staff:console.accountCreated').replace('{{username}}', 'uusi.hoitaja') })
      .waitFor({ timeout: WAIT_MS });
    const row = admin.locator('#account-rows tr', { hasText: 'uusi.hoitaja' });
    await row.waitFor({ timeout: WAIT_MS });
    expect(await row.textContent()).toContain(queueName('dental_care'));
    expect(await row.textContent()).toContain(text('fi', 'staff:role.nurse'));
    expect(await admin.locator('#new-password').inputValue()).toBe('');
    const logged = admin.locator('#admin-audit-rows tr', { hasText: text('fi', 'staff:adminAction.account_create') });
    await logged.waitFor({ timeout: WAIT_MS });
    expect(await logged.textContent()).toContain('uusi.hoitaja');

    // A refused one keeps the form and says why in Finnish.
    await admin.locator('#new-username').fill('uusi.hoitaja');
    await admin.locator('#new-display-name').fill('Toinen');
    await admin.locator('#new-queues').getByLabel(queueName('dental_care')).check();
    await admin.locator('#new-password').fill(NEW_PASSWORD);
    await admin.getByRole('button', { name: text('fi', 'staff:console.accountCreateButton') }).click();
    await admin.locator('#status', { hasText: text('fi', 'staff:console.errorDuplicateUsername') }).waitFor({ timeout: WAIT_MS });

    const nurse = await newPage();
    await logIn(nurse, 'uusi.hoitaja', NEW_PASSWORD);
    expect(await nurse.locator('#user-name').textContent()).toContain('Uusi Hoitaja');
    expect([await nurse.locator('#admin').count(), await nurse.locator('#admin').isHidden()]).toEqual([1, true]);
    expect(severe(await runAxe(admin), 'admin view')).toEqual([]);
  });

  test('exports a case through its button and deletes it after confirming', async () => {
    // The admin's first queue (by id) is oral health care: show the digital clinic's cases.
    await admin
      .locator('#queue-rows')
      .getByRole('button', { name: queueName('digital_clinic') })
      .click();
    await admin.locator(`#case-list .case-item[data-case-id="${caseId}"]`).click();
    await admin.locator('#case-body').waitFor({ state: 'visible', timeout: WAIT_MS });
    const file = await downloaded(admin, () => admin.getByRole('button', { name: text('fi', 'staff:console.exportCase') }).click());
    expect(file.name).toBe(`luotsi-case-${caseId}.json`);
    const exported = JSON.parse(file.body) as { case: { id: string; topic: string }; audit: { action: string }[] };
    expect(exported.case).toMatchObject({ id: caseId, topic: 'skin' });
    expect(exported.audit.map((e) => e.action)).toContain('export');

    await admin.getByRole('button', { name: text('fi', 'staff:console.deleteCase') }).click();
    const confirm = admin.getByRole('alertdialog');
    await confirm.waitFor({ timeout: WAIT_MS });
    expect(await confirm.textContent()).toContain(text('fi', 'staff:console.deleteConfirmText'));
    // Cancelling keeps the case.
    await confirm.getByRole('button', { name: text('fi', 'staff:console.deleteCancel') }).click();
    expect(await confirm.isHidden()).toBe(true);
    await expect(server.handoff.exportCase({ staffId: 'x', queues: ['digital_clinic'] }, caseId, NOW)).resolves.toBeDefined();

    await admin.getByRole('button', { name: text('fi', 'staff:console.deleteCase') }).click();
    await confirm.getByRole('button', { name: text('fi', 'staff:console.deleteConfirm') }).click();
    await admin.locator('#status', { hasText: text('fi', 'staff:console.deleted') }).waitFor({ timeout: WAIT_MS });
    await admin.locator(`#case-list .case-item[data-case-id="${caseId}"]`).waitFor({ state: 'detached', timeout: WAIT_MS });
    expect([await admin.locator('#case-body').count(), await admin.locator('#case-body').isHidden()]).toEqual([1, true]);
    await expect(server.handoff.get({ staffId: 'x', queues: ['digital_clinic'] }, caseId, NOW)).rejects.toBeInstanceOf(NotFoundError);
    expect((await server.handoff.auditTrailUnchecked(caseId)).map((e) => e.action)).toContain('delete');
  });

  test('reports cover all my queues or the filtered one and download as CSV', async () => {
    const options = await admin.locator('#report-queue option').allTextContents();
    expect(options).toEqual([text('fi', 'staff:console.reportAllQueues'), queueName('dental_care'), queueName('digital_clinic')]);
    const caption = await admin.locator('#accuracy-caption').textContent();
    expect(caption).toContain(queueName('digital_clinic'));
    expect(caption).toContain(queueName('dental_care'));
    await admin.locator('#report-queue').selectOption('dental_care');
    // The caption of all queues names oral health care too: wait for the one-queue caption itself.
    const oneQueue = i18n.getFixedT('fi')('staff:console.accuracyCaption', { queue: queueName('dental_care') });
    await admin.waitForFunction((expected) => document.getElementById('accuracy-caption')?.textContent === expected, oneQueue, { timeout: WAIT_MS });
    expect(await admin.locator('#accuracy-caption').textContent()).not.toContain(queueName('digital_clinic'));

    const accuracy = await downloaded(admin, () => admin.getByRole('button', { name: text('fi', 'staff:console.accuracyCsv') }).click());
    expect(accuracy.name).toBe('luotsi-accuracy-dental_care.csv');
    const lines = accuracy.body
      .replace(/^\ufeff/, '')
      .trim()
      .split('\r\n');
    expect(lines).toHaveLength(5);
    expect(lines[0]).toBe(
      [text('fi', 'staff:console.accuracyCorner'), ...['emergency', 'urgent', 'non_urgent', 'self_care'].map((u) => text('fi', `staff:urgency.${u}`))].join(
        ',',
      ),
    );
    expect(lines[2]).toBe(`${text('fi', 'staff:urgency.urgent')},0,0,0,0`);

    const feedback = await downloaded(admin, () => admin.getByRole('button', { name: text('fi', 'staff:console.feedbackCsv') }).click());
    expect(feedback.name).toBe('luotsi-feedback-dental_care.csv');
    expect(feedback.body.replace(/^\ufeff/, '').split('\r\n')[0]).toContain(text('fi', 'staff:console.feedbackQueue'));
  });

  test('no CSP violations or page errors', () => {
    const list = problems
      .flatMap((p) => p.list)
      .filter((line) => line !== 'http 401: /staff/api/me' && line !== 'http 400: /staff/api/admin/accounts' && !/status of (401|400)/.test(line));
    expect(list).toEqual([]);
  });
});
