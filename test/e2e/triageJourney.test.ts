/**
 * Triage journeys through the real citizen page, driven like a person would: suggested
 * actions clicked by their translated labels, Adaptive Card checkboxes ticked and submitted,
 * numbers and text typed into the send box. The machine-readable `triage.outcome` event is
 * read from the server's Direct Line REST API with the tab's own token (independent of Web
 * Chat's store), and its urgency, topic, subject and recommendations are asserted.
 *
 * Journeys (answers as in test/flows/scenarios.test.ts):
 *  1. fi, the mother with urinary symptoms, for herself; one answer corrected from the summary
 *  2. sv, a parent for a 3-year-old's skin changes; the photo skipped
 *  3. fi, the daughter for her father (knows and agrees) with a rash; third-person wording
 *  4. sv, the unemployed man whose rent is too high; segmentation; social guidance
 *  5. fi, an emergency typed in free text at the topic question
 *  6. fi, a cough with fever for days: a number typed (an out-of-range one first)
 *
 * The server's clock is shifted to a Tuesday morning in Helsinki (running on from there) so
 * the work queues are open and the routing is the same whenever the test runs. All journeys
 * run on a phone-sized viewport; screenshots of the summary and the outcome go to
 * SCREENSHOT_DIR. Wording is read from locales/ by key, never copied here.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import sharp from 'sharp';
import { loadConfig } from '../../config';
import { testServiceEnv } from '../support/testDatabase';
import { keyChain } from '../../dialogs/promptRenderer';
import type { SubjectKind } from '../../flows/contract';
import { createServer, type LuotsiServer } from '../../index';
import type { TriageOutcomePayload } from '../../routing';
import { i18n, launchChromium, runAxe, SCREENSHOT_DIR, severe, text, watch, type Lng, type PageProblems } from './support';

jest.setTimeout(180_000);

const WAIT_MS = 30_000;
const PHONE = { width: 390, height: 844 };
// Tuesday 2026-11-24 10:00 in Helsinki (08:00 UTC): weekday office hours.
const TUESDAY_MORNING = Date.parse('2026-11-24T08:00:00Z');

let server: LuotsiServer;
let baseUrl: string;
let dataDir: string;
let browser: Browser;

beforeAll(async () => {
  fs.mkdirSync(SCREENSHOT_DIR, { recursive: true });
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'luotsi-e2e-data-'));
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

interface WireActivity {
  type: string;
  name?: string;
  text?: string;
  value?: unknown;
  from?: { role?: string };
}

/**
 * One person in one browser tab, talking in `lng` about `subject`'s matter. Every step
 * waits for the question it answers (by its translation key, worded for the subject with
 * the dialog's own key chain) and then answers it the way a person would.
 */
class Journey {
  readonly problems: PageProblems;
  subject: SubjectKind | undefined;

  private constructor(
    readonly name: string,
    readonly context: BrowserContext,
    readonly page: Page,
    readonly lng: Lng,
  ) {
    this.problems = watch(page);
  }

  static async open(name: string, lng: Lng): Promise<Journey> {
    const context = await browser.newContext({
      locale: lng === 'sv' ? 'sv-FI' : 'fi-FI',
      viewport: PHONE,
      isMobile: true,
      hasTouch: true,
      deviceScaleFactor: 2,
    });
    const journey = new Journey(name, context, await context.newPage(), lng);
    await journey.page.goto(`${baseUrl}/`);
    return journey;
  }

  async close(): Promise<void> {
    await this.context.close();
  }

  /** The wording the bot uses for `key` now (third person for a child or another adult). */
  say(key: string): string {
    return text(this.lng, keyChain(key, this.subject));
  }

  get transcript(): Locator {
    return this.page.locator('#webchat');
  }

  /** Waits until a bot message shows the text at `key` (as worded for the subject). */
  async expectShown(key: string, wording = this.say(key)): Promise<void> {
    try {
      await this.transcript.getByText(wording, { exact: false }).last().waitFor({ state: 'visible', timeout: WAIT_MS });
    } catch {
      throw new Error(`${this.name}: the chat did not show ${this.lng}:${key}`);
    }
  }

  private suggestedAction(label: string): Locator {
    return this.transcript.locator('.webchat__suggested-actions').getByRole('button', { name: label, exact: true });
  }

