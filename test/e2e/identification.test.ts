/**
 * Identification from inside the chat, in a real browser against a real OpenID Connect provider
 * (oidc-provider on loopback): the client chooses the digital clinic, which requires
 * identification; the provider opens in a new window; a cancel, a token for another audience, an
 * expired token and one signed by a foreign key each bring the client back to the chat with a
 * clear message and the choices intact; then a real identification brings "Identified: Maija M."
 * and the join button, nothing typed again. A replayed callback and a foreign state change
 * nothing. The nurse of the digital clinic sees "identified" and, on click, the verified name and
 * identity code (audited); a nurse of another queue gets 403. The identity is sealed in the
 * database and gone after the case is deleted.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { Writable } from 'node:stream';
import { loadConfig } from '../../config';
import { createLogger } from '../../logger';
import { createServer, type LuotsiServer } from '../../index';
import { DEFAULT_CATALOG } from '../../routing';
import { createStaffAccount } from '../../staff/accounts';
import { SQLITE_FILE } from '../../storage/sqlite/sqliteDatabase';
import { testServiceEnv } from '../support/testDatabase';
import { MAIJA, startLoopbackProvider, type IdTokenTamper, type LoopbackProvider } from '../support/oidcProvider';
import { freePort } from '../../bench/freePort';
import { launchChromium, text, watch } from './support';

jest.setTimeout(240_000);

const WAIT_MS = 30_000;
// Tuesday 2026-11-24 10:00 in Helsinki: the digital clinic is open.
const TUESDAY_MORNING = Date.parse('2026-11-24T08:00:00Z');
const PASSWORD = 'pitkä-ja-hyvä-salasana-2026';

let provider: LoopbackProvider;
let server: LuotsiServer;
let baseUrl: string;
let dataDir: string;
let browser: Browser;
/** Every log line of the service, at debug level: the identity must never be in one. */
const logLines: string[] = [];

beforeAll(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'luotsi-e2e-identify-'));
  const port = await freePort();
  baseUrl = `http://127.0.0.1:${port}`;
  provider = await startLoopbackProvider({ redirectUris: [`${baseUrl}/identify/callback`] });
  const config = loadConfig(
    {
      NODE_ENV: 'test',
      DATA_DIR: dataDir,
      LOG_LEVEL: 'debug',
      PORT: String(port),
      OIDC_ISSUER: provider.issuer,
      OIDC_CLIENT_ID: provider.clientId,
      OIDC_CLIENT_SECRET: provider.clientSecret,
      OIDC_ALLOW_HTTP: 'true',
      OIDC_ACR_VALUES: 'http://ftn.ficora.fi/2017/loa3',
      OIDC_REDIRECT_BASE_URL: baseUrl,
      ...testServiceEnv(),
    },
    process.cwd(),
  );
  const realStart = Date.now();
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      logLines.push(chunk.toString('utf8'));
      done();
    },
  });
  server = createServer(config, { clock: () => new Date(TUESDAY_MORNING + (Date.now() - realStart)), logger: createLogger('debug', sink) });
  await server.listen(port, '127.0.0.1');
  for (const [username, queue] of [
    ['clinic', 'digital_clinic'],
    ['service', 'general_customer_service'],
  ] as const) {
    await createStaffAccount(
      server.database.staff,
      { username, displayName: username, role: 'nurse', queues: [queue] },
      PASSWORD,
      DEFAULT_CATALOG.queues.map((q) => q.id),
      new Date(TUESDAY_MORNING),
      { logN: 10, r: 8, p: 1 },
    );
  }
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
  await provider?.close();
  if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
});

const fi = (key: string, options?: Record<string, unknown>) => {
  const wording = text('fi', key);
  return options ? wording.replace(/\{\{(\w+)\}\}/g, (_m, name: string) => String(options[name])) : wording;
};

class Chat {
  constructor(
    readonly context: BrowserContext,
    readonly page: Page,
  ) {}

  get transcript() {
    return this.page.locator('#webchat');
  }

  async shown(wording: string): Promise<void> {
    await this.transcript.getByText(wording, { exact: false }).last().waitFor({ state: 'visible', timeout: WAIT_MS });
  }

