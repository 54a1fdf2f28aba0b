/**
 * The handoff journey end to end in chromium with two browser contexts against the real
 * service in-process, its clock running from Monday 10.00 Helsinki (the queues are open):
 *
 *  - the citizen (phone viewport, Finnish) types the global word for a human, presses the
 *    outcome's "join the queue" button for general customer service and is told the place
 *    (nobody is online yet, so without an estimate); axe-core on the page while queued;
 *  - staff (desktop viewport) logs in to /staff, selects the queue, opens the case, claims it
 *    -> the citizen is told who joined (display name and localized role);
 *  - staff writes -> the citizen sees it; the citizen answers -> the console's poll shows it in
 *    the case's messages;
 *  - staff closes with an outcome and an urgency re-rating -> the citizen is told what happens
 *    next and asked for feedback: helped, a score, a typed comment -> thanks.
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
const STAFF = { username: 'nurse.handoff', displayName: 'Hoitaja Handoff', role: 'nurse' as const };
const QUEUE_ID = 'general_customer_service';
const STAFF_MESSAGE = 'Hei, olen hoitaja. Miten voin auttaa?';
const STAFF_FOLLOW_UP = 'Selvä, kerron rokotuksista lisää.';
const CLIENT_REPLY = 'Kiitos, kysyisin rokotuksista.';

const t = i18n.getFixedT('fi');
const queueName = DEFAULT_CATALOG.queues.find((q) => q.id === QUEUE_ID)!.name.fi;

let server: LuotsiServer;
let baseUrl: string;
let dataDir: string;
let browser: Browser;

let citizenContext: BrowserContext;
let citizen: Page;
let citizenProblems: PageProblems;
let staffContext: BrowserContext;
let staff: Page;
let staffProblems: PageProblems;

beforeAll(async () => {
  fs.mkdirSync(SCREENSHOT_DIR, { recursive: true });
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'luotsi-e2e-handoff-'));
  const config = loadConfig({ NODE_ENV: 'test', DATA_DIR: dataDir, LOG_LEVEL: 'silent', PORT: '0', ...testServiceEnv() }, process.cwd());
  // Monday 10.00 in Helsinki, running: the console notices client activity by its time.
  const started = Date.now();
  server = createServer(config, { clock: () => new Date(new Date(NOW).getTime() + (Date.now() - started)) });
  baseUrl = await server.listen(0, '127.0.0.1');
  await createStaffAccount(
    server.database.staff,
    { ...STAFF, queues: [QUEUE_ID] },
    PASSWORD,
    DEFAULT_CATALOG.queues.map((q) => q.id),
    NOW,
    { logN: 10, r: 8, p: 1 },
  );
  browser = await launchChromium();
  citizenContext = await browser.newContext({ locale: 'fi-FI', viewport: PHONE, isMobile: true, hasTouch: true, deviceScaleFactor: 2 });
  citizen = await citizenContext.newPage();
  citizenProblems = watch(citizen);
  staffContext = await browser.newContext({ locale: 'fi-FI', viewport: { width: 1280, height: 900 } });
  staff = await staffContext.newPage();
  staffProblems = watch(staff);
});

afterAll(async () => {
  await citizenContext?.close();
  await staffContext?.close();
  await browser?.close();
  await server?.close();
  if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
});

function transcript(): Locator {
  return citizen.locator('#webchat');
}

/** Waits until the citizen's chat shows `wording` (in a message bubble). */
async function citizenSees(wording: string, what: string): Promise<void> {
  try {
    await transcript().getByText(wording, { exact: false }).last().waitFor({ state: 'visible', timeout: WAIT_MS });
  } catch {
    throw new Error(`the citizen's chat did not show ${what}: ${wording}`);
  }
}

/** Presses the citizen's suggested action with `label`. */
async function citizenPresses(label: string, what: string): Promise<void> {
  const button = transcript().locator('.webchat__suggested-actions').getByRole('button', { name: label, exact: true });
  try {
    await button.waitFor({ state: 'visible', timeout: WAIT_MS });
  } catch {
    throw new Error(`the citizen has no suggested action ${what}: ${label}`);
  }
  await button.click();
}

async function citizenTypes(message: string): Promise<void> {
  const sendBox = transcript().locator('.webchat__send-box').getByRole('textbox').first();
  await sendBox.fill(message);
  await sendBox.press('Enter');
}