  /** Presses the suggested action labelled with the translation at `labelKey`. */
  async press(labelKey: string, label = this.say(labelKey)): Promise<void> {
    const button = this.suggestedAction(label);
    try {
      await button.waitFor({ state: 'visible', timeout: WAIT_MS });
    } catch {
      throw new Error(`${this.name}: no suggested action ${this.lng}:${labelKey}`);
    }
    await button.click();
  }

  /** Answers a choice question (options are namespaced like the question: `skin:spread` + `several`). */
  async choose(question: string, option: string): Promise<void> {
    await this.expectShown(`${question}.question`);
    await this.press(`${question}.options.${option}`);
  }

  async yesNo(question: string, yes: boolean): Promise<void> {
    await this.expectShown(`${question}.question`);
    await this.press(yes ? 'common:yes' : 'common:no');
  }

  /** Ticks the Adaptive Card checkboxes of `options` and presses its submit button. */
  async tick(question: string, options: string[]): Promise<void> {
    await this.expectShown(`${question}.question`);
    const card = this.transcript.locator('.ac-adaptiveCard').last();
    await card.waitFor({ state: 'visible', timeout: WAIT_MS });
    for (const option of options) {
      // Adaptive Cards labels the first checkbox by the set's label and its own ("question option"):
      // match the option's label at the end of the accessible name.
      const box = card.getByRole('checkbox', { name: new RegExp(`(^|\\s)${escapeRegExp(this.say(`${question}.options.${option}`))}$`) });
      await box.check();
      expect(await box.isChecked()).toBe(true);
    }
    // On a phone every option label is shown whole (Adaptive Cards cuts long labels with an ellipsis).
    const cut = await card.locator('label.ac-textBlock').evaluateAll((labels) => labels.filter((l) => l.scrollWidth > l.clientWidth).map((l) => l.textContent));
    expect(cut).toEqual([]);
    await card.getByRole('button', { name: text(this.lng, 'common:multiChoiceSubmit'), exact: true }).click();
  }

  /** Types into the send box and presses Enter. */
  async type(message: string): Promise<void> {
    const sendBox = this.transcript.locator('.webchat__send-box').getByRole('textbox').first();
    await sendBox.fill(message);
    await sendBox.press('Enter');
  }

  /** Language, privacy consent, emergency screen ("none of these") and whose matter. */
  async entry(subject: 'self' | { child: string } | { adult: string; consent: string }): Promise<void> {
    await this.expectShown('entry:language.question');
    await this.press('entry:language.options.' + this.lng);
    await this.expectShown('entry:privacy.notice');
    await this.choose('entry:privacy', 'accept');
    await this.expectShown('entry:emergency.intro');
    await this.choose('entry:emergency', 'none');
    if (subject === 'self') {
      await this.choose('entry:subject', 'self');
      this.subject = 'self';
    } else if ('child' in subject) {
      await this.choose('entry:subject', 'child');
      this.subject = 'child';
      await this.choose('entry:childAge', subject.child);
    } else {
      await this.choose('entry:subject', 'adult');
      this.subject = 'adult';
      await this.choose('entry:relationship', subject.adult);
      await this.choose('entry:adultConsent', subject.consent);
    }
  }

  /** The text of every bot message bubble, in order, as the page renders it. */
  async botTexts(): Promise<string[]> {
    return this.transcript.locator('.webchat__bubble:not(.webchat__bubble--from-user) .webchat__bubble__content').allInnerTexts();
  }

  /** The summary list message: waits until it has been shown `count` times, returns the latest. */
  async summary(count = 1): Promise<Locator> {
    const intro = text(this.lng, 'entry:summary.intro');
    const lists = this.transcript.locator('.webchat__bubble__content').filter({ hasText: intro });
    const deadline = Date.now() + WAIT_MS;
    while ((await lists.count()) < count) {
      if (Date.now() > deadline) throw new Error(`${this.name}: the summary was not shown ${count} time(s)`);
      await this.page.waitForTimeout(200);
    }
    const list = lists.nth(count - 1);
    await list.waitFor({ state: 'visible', timeout: WAIT_MS });
    await this.expectShown('entry:summary.question', `${text(this.lng, 'entry:summary.question')} ${text(this.lng, 'common:summary.howToCorrect')}`);
    return list;
  }