  async press(label: string): Promise<void> {
    const button = this.transcript.locator('.webchat__suggested-actions').getByRole('button', { name: label, exact: true });
    await button.waitFor({ state: 'visible', timeout: WAIT_MS });
    await button.click();
  }

  async choose(question: string, option: string): Promise<void> {
    await this.shown(fi(`${question}.question`));
    await this.press(fi(`${question}.options.${option}`));
  }

  async yesNo(question: string, yes: boolean): Promise<void> {
    await this.shown(fi(`${question}.question`));
    await this.press(fi(yes ? 'common:yes' : 'common:no'));
  }

  async tick(question: string, option: string): Promise<void> {
    await this.shown(fi(`${question}.question`));
    const card = this.transcript.locator('.ac-adaptiveCard').last();
    await card.getByRole('checkbox', { name: new RegExp(`${fi(`${question}.options.${option}`)}$`) }).check();
    await card.getByRole('button', { name: fi('common:multiChoiceSubmit'), exact: true }).click();
  }

  /** Presses "Identify"; returns the identification window once it has reached its last page. */
  async identify(): Promise<Page> {
    const opened = this.context.waitForEvent('page', { timeout: WAIT_MS });
    await this.press(fi('identification:button'));
    const popup = await opened;
    await popup.locator('[data-identification]').waitFor({ state: 'visible', timeout: WAIT_MS });
    return popup;
  }

  /** How many bot bubbles say `wording`. */
  async occurrences(wording: string): Promise<number> {
    const texts = await this.transcript.locator('.webchat__bubble:not(.webchat__bubble--from-user) .webchat__bubble__content').allInnerTexts();
    return texts.filter((t) => t.includes(wording)).length;
  }

  /** Waits until `count` bot bubbles say `wording`. */
  async shownTimes(wording: string, count: number): Promise<void> {
    const deadline = Date.now() + WAIT_MS;
    while ((await this.occurrences(wording)) < count) {
      if (Date.now() > deadline) throw new Error(`the chat did not say "${wording}" ${count} times`);
      await this.page.waitForTimeout(200);
    }
  }
}

