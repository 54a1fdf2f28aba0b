/**
 * A journey through the real citizen page in Swedish that is typed, never clicked: a parent
 * describes the child's cough and fever in the first message and answers every question in
 * their own words; the `triage.outcome` event is read from the Direct Line REST API with the
 * tab's own token. The server's clock runs from a Tuesday morning in Helsinki, so "sedan i
 * måndags" is one day. Wording is read from locales/ by key, never copied here.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { loadConfig } from '../../config';
import { keyChain } from '../../dialogs/promptRenderer';
import { createServer, type LuotsiServer } from '../../index';
import type { TriageOutcomePayload } from '../../routing';
import { testServiceEnv } from '../support/testDatabase';
import { launchChromium, SCREENSHOT_DIR, text, watch } from './support';

jest.setTimeout(180_000);

const WAIT_MS = 30_000;
const TUESDAY_MORNING = Date.parse('2026-11-24T08:00:00Z');

let server: LuotsiServer;
let baseUrl: string;
let dataDir: string;
let browser: Browser;

beforeAll(async () => {
  fs.mkdirSync(SCREENSHOT_DIR, { recursive: true });
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'luotsi-e2e-typed-'));
  const config = loadConfig({ NODE_ENV: 'test', DATA_DIR: dataDir, LOG_LEVEL: 'silent', PORT: '0', ...testServiceEnv() }, process.cwd());
  const realStart = Date.now();
  server = createServer(config, { clock: () => new Date(TUESDAY_MORNING + (Date.now() - realStart)) });
  baseUrl = await server.listen(0, '127.0.0.1');
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
  if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
});

const sv = (key: string) => text('sv', keyChain(key, 'child'));

async function shown(page: Page, wording: string, what: string): Promise<void> {
  try {
    await page.locator('#webchat').getByText(wording, { exact: false }).last().waitFor({ state: 'visible', timeout: WAIT_MS });
  } catch {
    throw new Error(`the chat did not show ${what}`);
  }
}

async function type(page: Page, message: string): Promise<void> {
  const sendBox = page.locator('#webchat .webchat__send-box').getByRole('textbox').first();
  await sendBox.fill(message);
  await sendBox.press('Enter');
}

async function outcomeOf(page: Page): Promise<TriageOutcomePayload> {
  const saved = await page.evaluate(() => window.sessionStorage.getItem('luotsi.session'));
  const { conversationId, token } = JSON.parse(saved ?? '{}') as { conversationId: string; token: string };
  const deadline = Date.now() + WAIT_MS;
  for (;;) {
    const url = `${baseUrl}/v3/directline/conversations/${encodeURIComponent(conversationId)}/activities`;
    const res = await fetch(url, { headers: { authorization: `Bearer ${token}` } });
    const body = (await res.json()) as { activities: { type: string; name?: string; value?: unknown }[] };
    const event = body.activities.find((a) => a.type === 'event' && a.name === 'triage.outcome');
    if (event) return event.value as TriageOutcomePayload;
    if (Date.now() > deadline) throw new Error('no triage.outcome event');
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

describe('a typed journey in Swedish (web chat)', () => {
  test("from a first sentence about the child to the outcome, every answer typed in the person's own words", async () => {
    const context = await browser.newContext({ locale: 'sv-FI', viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
    const page = await context.newPage();
    const problems = watch(page);
    try {
      await page.goto(`${baseUrl}/`);
      await shown(page, text('sv', 'entry:language.question'), 'the language question');
      const steps: [string, string, string][] = [
        ['mitt barn har hosta och feber', text('sv', 'understanding:topicOffer.noted'), 'that the description was noted'],
        ['det går bra', text('sv', 'entry:emergency.question'), 'the emergency screen'],
        ['nej, inget av dem', text('sv', 'entry:subject.question'), 'whose matter'],
        ['mitt barn', text('sv', 'entry:childAge.question'), "the child's age"],
        ['hon går i lågstadiet', text('sv', 'understanding:topicOffer.one').split('{{')[0]!, 'the topic offer'],
        ['ja', sv('respiratory:breathing.question'), 'the first respiratory question'],
        ['nej', sv('respiratory:childCondition.question'), "the child's general condition"],
        ['hon är pigg, leker och äter som vanligt', sv('respiratory:symptoms.question'), 'the symptoms'],
        ['hosta och feber', sv('respiratory:feverDays.question'), 'the fever days'],
        ['sedan i måndags', sv('respiratory:condition.question'), 'the general condition'],
        ['lite trött', sv('respiratory:duration.question'), 'the duration'],
        ['några dagar', sv('respiratory:chronic.question'), 'the long-term illness question'],
        ['nej', text('sv', 'entry:summary.question'), 'the summary'],
      ];
      for (const [message, next, what] of steps) {
        await type(page, message);
        await shown(page, next, what);
      }
      await page.screenshot({ path: path.join(SCREENSHOT_DIR, 'journey-typed-sv-summary.png') });
      await type(page, 'ja, fortsätt');
      const outcome = await outcomeOf(page);
      expect(outcome).toMatchObject({ outcome: 'completed', topic: 'respiratory', urgency: 'non_urgent' });
      await shown(page, sv('routing:emergency.safetyNet'), "the safety net in the child's wording");
      // Never "not recognised" on the way.
      const notUnderstood = text('sv', 'common:errors.notUnderstood').split('{{')[0]!;
      expect(await page.locator('#webchat').getByText(notUnderstood, { exact: false }).count()).toBe(0);
      expect(problems.list).toEqual([]);
    } finally {
      await context.close();
    }
  });
});