async function caseId(): Promise<string> {
  const saved = await citizen.evaluate(() => window.sessionStorage.getItem('luotsi.session'));
  const conversationId = (JSON.parse(saved ?? 'null') as { conversationId?: string } | null)?.conversationId;
  if (!conversationId) throw new Error('no saved session in the citizen tab');
  const open = await server.database.handoff.findOpenByConversation(conversationId);
  if (!open) throw new Error('no open case for the citizen conversation');
  return open.id;
}

describe('handoff: the citizen queues, staff claims, they talk, staff closes, the citizen gives feedback', () => {
  let id: string;

  test('the citizen asks for a human and joins the general customer service queue', async () => {
    await citizen.goto(`${baseUrl}/`);
    expect(await citizen.locator('html').getAttribute('lang')).toBe('fi');
    await citizenSees(text('fi', 'entry:language.question'), 'entry:language.question');
    await citizenTypes(text('fi', 'common:globalWords.human').split('|')[0]!);
    await citizenSees(text('fi', 'routing:outcome.human'), 'routing:outcome.human');
    await citizenPresses(t('common:handoff.join', { queue: queueName }), 'common:handoff.join');
    await citizenSees(t('common:handoff.joined', { queue: queueName }), 'common:handoff.joined');
    // Nobody is logged in: the place without an estimate.
    await citizenSees(t('common:handoff.positionUnknown', { position: 1 }), 'common:handoff.positionUnknown');
    await citizen
      .locator('.webchat__suggested-actions')
      .getByRole('button', { name: text('fi', 'common:handoff.leave'), exact: true })
      .waitFor({ timeout: WAIT_MS });
    id = await caseId();
    const caller = { staffId: 'any', queues: [QUEUE_ID] };
    const created = await server.database.handoff.get(caller, id, NOW);
    expect(created.status).toBe('waiting');
    expect(created.queueId).toBe(QUEUE_ID);
    expect(created.locale).toBe('fi');
  });

  test('axe finds nothing serious on the citizen page while queued', async () => {
    await citizen.waitForTimeout(500);
    await citizen.screenshot({ path: path.join(SCREENSHOT_DIR, 'handoff-citizen-queued.png') });
    expect(severe(await runAxe(citizen), 'citizen queued')).toEqual([]);
  });

  test('staff logs in, selects the queue, opens the case and claims it; the citizen is told who joined', async () => {
    await staff.goto(`${baseUrl}/staff`);
    await staff.locator('#login-view').waitFor({ state: 'visible', timeout: WAIT_MS });
    await staff.getByLabel(text('fi', 'staff:console.username')).fill(STAFF.username);
    await staff.getByLabel(text('fi', 'staff:console.password')).fill(PASSWORD);
    await staff.getByRole('button', { name: text('fi', 'staff:console.loginButton') }).click();
    await staff.locator('#console-view').waitFor({ state: 'visible', timeout: WAIT_MS });

    const queueButton = staff.getByRole('button', { name: t('staff:console.showQueue', { queue: queueName }), exact: true });
    await queueButton.waitFor({ timeout: WAIT_MS });
    await queueButton.click();
    const row = staff.locator('#queue-rows tr', { hasText: queueName });
    await row.waitFor({ timeout: WAIT_MS });
    expect(await row.locator('td').nth(1).textContent()).toBe('1');

    const item = staff.locator(`#case-list .case-item[data-case-id="${id}"]`);
    await item.waitFor({ timeout: WAIT_MS });
    expect(await staff.locator('#case-list .case-item').count()).toBe(1);
    await item.click();
    await staff.locator('#case-body').waitFor({ state: 'visible', timeout: WAIT_MS });

    await staff.getByRole('button', { name: text('fi', 'staff:console.claim'), exact: true }).click();
    await staff.locator('#status', { hasText: text('fi', 'staff:console.claimed') }).waitFor({ timeout: WAIT_MS });
    await staff.locator('#message-form').waitFor({ state: 'visible', timeout: WAIT_MS });

    const role = text('fi', `common:handoff.roles.${STAFF.role}`);
    await citizenSees(t('common:handoff.staffJoined', { name: STAFF.displayName, role }), 'common:handoff.staffJoined');
  });

  test('staff writes and the citizen sees it; the citizen answers and staff sees it', async () => {
    await staff.getByLabel(text('fi', 'staff:console.messageLabel')).fill(STAFF_MESSAGE);
    await staff.getByRole('button', { name: text('fi', 'staff:console.sendMessage') }).click();
    await staff.locator('#case-messages .text', { hasText: STAFF_MESSAGE }).waitFor({ timeout: WAIT_MS });
    await citizenSees(STAFF_MESSAGE, 'the staff message');

    const botBubblesBefore = await transcript().locator('.webchat__bubble:not(.webchat__bubble--from-user)').count();
    await citizenTypes(CLIENT_REPLY);
    await transcript().locator('.webchat__bubble--from-user', { hasText: CLIENT_REPLY }).waitFor({ timeout: WAIT_MS });
    // The reply reaches the case, as staff's API shows it (read with the staff tab's own session).
    const deadline = Date.now() + WAIT_MS;
    for (;;) {
      const shown = await staff.evaluate(async (caseId) => {
        const res = await fetch(`/staff/api/cases/${encodeURIComponent(caseId)}`, { credentials: 'same-origin' });
        const body = (await res.json()) as { messages?: Array<{ from: string; text: string }> };
        return (body.messages ?? []).filter((m) => m.from === 'client').map((m) => m.text);
      }, id);
      if (shown.includes(CLIENT_REPLY)) break;
      if (Date.now() > deadline) throw new Error('the client reply did not reach the case');
      await staff.waitForTimeout(250);
    }
    // The console's poll watches the cases staff hold and shows the reply by itself.
    await staff.locator('#case-messages .from-client .text', { hasText: CLIENT_REPLY }).waitFor({ timeout: WAIT_MS });
    await staff.getByLabel(text('fi', 'staff:console.messageLabel')).fill(STAFF_FOLLOW_UP);
    await staff.getByRole('button', { name: text('fi', 'staff:console.sendMessage') }).click();
    await staff.locator('#case-messages .text', { hasText: STAFF_FOLLOW_UP }).waitFor({ timeout: WAIT_MS });
    await citizenSees(STAFF_FOLLOW_UP, 'the second staff message');
    // The bot stays silent while staff hold the case: the only new bot-side bubble is staff's.
    await citizen.waitForTimeout(1_000);
    expect(await transcript().locator('.webchat__bubble:not(.webchat__bubble--from-user)').count()).toBe(botBubblesBefore + 1);
  });

  test('staff closes with an outcome and a re-rating; the citizen is told what is next and gives feedback', async () => {
    await staff.getByLabel(text('fi', 'staff:console.outcome')).selectOption('advice_given');
    await staff.getByLabel(text('fi', 'staff:console.staffUrgency')).selectOption('non_urgent');
    await staff
      .locator('#close-form')
      .getByRole('button', { name: text('fi', 'staff:console.close') })
      .click();
    await staff.locator('#status', { hasText: text('fi', 'staff:console.closedDone') }).waitFor({ timeout: WAIT_MS });

    await citizenSees(t('common:handoff.closed', { name: STAFF.displayName }), 'common:handoff.closed');
    await citizenSees(text('fi', 'common:handoff.next.advice_given'), 'common:handoff.next.advice_given');
    await citizenSees(text('fi', 'feedback:helped.question'), 'feedback:helped.question');
    for (const helped of ['yes', 'partly', 'no']) {
      await transcript()
        .locator('.webchat__suggested-actions')
        .getByRole('button', { name: text('fi', `feedback:helped.options.${helped}`), exact: true })
        .waitFor({ state: 'visible', timeout: WAIT_MS });
    }
    await citizen.screenshot({ path: path.join(SCREENSHOT_DIR, 'handoff-citizen-feedback.png') });

    await citizenPresses(text('fi', 'feedback:helped.options.yes'), 'feedback:helped.options.yes');
    await citizenSees(text('fi', 'feedback:score.question'), 'feedback:score.question');
    await citizenPresses('5', 'score 5');
    await citizenSees(text('fi', 'common:feedback.thanks'), 'common:feedback.thanks');

    const caller = { staffId: 'any', queues: [QUEUE_ID] };
    const closed = await server.database.handoff.get(caller, id, NOW);
    expect(closed.status).toBe('closed');
    expect(closed.outcome).toBe('advice_given');
    expect(closed.staffUrgency).toBe('non_urgent');
    const messages = await server.database.handoff.listMessages(caller, id);
    expect(messages.some((m) => m.from === 'staff' && !m.internal && m.text === STAFF_MESSAGE)).toBe(true);
    expect(messages.some((m) => m.from === 'client' && m.text === CLIENT_REPLY)).toBe(true);
  });

  test('no console errors or page errors on either page (the console’s 401s before login aside)', () => {
    expect(citizenProblems.list).toEqual([]);
    const unexpected = staffProblems.list.filter((p) => !/(^http 401: \/staff\/api\/(me|login)$)|401 \(Unauthorized\)/.test(p));
    expect(unexpected).toEqual([]);
  });
});
