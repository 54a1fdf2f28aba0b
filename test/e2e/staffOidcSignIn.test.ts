/**
 * Staff sign-in with the county's OpenID Connect provider in a real browser: the nurse opens the
 * console, presses "sign in with your organisation account", the provider (oidc-provider on
 * loopback) signs her in, and the browser comes back through the forwarding page with the staff
 * session (SameSite=Strict: it must be set on a page of our own, not on the provider's redirect)
 * to the console with her queues. A person in no allowed group comes back to a refusal in the
 * page's language and no console.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { loadConfig } from '../../config';
import { createServer, type LuotsiServer } from '../../index';
import { createLogger } from '../../logger';
import { DEFAULT_CATALOG } from '../../routing';
import { testServiceEnv } from '../support/testDatabase';
import { MAIJA, startLoopbackProvider, type LoopbackProvider, type TestPerson } from '../support/oidcProvider';
import { freePort } from '../../bench/freePort';
import { launchChromium, text, watch } from './support';

jest.setTimeout(180_000);

const WAIT_MS = 30_000;
const NURSE: TestPerson = {
  ...MAIJA,
  accountId: 'nurse-e2e',
  givenName: 'Nea',
  familyName: 'Hoitaja',
  staffClaims: { preferred_username: 'nea@county.example', groups: ['g-clinic'] },
};
const OUTSIDER: TestPerson = {
  ...MAIJA,
  accountId: 'outsider-e2e',
  givenName: 'Otto',
  familyName: 'Ulko',
  staffClaims: { preferred_username: 'otto@county.example', groups: ['g-other'] },
};

let provider: LoopbackProvider;
let server: LuotsiServer;
let baseUrl: string;
let dataDir: string;
let browser: Browser;

beforeAll(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'luotsi-e2e-staff-oidc-'));
  const port = await freePort();
  baseUrl = `http://127.0.0.1:${port}`;
  provider = await startLoopbackProvider({ redirectUris: [`${baseUrl}/staff/oidc/callback`], persons: [NURSE, OUTSIDER] });
  const config = loadConfig(
    {
      NODE_ENV: 'test',
      DATA_DIR: dataDir,
      LOG_LEVEL: 'silent',
      PORT: String(port),
      STAFF_OIDC_ISSUER: provider.issuer,
      STAFF_OIDC_CLIENT_ID: provider.clientId,
      STAFF_OIDC_CLIENT_SECRET: provider.clientSecret,
      STAFF_OIDC_SCOPES: 'openid profile groups',
      STAFF_OIDC_ALLOW_HTTP: 'true',
      STAFF_OIDC_REDIRECT_BASE_URL: baseUrl,
      STAFF_OIDC_GROUP_ROLES: JSON.stringify({ 'g-clinic': { role: 'nurse', queues: ['digital_clinic'] } }),
      ...testServiceEnv(),
    },
    process.cwd(),
  );
  server = createServer(config, { logger: createLogger('silent') });
  await server.listen(port, '127.0.0.1');
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
  await provider?.close();
  if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
});

test('a nurse signs in with the organisation account and reaches her queues; someone without the group does not', async () => {
  const context = await browser.newContext({ locale: 'fi-FI' });
  const page = await context.newPage();
  const problems = watch(page);
  const clinic = DEFAULT_CATALOG.queues.find((q) => q.id === 'digital_clinic')!;

  provider.answerNext({ login: NURSE });
  await page.goto(`${baseUrl}/staff`);
  await page.locator('#login-view').waitFor({ state: 'visible', timeout: WAIT_MS });
  await page.getByRole('link', { name: text('fi', 'staff:console.oidcSignIn') }).click();
  await page.locator('#console-view').waitFor({ state: 'visible', timeout: WAIT_MS });
  await page.locator('#queue-rows tr', { hasText: clinic.name.fi }).waitFor({ timeout: WAIT_MS });
  expect(await page.locator('#queue-rows tr').count()).toBe(1);
  expect(await page.locator('#user-name').textContent()).toContain(text('fi', 'staff:role.nurse'));
  const session = (await context.cookies()).find((c) => c.name === 'luotsi_staff');
  expect(session?.sameSite).toBe('Strict');
  expect(session?.httpOnly).toBe(true);

  const other = await browser.newContext({ locale: 'sv-FI' });
  const refused = await other.newPage();
  provider.answerNext({ login: OUTSIDER });
  await refused.goto(`${baseUrl}/staff?lang=sv`);
  await refused.getByRole('link', { name: text('sv', 'staff:console.oidcSignIn') }).click();
  await refused.getByText(text('sv', 'staff:oidc.failed.no_group')).waitFor({ timeout: WAIT_MS });
  expect((await other.cookies()).some((c) => c.name === 'luotsi_staff')).toBe(false);
  // The console asks who is signed in before anyone is (401), as the password login page does.
  expect(problems.list.filter((p) => p !== 'http 401: /staff/api/me' && !/status of 401/.test(p))).toEqual([]);
  await other.close();
  await context.close();
});