  /** The summary's number for the answer to `question` (read from the screen, as a person would). */
  async itemNumber(list: Locator, question: string): Promise<number> {
    const shown = (await list.innerText()).split('\n');
    const wording = this.say(`${question}.question`);
    const line = shown.find((l) => l.includes(`) ${wording} – `));
    const n = line ? Number(/^(\d+)\)/.exec(line.trim())?.[1]) : Number.NaN;
    if (!Number.isInteger(n)) throw new Error(`${this.name}: the summary has no line for ${question}`);
    return n;
  }

  /** The tab's Direct Line session, as the page keeps it for reloads. */
  async session(): Promise<{ conversationId: string; token: string }> {
    const saved = await this.page.evaluate(() => window.sessionStorage.getItem('luotsi.session'));
    const session = JSON.parse(saved ?? 'null') as { conversationId?: string; token?: string } | null;
    if (!session?.conversationId || !session.token) throw new Error(`${this.name}: no saved session in the tab`);
    return { conversationId: session.conversationId, token: session.token };
  }

  /** All activities of the conversation from the REST API (paged by watermark). */
  async activities(): Promise<WireActivity[]> {
    const { conversationId, token } = await this.session();
    const all: WireActivity[] = [];
    let watermark = '';
    for (;;) {
      const url = `${baseUrl}/v3/directline/conversations/${encodeURIComponent(conversationId)}/activities${watermark ? `?watermark=${watermark}` : ''}`;
      const res = await fetch(url, { headers: { authorization: `Bearer ${token}` } });
      if (!res.ok) throw new Error(`${this.name}: GET activities answered ${res.status}`);
      const page = (await res.json()) as { activities: WireActivity[]; watermark: string };
      all.push(...page.activities);
      if (page.activities.length === 0 || page.watermark === watermark) return all;
      watermark = page.watermark;
    }
  }

  /** Polls the conversation until the bot's `triage.outcome` event is there. */
  async outcome(): Promise<TriageOutcomePayload> {
    const deadline = Date.now() + WAIT_MS;
    for (;;) {
      const events = (await this.activities()).filter((a) => a.type === 'event' && a.name === 'triage.outcome' && a.from?.role === 'bot');
      if (events.length > 0) {
        expect(events).toHaveLength(1);
        return events[0]!.value as TriageOutcomePayload;
      }
      if (Date.now() > deadline) throw new Error(`${this.name}: no triage.outcome event`);
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }

  async screenshot(step: string): Promise<void> {
    // Web Chat scrolls to the newest message on its own; give the scroll a moment to settle.
    await this.page.waitForTimeout(500);
    await this.page.screenshot({ path: path.join(SCREENSHOT_DIR, `journey-${this.name}-${step}.png`) });
  }

  async expectAccessible(step: string): Promise<void> {
    expect(severe(await runAxe(this.page), `${this.name} ${step}`)).toEqual([]);
  }

  /** The summary renders one answer a line: separate paragraphs, line breaks in innerText. */
  async expectSummaryLines(list: Locator, answers: number): Promise<void> {
    const paragraphs = list.locator('p');
    // The intro and one line per answer.
    expect(await paragraphs.count()).toBe(answers + 1);
    const shown = await list.innerText();
    expect(shown.split('\n').filter((l) => l.trim() !== '')).toHaveLength(answers + 1);
    // Each paragraph is laid out on its own line (not floated or inlined into a run-on line).
    const tops = await paragraphs.evaluateAll((els) => els.map((el) => el.getBoundingClientRect().top));
    for (let i = 1; i < tops.length; i++) expect(tops[i]!).toBeGreaterThan(tops[i - 1]!);
  }

  /** Confirms the summary and waits for the outcome event; checks the messages of the outcome. */
  async confirm(safetyNetKey = 'routing:emergency.safetyNet'): Promise<TriageOutcomePayload> {
    await this.press('entry:summary.options.confirm', text(this.lng, 'entry:summary.options.confirm'));
    const outcome = await this.outcome();
    // The safety net speaks of the person (the child, the relative) as the questions do.
    await this.expectShown(safetyNetKey);
    return outcome;
  }
}