async function staffSession(username: string): Promise<Record<string, string>> {
  const res = await fetch(`${baseUrl}/staff/api/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: baseUrl },
    body: JSON.stringify({ username, password: PASSWORD }),
  });
  expect(res.status).toBe(200);
  const { csrfToken } = (await res.json()) as { csrfToken: string };
  return { cookie: (res.headers.get('set-cookie') ?? '').split(';')[0]!, 'x-csrf-token': csrfToken, origin: baseUrl, 'content-type': 'application/json' };
}

function databaseBytes(): Buffer {
  const files = [SQLITE_FILE, `${SQLITE_FILE}-wal`].map((f) => path.join(dataDir, f)).filter((f) => fs.existsSync(f));
  return Buffer.concat(files.map((f) => fs.readFileSync(f)));
}

test('a client identifies from inside the chat, joins the digital clinic, and the nurse sees the verified identity', async () => {
  const context = await browser.newContext({ locale: 'fi-FI' });
  const page = await context.newPage();
  const problems = watch(page);
  const chat = new Chat(context, page);
  try {
    await page.goto(`${baseUrl}/`);
    await chat.shown(fi('entry:language.question'));
    await chat.press(fi('entry:language.options.fi'));
    await chat.choose('entry:privacy', 'accept');
    await chat.choose('entry:emergency', 'none');
    await chat.choose('entry:subject', 'self');
    await chat.choose('entry:topic', 'urinary');
    await chat.yesNo('urinary:confusion', false);
    await chat.choose('urinary:sex', 'female');
    await chat.tick('urinary:symptoms', 'burning');
    await chat.yesNo('urinary:fever', true);
    await chat.yesNo('urinary:flankPain', false);
    await chat.yesNo('urinary:pregnant', false);
    await chat.yesNo('urinary:discharge', false);
    await chat.choose('urinary:duration', 'days');
    await chat.yesNo('urinary:recurrent', false);
    await chat.shown(fi('entry:summary.question'));
    await chat.press(fi('entry:summary.options.confirm'));

    const clinic = fi('common:handoff.join', { queue: 'Digiklinikka' });
    await chat.press(clinic);
    await chat.shown(fi('identification:required', { queue: 'Digiklinikka' }));

    // Cancelled at the provider: back in the chat, told so, with Identify and the other queues offered.
    const startLinks: string[] = [];
    context.on('request', (request) => {
      if (request.url().includes('/identify/start?')) startLinks.push(request.url());
    });
    provider.answerNext('cancel');
    const cancelled = await chat.identify();
    expect(await cancelled.locator('[data-identification]').getAttribute('data-identification')).toBe('cancelled');
    await chat.shown(fi('identification:result.cancelled'));
    await cancelled.close();

    // Answers that fail the relying party's checks: each a clear message, the conversation intact.
    const tampers: IdTokenTamper[] = [
      (c) => ({ claims: { ...c, aud: 'another-client' }, key: 'provider' }),
      (c) => ({ claims: { ...c, iat: Number(c.iat) - 7200, exp: Number(c.iat) - 3600 }, key: 'provider' }),
      (c) => ({ claims: c, key: 'foreign' }),
    ];
    // The Identify link forwarded to someone else (another browser, without this chat): refused
    // before any provider, in the chat's language, and this chat hears nothing of it.
    expect(startLinks.length).toBeGreaterThan(0);
    const elsewhere = await browser.newContext({ locale: 'fi-FI' });
    const forwarded = await elsewhere.newPage();
    const refusal = await forwarded.goto(startLinks[0]!);
    expect(refusal?.status()).toBe(403);
    expect(await forwarded.locator('[data-identification-refused="otherBrowser"]').textContent()).toContain(fi('identification:page.otherBrowser'));
    expect(new URL(forwarded.url()).pathname).toBe('/identify/start');
    await elsewhere.close();

    for (const [i, tamper] of tampers.entries()) {
      provider.tamperNextIdToken(tamper);
      const failed = await chat.identify();
      expect(await failed.locator('[data-identification]').getAttribute('data-identification')).toBe('failed');
      await failed.close();
      await chat.shownTimes(fi('identification:result.failed'), i + 1);
      // The provider gave a token and it was the rewritten one that failed, not the exchange.
      expect(provider.tampered()).toBe(i + 1);
    }
    expect(await chat.occurrences(fi('identification:result.failed'))).toBe(3);

    // A real identification: "Identified: Maija M." and the join button, nothing typed.
    const popup = await chat.identify();
    expect(await popup.locator('[data-identification]').getAttribute('data-identification')).toBe('ok');
    const callbackUrl = popup.url();
    await popup.close();
    await chat.shown(fi('identification:result.done', { name: 'Maija M.' }));

    // The same callback again (a replayed code) and a foreign state: a failure page, nothing changes in the chat.
    for (const url of [callbackUrl, `${baseUrl}/identify/callback?state=not-ours&code=abc`]) {
      const replay = await fetch(url);
      expect(await replay.text()).toContain('data-identification="failed"');
    }

    await chat.press(clinic);
    await chat.shown(fi('common:handoff.joined', { queue: 'Digiklinikka' }));
    expect(problems.list.filter((p) => !p.includes('favicon'))).toEqual([]);

    // The nurse in the console: "identified" on the case, the identity only after a click.
    const consolePage = await context.newPage();
    const consoleProblems = watch(consolePage);
    await consolePage.goto(`${baseUrl}/staff?lang=fi`);
    await consolePage.getByLabel(text('fi', 'staff:console.username')).fill('clinic');
    await consolePage.getByLabel(text('fi', 'staff:console.password')).fill(PASSWORD);
    await consolePage.getByRole('button', { name: text('fi', 'staff:console.loginButton') }).click();
    await consolePage.locator('#queue-rows tr', { hasText: 'Digiklinikka' }).getByRole('button').first().click();
    const item = consolePage.locator('#case-list .case-item').first();
    await item.waitFor({ timeout: WAIT_MS });
    expect(await item.textContent()).toContain(text('fi', 'staff:identity.identified'));
    await item.click();
    await consolePage.locator('#case-identity .identified', { hasText: text('fi', 'staff:identity.identified') }).waitFor({ timeout: WAIT_MS });
    expect([await consolePage.locator('#case-identity-details').count(), await consolePage.locator('#case-identity-details').isHidden()]).toEqual([1, true]);
    expect(await consolePage.locator('#case-view').textContent()).not.toContain(MAIJA.identityCode);
    await consolePage.getByRole('button', { name: text('fi', 'staff:identity.show') }).click();
    await consolePage.locator('#case-identity-details', { hasText: MAIJA.identityCode }).waitFor({ timeout: WAIT_MS });
    expect(await consolePage.locator('#case-identity-details').textContent()).toContain('Maija Meikäläinen');
    expect(await consolePage.locator('#case-identity').textContent()).toContain(text('fi', 'staff:identity.matterSelf'));
    // Before login the console asks /staff/api/me and is told 401: that is how it knows to show the form.
    expect(consoleProblems.list.filter((p) => !p.includes('favicon') && !p.includes('401'))).toEqual([]);
    await consolePage.close();

    // The API: "identified" in the list, the identity (audited: the console's click was one view).
    const nurse = await staffSession('clinic');
    const list = (await (await fetch(`${baseUrl}/staff/api/cases?queue=digital_clinic`, { headers: nurse })).json()) as {
      cases: { id: string; identified: boolean }[];
    };
    expect(list.cases).toHaveLength(1);
    const caseId = list.cases[0]!.id;
    expect(list.cases[0]!.identified).toBe(true);
    const shown = await fetch(`${baseUrl}/staff/api/cases/${caseId}/identity`, { headers: nurse });
    expect(shown.status).toBe(200);
    expect(await shown.json()).toMatchObject({
      identified: true,
      identity: {
        givenName: 'Maija',
        familyName: 'Meikäläinen',
        identityCode: MAIJA.identityCode,
        assurance: 'http://ftn.ficora.fi/2017/loa3',
        provider: 'oidc',
        matterOf: 'self',
        mandateChecked: false,
      },
    });
    const audit = (await (await fetch(`${baseUrl}/staff/api/cases/${caseId}/audit`, { headers: nurse })).json()) as {
      entries: { action: string; staffId: string }[];
    };
    expect(audit.entries.filter((e) => e.action === 'identity_view')).toHaveLength(2);
    const exported = (await (await fetch(`${baseUrl}/staff/api/cases/${caseId}/export`, { headers: nurse })).json()) as {
      identity?: { identityCode?: string };
    };
    expect(exported.identity?.identityCode).toBe(MAIJA.identityCode);

    // Staff of another queue: 403, and no view is recorded for them.
    const other = await staffSession('service');
    expect((await fetch(`${baseUrl}/staff/api/cases/${caseId}/identity`, { headers: other })).status).toBe(403);

    // At rest the identity is sealed: not in the row, not in the database file.
    const sealed = await server.database.caseIdentity.sealedOf(caseId);
    expect(sealed?.sealed).toMatch(/^v1\./);
    expect(sealed?.sealed).not.toContain(MAIJA.identityCode);
    if (server.database.kind === 'sqlite') {
      expect(databaseBytes().includes(Buffer.from(MAIJA.identityCode))).toBe(false);
      expect(databaseBytes().includes(Buffer.from('Meikäläinen'))).toBe(false);
    }

    // Deleted with the case.
    expect((await fetch(`${baseUrl}/staff/api/cases/${caseId}`, { method: 'DELETE', headers: nurse })).status).toBe(200);
    expect(await server.database.caseIdentity.sealedOf(caseId)).toBeUndefined();
    expect((await fetch(`${baseUrl}/staff/api/cases/${caseId}/identity`, { headers: nurse })).status).toBe(404);

    // Nothing of the identity, nor the callback's code or state, reached a log line; the views did (by id).
    const log = logLines.join('');
    expect(log).toContain('identity_view');
    expect(log).not.toContain(MAIJA.identityCode);
    expect(log).not.toContain('Meikäläinen');
    expect(log).not.toContain(new URL(callbackUrl).searchParams.get('code') ?? 'no code');
    expect(log).not.toContain(new URL(callbackUrl).searchParams.get('state') ?? 'no state');
  } finally {
    await context.close();
  }
});
