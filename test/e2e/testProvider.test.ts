/**
 * The embedded default: without OIDC configuration the built-in test provider (a page clearly
 * marked as a test, localized) lets a person try identification. Here staff ask for it in a live
 * chat: the client of the general customer service (no identification required) is asked, opens
 * the marked test page, picks a made-up person, and the case the nurse holds becomes identified.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { loadConfig } from '../../config';
import { createServer, type LuotsiServer } from '../../index';
import { DEFAULT_CATALOG } from '../../routing';
import { createStaffAccount } from '../../staff/accounts';
import { testServiceEnv } from '../support/testDatabase';
import { launchChromium, text, watch } from './support';

jest.setTimeout(180_000);

const WAIT_MS = 30_000;
const TUESDAY_MORNING = Date.parse('2026-11-24T08:00:00Z');
const PASSWORD = 'pitkä-ja-hyvä-salasana-2026';

let server: LuotsiServer;
let baseUrl: string;
let dataDir: string;
let browser: Browser;

beforeAll(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'luotsi-e2e-testprovider-'));
  const config = loadConfig({ NODE_ENV: 'test', DATA_DIR: dataDir, LOG_LEVEL: 'silent', PORT: '0', ...testServiceEnv() }, process.cwd());
  expect(config.identity.identification.provider).toBe('test');
  const realStart = Date.now();
  server = createServer(config, { clock: () => new Date(TUESDAY_MORNING + (Date.now() - realStart)) });
  baseUrl = await server.listen(0, '127.0.0.1');
  await createStaffAccount(
    server.database.staff,
    { username: 'service', displayName: 'Sari', role: 'nurse', queues: ['general_customer_service'] },
    PASSWORD,
    DEFAULT_CATALOG.queues.map((q) => q.id),
    new Date(TUESDAY_MORNING),
    { logN: 10, r: 8, p: 1 },
  );
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
  if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
});

test('staff ask a client in a live chat to identify; the marked test provider identifies them onto the case', async () => {
  const context = await browser.newContext({ locale: 'sv-FI' });
  const page = await context.newPage();
  const problems = watch(page);
  const transcript = page.locator('#webchat');
  const shown = (wording: string) => transcript.getByText(wording, { exact: false }).last().waitFor({ state: 'visible', timeout: WAIT_MS });
  const press = async (label: string) => {
    const button = transcript.locator('.webchat__suggested-actions').getByRole('button', { name: label, exact: true });
    await button.waitFor({ state: 'visible', timeout: WAIT_MS });
    await button.click();
  };
  try {
    await page.goto(`${baseUrl}/?lang=sv`);
    await shown(text('sv', 'entry:language.question'));
    const sendBox = transcript.locator('.webchat__send-box').getByRole('textbox').first();
    await sendBox.fill('människa');
    await sendBox.press('Enter');
    const join = text('sv', 'common:handoff.join').replace('{{queue}}', 'Allmän kundtjänst');
    await press(join);
    await shown(text('sv', 'common:handoff.joined').replace('{{queue}}', 'Allmän kundtjänst'));

    const login = await fetch(`${baseUrl}/staff/api/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: baseUrl },
      body: JSON.stringify({ username: 'service', password: PASSWORD }),
    });
    const { csrfToken } = (await login.json()) as { csrfToken: string };
    const staff = {
      cookie: (login.headers.get('set-cookie') ?? '').split(';')[0]!,
      'x-csrf-token': csrfToken,
      origin: baseUrl,
      'content-type': 'application/json',
    };
    const list = (await (await fetch(`${baseUrl}/staff/api/cases?queue=general_customer_service`, { headers: staff })).json()) as {
      cases: { id: string; identified: boolean }[];
    };
    const caseId = list.cases[0]!.id;
    expect(list.cases[0]!.identified).toBe(false);
    // Only for a case the caller holds.
    expect((await fetch(`${baseUrl}/staff/api/cases/${caseId}/identify-request`, { method: 'POST', headers: staff, body: '{}' })).status).toBe(409);
    expect((await fetch(`${baseUrl}/staff/api/cases/${caseId}/claim`, { method: 'POST', headers: staff, body: '{}' })).status).toBe(200);
    const asked = await fetch(`${baseUrl}/staff/api/cases/${caseId}/identify-request`, { method: 'POST', headers: staff, body: '{}' });
    expect(await asked.json()).toMatchObject({ requested: true, sent: true });
    await shown(text('sv', 'identification:staffAsked'));

    const opened = context.waitForEvent('page', { timeout: WAIT_MS });
    await press(text('sv', 'identification:button'));
    const popup = await opened;
    // The test provider's page is marked as a test, in the client's language.
    await popup.locator('.identify-test-banner', { hasText: text('sv', 'identification:test.banner') }).waitFor({ timeout: WAIT_MS });
    expect(await popup.locator('html').getAttribute('lang')).toBe('sv');
    await popup.locator('a.identify-person', { hasText: 'Maija Meikäläinen' }).click();
    await popup.locator('[data-identification="ok"]').waitFor({ timeout: WAIT_MS });
    await popup.close();
    await shown(text('sv', 'identification:result.done').replace('{{name}}', 'Maija M.'));

    const identity = await fetch(`${baseUrl}/staff/api/cases/${caseId}/identity`, { headers: staff });
    expect(await identity.json()).toMatchObject({ identified: true, identity: { givenName: 'Maija', provider: 'test', assurance: 'test' } });
    const audit = (await (await fetch(`${baseUrl}/staff/api/cases/${caseId}/audit`, { headers: staff })).json()) as { entries: { action: string }[] };
    expect(audit.entries.map((e) => e.action)).toEqual(expect.arrayContaining(['identity_request', 'identity_view']));
    expect(problems.list.filter((p) => !p.includes('favicon'))).toEqual([]);
  } finally {
    await context.close();
  }
});