function escapeRegExp(value: string): string {
  return value.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** The last bot message says `wording` (the safety net comes last). */
function expectLastBotText(texts: string[], wording: string): void {
  expect(texts[texts.length - 1]?.trim()).toBe(wording);
}

describe('triage journeys in the web chat (phone viewport)', () => {
  test('1 fi: the mother with urinary symptoms for herself, one answer corrected at the summary', async () => {
    const j = await Journey.open('1-fi-urinary', 'fi');
    try {
      await j.entry('self');
      await j.choose('entry:topic', 'urinary');
      await j.yesNo('urinary:confusion', false);
      await j.choose('urinary:sex', 'female');
      await j.tick('urinary:symptoms', ['burning', 'frequency']);
      // A slip: fever answered "yes" — corrected at the summary below.
      await j.yesNo('urinary:fever', true);
      await j.yesNo('urinary:flankPain', false);
      await j.yesNo('urinary:pregnant', false);
      await j.yesNo('urinary:discharge', false);
      await j.choose('urinary:duration', 'days');
      await j.yesNo('urinary:recurrent', false);

      const first = await j.summary(1);
      // language, privacy, emergency, subject, topic + confusion, sex, symptoms, fever, flankPain, pregnant, discharge, duration, recurrent
      await j.expectSummaryLines(first, 14);
      await j.screenshot('summary');
      await j.expectAccessible('summary');
      const n = await j.itemNumber(first, 'urinary:fever');
      expect(await first.innerText()).toContain(
        i18n.getFixedT('fi')('common:summary.item', { n, question: j.say('urinary:fever.question'), answer: text('fi', 'common:yes') }),
      );

      // The summary's "Korjaa N" button for the fever answer.
      await j.press('common:summary.correct', i18n.getFixedT('fi')('common:summary.correct', { n }));
      await j.yesNo('urinary:fever', false);
      const second = await j.summary(2);
      await j.expectSummaryLines(second, 14);
      expect(await second.innerText()).toContain(
        i18n.getFixedT('fi')('common:summary.item', { n, question: j.say('urinary:fever.question'), answer: text('fi', 'common:no') }),
      );

      const outcome = await j.confirm();
      expect(outcome).toMatchObject({ outcome: 'completed', topic: 'urinary', subject: { kind: 'self' }, urgency: 'non_urgent', segment: null });
      const recs = outcome.recommendations.map((r) => `${r.kind}:${r.id}`);
      expect(recs[0]).toBe('selfcare:urinary_infection');
      expect(recs).toContain('queue:digital_clinic');
      expect(recs[recs.length - 1]).toBe('emergency:safety_net');
      expect(recs.indexOf('selfcare:urinary_infection')).toBeLessThan(recs.indexOf('queue:digital_clinic'));

      await j.expectShown('routing:urgency.non_urgent');
      await j.expectShown('routing:selfCare.urinary_infection.title');
      await j.expectShown('routing:queue.openNow');
      expectLastBotText(await j.botTexts(), text('fi', 'routing:emergency.safetyNet'));
      await j.screenshot('outcome');
      await j.expectAccessible('outcome');
      expect(j.problems.list).toEqual([]);
    } finally {
      await j.close();
    }
  });

  test("2 sv: a parent for a 3-year-old's skin changes, the photo skipped", async () => {
    const j = await Journey.open('2-sv-child-skin', 'sv');
    try {
      await j.entry({ child: '1to6' });
      await j.choose('entry:topic', 'skin');
      await j.yesNo('skin:airway', false);
      await j.choose('skin:childCondition', 'asUsual');
      await j.yesNo('skin:fever', false);
      await j.yesNo('skin:purpura', false);
      await j.choose('skin:spread', 'several');
      await j.choose('skin:duration', 'days');
      await j.screenshot('card');
      await j.tick('skin:symptoms', ['itch', 'blisters']);
      await j.choose('skin:cause', 'unknown');
      await j.choose('skin:selfCareTried', 'notTried');
      await j.expectShown('skin:photo.question');
      await j.press('common:skip', text('sv', 'common:skip'));

      const list = await j.summary();
      // language, privacy, emergency, subject, childAge, topic + 9 skin questions (the child's
      // general condition among them) and the photo
      await j.expectSummaryLines(list, 16);
      const photo = await j.itemNumber(list, 'skin:photo');
      expect(await list.innerText()).toContain(
        i18n.getFixedT('sv')('common:summary.item', { n: photo, question: j.say('skin:photo.question'), answer: text('sv', 'entry:summary.skipped') }),
      );
      // Third-person wording for the child.
      expect(j.say('skin:fever.question')).toBe(text('sv', 'skin:fever.question_child'));
      await j.screenshot('summary');
      await j.expectAccessible('summary');

      const outcome = await j.confirm();
      // Blisters need a professional look (skin rule `needsLook`): non-urgent, not self-care only.
      expect(outcome).toMatchObject({ outcome: 'completed', topic: 'skin', subject: { kind: 'child', ageBand: '1to6' }, urgency: 'non_urgent', segment: null });
      const recs = outcome.recommendations.map((r) => `${r.kind}:${r.id}`);
      expect(recs).toContain('queue:digital_clinic');
      expect(recs[recs.length - 1]).toBe('emergency:safety_net');
      await j.expectShown('routing:urgency.non_urgent');
      expectLastBotText(await j.botTexts(), j.say('routing:emergency.safetyNet'));
      await j.screenshot('outcome');
      await j.expectAccessible('outcome');
      expect(j.problems.list).toEqual([]);
    } finally {
      await j.close();
    }
  });

  test("7 fi: a rash with a photo attached through Web Chat's attach button", async () => {
    const j = await Journey.open('7-fi-skin-photo', 'fi');
    try {
      await j.entry('self');
      await j.choose('entry:topic', 'skin');
      await j.yesNo('skin:airway', false);
      await j.yesNo('skin:fever', false);
      await j.yesNo('skin:purpura', false);
      await j.choose('skin:spread', 'several');
      await j.choose('skin:duration', 'days');
      await j.tick('skin:symptoms', ['itch']);
      await j.choose('skin:cause', 'unknown');
      await j.choose('skin:selfCareTried', 'notTried');
      await j.expectShown('skin:photo.question');
      await j.expectShown('common:photo.howTo');

      // The attach button's file input, as a phone's camera or gallery would fill it.
      const photo = await sharp({ create: { width: 640, height: 480, channels: 3, background: '#c0504d' } })
        .withExif({ IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '60/1 10/1 12/1', GPSLongitudeRef: 'E', GPSLongitude: '24/1 56/1 30/1' } })
        .jpeg()
        .toBuffer();
      await j.page.locator('#webchat input[type="file"]').setInputFiles({ name: 'ihottuma.jpg', mimeType: 'image/jpeg', buffer: photo });

      await j.expectShown('common:photo.received', i18n.getFixedT('fi')('common:photo.received', { count: 1, max: 3 }));
      // The client's own bubble shows the cleaned copy, loaded through the conversation's signed link.
      const sent = j.transcript.locator('.webchat__bubble--from-user img').last();
      await sent.waitFor({ state: 'visible', timeout: WAIT_MS });
      await sent.evaluate((img) => (img as HTMLImageElement).decode());
      expect(await sent.evaluate((img) => (img as HTMLImageElement).naturalWidth)).toBeGreaterThan(0);
      expect(await sent.getAttribute('src')).toMatch(/\/v3\/directline\/conversations\/[^/]+\/photos\/[^/]+\/(image|thumbnail)\?t=/);
      await j.screenshot('photo');

      await j.press('common:photo.done');
      const list = await j.summary();
      expect(await list.innerText()).toContain(i18n.getFixedT('fi')('common:summary.photos', { count: 1 }));
      // The summary's thumbnails come as the bot's image attachments after the list.
      const thumbnail = j.transcript.locator('.webchat__bubble:not(.webchat__bubble--from-user) img[src*="/thumbnail?t="]').last();
      await thumbnail.waitFor({ state: 'visible', timeout: WAIT_MS });
      await thumbnail.evaluate((img) => (img as HTMLImageElement).decode());
      expect(await thumbnail.evaluate((img) => (img as HTMLImageElement).naturalWidth)).toBeGreaterThan(0);
      await j.screenshot('summary');
      await j.expectAccessible('summary');

      const outcome = await j.confirm();
      expect(outcome).toMatchObject({ outcome: 'completed', topic: 'skin', subject: { kind: 'self' } });
      expect(j.problems.list).toEqual([]);
    } finally {
      await j.close();
    }
  });

  test('3 fi: the daughter for her father (knows and agrees) with a rash, in the third person', async () => {
    const j = await Journey.open('3-fi-father-skin', 'fi');
    try {
      await j.entry({ adult: 'parent', consent: 'agrees' });
      await j.expectShown('entry:topic.question');
      await j.choose('entry:topic', 'skin');

      // The dialog tries `X_adult`, `X_proxy`, `X`: the fever question must be the third-person variant.
      const chain = keyChain('skin:fever.question', 'adult');
      expect(chain).toEqual(['skin:fever.question_adult', 'skin:fever.question_proxy', 'skin:fever.question']);
      const thirdPerson = text('fi', chain);
      expect(i18n.exists('skin:fever.question_adult', { lng: 'fi' }) || i18n.exists('skin:fever.question_proxy', { lng: 'fi' })).toBe(true);
      expect(thirdPerson).not.toBe(text('fi', 'skin:fever.question'));

      await j.yesNo('skin:airway', false);
      await j.expectShown('skin:fever.question');
      const feverBubble = j.transcript.getByText(thirdPerson, { exact: true }).last();
      expect((await feverBubble.innerText()).trim()).toBe(thirdPerson);
      expect(await j.transcript.getByText(text('fi', 'skin:fever.question'), { exact: true }).count()).toBe(0);
      await j.yesNo('skin:fever', false);
      await j.yesNo('skin:purpura', false);
      await j.choose('skin:spread', 'several');
      await j.choose('skin:duration', 'months');
      await j.tick('skin:symptoms', ['itch']);
      await j.choose('skin:cause', 'unknown');
      await j.choose('skin:selfCareTried', 'triedNoHelp');
      await j.expectShown('skin:photo.question');
      await j.press('common:skip', text('fi', 'common:skip'));

      const list = await j.summary();
      // language, privacy, emergency, subject, relationship, consent, topic + 8 skin questions and the photo
      await j.expectSummaryLines(list, 16);
      expect(await list.innerText()).toContain(thirdPerson);
      await j.screenshot('summary');
      await j.expectAccessible('summary');

      const outcome = await j.confirm();
      expect(outcome).toMatchObject({
        outcome: 'completed',
        topic: 'skin',
        subject: { kind: 'adult', relationship: 'parent', consent: 'agrees' },
        urgency: 'non_urgent',
        segment: null,
      });
      expect(outcome.recommendations).toEqual([
        { kind: 'selfcare', id: 'skin_rash' },
        // He knows and agrees, so he can give his daughter a mandate.
        { kind: 'resource', id: 'suomi_fi_mandates' },
        { kind: 'queue', id: 'digital_clinic' },
        { kind: 'queue', id: 'general_customer_service' },
        { kind: 'emergency', id: 'safety_net' },
      ]);
      await j.expectShown('routing:urgency.non_urgent');
      expectLastBotText(await j.botTexts(), j.say('routing:emergency.safetyNet'));
      await j.screenshot('outcome');
      await j.expectAccessible('outcome');
      expect(j.problems.list).toEqual([]);
    } finally {
      await j.close();
    }
  });

  test('4 sv: the unemployed man whose rent is too high, segmentation and social guidance', async () => {
    const j = await Journey.open('4-sv-money', 'sv');
    try {
      await j.entry('self');
      await j.choose('entry:topic', 'money');
      await j.tick('money:situation', ['jobLoss', 'rent']);
      await j.yesNo('money:noMoneyNow', false);
      await j.yesNo('money:eviction', false);
      await j.yesNo('money:homeless', false);
      await j.yesNo('money:kelaApplied', false);
      await j.choose('money:work', 'unemployed');
      // Preliminary segmentation.
      await j.choose('segment:coping', 'temporarilyDifficult');
      await j.choose('segment:needs', 'few');
      await j.choose('segment:duration', 'temporary');

      const list = await j.summary();
      // language, privacy, emergency, subject, topic + 6 money questions + 3 segmentation questions
      await j.expectSummaryLines(list, 14);
      await j.screenshot('summary');
      await j.expectAccessible('summary');

      const outcome = await j.confirm('routing:emergency.safetyNetSocial');
      expect(outcome).toMatchObject({ outcome: 'completed', topic: 'money', subject: { kind: 'self' }, urgency: 'non_urgent', segment: 2 });
      const recs = outcome.recommendations.map((r) => `${r.kind}:${r.id}`);
      expect(recs).toEqual(expect.arrayContaining(['selfcare:money_matters', 'resource:debt_advice', 'resource:kela', 'queue:social_guidance']));
      expect(recs.indexOf('resource:debt_advice')).toBeLessThan(recs.indexOf('queue:social_guidance'));
      expect(recs[recs.length - 1]).toBe('emergency:safety_net');
      await j.expectShown('routing:urgency.non_urgent');
      await j.expectShown('routing:segment.2');
      // After a money matter the safety net is the social and crisis emergency service.
      expectLastBotText(await j.botTexts(), text('sv', 'routing:emergency.safetyNetSocial'));
      await j.screenshot('outcome');
      await j.expectAccessible('outcome');
      expect(j.problems.list).toEqual([]);
    } finally {
      await j.close();
    }
  });

  test('6 fi: fever for days typed as a number (a wrong number first) makes a cough urgent', async () => {
    const j = await Journey.open('6-fi-respiratory', 'fi');
    try {
      await j.entry('self');
      await j.choose('entry:topic', 'respiratory');
      await j.yesNo('respiratory:breathing', false);
      await j.tick('respiratory:symptoms', ['cough', 'fever']);
      await j.expectShown('respiratory:feverDays.question');
      await j.type('40');
      await j.expectShown('common:errors.numberExpected', i18n.getFixedT('fi')('common:errors.numberExpected', { min: 0, max: 30 }));
      await j.type('5');
      await j.choose('respiratory:condition', 'good');
      await j.choose('respiratory:duration', 'underWeek');
      await j.yesNo('respiratory:chronic', false);

      const list = await j.summary();
      // language, privacy, emergency, subject, topic + breathing, symptoms, feverDays, condition, duration, chronic
      await j.expectSummaryLines(list, 11);
      expect(await list.innerText()).toContain(
        i18n.getFixedT('fi')('common:summary.item', {
          n: await j.itemNumber(list, 'respiratory:feverDays'),
          question: j.say('respiratory:feverDays.question'),
          answer: '5',
        }),
      );

      const outcome = await j.confirm();
      // Fever for 4 days or more (rule `longFever`): same day.
      expect(outcome).toMatchObject({ outcome: 'completed', topic: 'respiratory', subject: { kind: 'self' }, urgency: 'urgent' });
      const recs = outcome.recommendations.map((r) => `${r.kind}:${r.id}`);
      expect(recs.some((r) => r.startsWith('queue:'))).toBe(true);
      expect(recs[recs.length - 1]).toBe('emergency:safety_net');
      await j.expectShown('routing:urgency.urgent');
      expectLastBotText(await j.botTexts(), text('fi', 'routing:emergency.safetyNet'));
      expect(j.problems.list).toEqual([]);
    } finally {
      await j.close();
    }
  });

  test('5 fi: an emergency typed in free text at the topic question gets 112 at once', async () => {
    const j = await Journey.open('5-fi-emergency', 'fi');
    try {
      await j.entry('self');
      await j.expectShown('entry:topic.question');
      await j.type('minulla on kova rintakipu');
      await j.expectShown('routing:outcome.emergency.chest_pain', text('fi', 'routing:outcome.emergency.chest_pain'));
      const outcome = await j.outcome();
      expect(outcome).toMatchObject({ outcome: 'emergency', topic: null, urgency: 'emergency', subject: { kind: 'self' } });
      expect(outcome.recommendations[0]).toEqual({ kind: 'emergency', id: 'call_112' });
      expect(outcome.recommendations.every((r) => r.kind === 'emergency')).toBe(true);
      // Nothing else is asked: no buttons under the emergency answer.
      expect(await j.transcript.locator('.webchat__suggested-actions button').count()).toBe(0);
      await j.screenshot('outcome');
      await j.expectAccessible('outcome');
      expect(j.problems.list).toEqual([]);
    } finally {
      await j.close();
    }
  });
});
