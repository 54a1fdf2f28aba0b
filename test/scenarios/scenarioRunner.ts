// Runs the scenario table (triageScenarios.txt) through the real dialog: the real LuotsiBot,
// FlowDialog, locale files and catalog, driven through botbuilder's TestAdapter the way a
// person answers — pressing the offered buttons by their option ids, ticking the card's
// choices, typing numbers and text. The clock is a fixed injected instant per row.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Activity } from 'botbuilder';
import { DialogHarness } from '../support/dialogHarness';

/** Named clock times of the table (Helsinki winter time is UTC+2). */
export const CLOCKS: Readonly<Record<string, string>> = {
  'wd-day': '2026-12-02T08:00:00Z', // Wed 10:00
  'wd-evening': '2026-12-02T17:00:00Z', // Wed 19:00
  'wd-night': '2026-12-02T01:00:00Z', // Wed 03:00
  sat: '2026-12-05T09:00:00Z', // Sat 11:00
  sun: '2026-12-13T12:00:00Z', // Sun 14:00
  holiday: '2026-12-25T10:00:00Z', // Christmas Day, Fri 12:00
  'holiday-2027': '2027-01-06T08:00:00Z', // Epiphany, Wed 10:00
};

/** One row of the table. */
export interface Scenario {
  line: number;
  id: string;
  locale: 'fi' | 'sv' | 'en';
  subject: string;
  topic: string;
  clock: string;
  answers: string[];
  urgency: string;
  first: string;
  mustNot: string[];
}

/** What the dialog did with a row. */
export interface ScenarioRun {
  scenario: Scenario;
  urgency: string;
  first: string;
  recommendations: string[];
  /** Client messages sent before the outcome (typed or pressed). */
  clientMessages: number;
  outcomeTexts: string[];
  error?: string;
}

const TABLE = join(__dirname, 'triageScenarios.txt');

function splitAnswers(cell: string): string[] {
  if (cell.trim() === '-' || cell.trim() === '') return [];
  // Commas inside "typed text" belong to the text.
  return (cell.match(/"[^"]*"|[^,]+/g) ?? []).map((a) => a.trim()).filter((a) => a !== '');
}

/** The rows of the table file (lines starting with # are comments). */
export function loadScenarios(file: string = TABLE): Scenario[] {
  return readFileSync(file, 'utf8')
    .split('\n')
    .map((text, index) => ({ text, line: index + 1 }))
    .filter(({ text }) => text.trim() !== '' && !text.trim().startsWith('#'))
    .map(({ text, line }) => {
      const cells = text.split('|').map((c) => c.trim());
      if (cells.length !== 9) throw new Error(`triageScenarios.txt line ${line}: 9 columns expected, got ${cells.length}`);
      const [id, locale, subject, topic, clock, answers, urgency, first, mustNot] = cells as [
        string,
        string,
        string,
        string,
        string,
        string,
        string,
        string,
        string,
      ];
      if (locale !== 'fi' && locale !== 'sv' && locale !== 'en') throw new Error(`line ${line}: unknown locale ${locale}`);
      if (!CLOCKS[clock]) throw new Error(`line ${line}: unknown clock ${clock}`);
      return { line, id, locale, subject, topic, clock, answers: splitAnswers(answers), urgency, first, mustNot: mustNot === '-' ? [] : mustNot.split(/\s+/) };
    });
}

type Replies = Partial<Activity>[];

interface Choice {
  id: string;
  kind: 'button' | 'card';
  /** The button's own value, where it is not a plain choice id. */
  value?: unknown;
}

function choicesOf(replies: Replies): Choice[] {
  const last = [...replies].reverse().find((r) => r.type === 'message' && (r.suggestedActions?.actions.length || r.attachments?.length));
  if (!last) return [];
  const buttons = (last.suggestedActions?.actions ?? []).flatMap((a): Choice[] => {
    const value = a.value as { choice?: unknown; skip?: unknown; describe?: unknown; switchTopic?: unknown } | undefined;
    if (typeof value?.choice === 'string') return [{ id: value.choice, kind: 'button' }];
    // The topic finder's offer under "something else": keep the description, or switch to the set.
    if (typeof value?.describe === 'string') return [{ id: 'keep', kind: 'button', value: a.value }];
    if (typeof value?.switchTopic === 'string') return [{ id: `switch.${value.switchTopic}`, kind: 'button', value: a.value }];
    if (value?.skip === true) return [{ id: 'skip', kind: 'button' }];
    return [];
  });
  const card = (last.attachments ?? []).flatMap((att) => {
    const body = (att.content as { body?: Array<{ choices?: Array<{ value: string }> }> } | undefined)?.body ?? [];
    return body.flatMap((b) => (b.choices ?? []).map((c): Choice => ({ id: c.value, kind: 'card' })));
  });
  return [...buttons, ...card];
}

/** The activity a person sends for one answer token at the current prompt. */
function activityFor(token: string, replies: Replies): Partial<Activity> {
  const choices = choicesOf(replies);
  if (token.startsWith('"')) return { type: 'message', text: token.replace(/^"|"$/g, '') };
  if (token === 'skip' && choices.some((c) => c.id === 'skip')) return { type: 'message', value: { skip: true } };
  if (token.includes('+') || choices.some((c) => c.kind === 'card')) {
    const wanted = token.split('+');
    const ids = wanted.map((w) => choices.find((c) => c.kind === 'card' && c.id.endsWith(`.${w}`))?.id);
    if (ids.some((id) => id === undefined)) throw new Error(`no card choice for '${token}' among ${choices.map((c) => c.id).join(', ')}`);
    return { type: 'message', value: { multiChoice: true, choices: ids.join(',') } };
  }
  const button = choices.find((c) => c.kind === 'button' && (c.id === token || c.id.endsWith(`.${token}`)));
  if (button) return { type: 'message', value: button.value ?? { choice: button.id } };
  if (/^\d+$/.test(token) && choices.length === 0) return { type: 'message', text: token };
  throw new Error(`no button '${token}' among ${choices.map((c) => c.id).join(', ') || '(none: a text question?)'}`);
}

function entryTokens(s: Scenario): string[] {
  const head = [`language.${s.locale}`, 'privacy.accept'];
  if (s.topic === 'poisoning') return [...head, 'emergency.poisoning'];
  // Typed: the first answer is typed at the emergency screen, as a worried parent would.
  if (s.topic === 'typed') return head;
  const [kind, a, b] = s.subject.split(':');
  const subject =
    kind === 'child' ? [`subject.child`, `childAge.${a}`] : kind === 'adult' ? ['subject.adult', `relationship.${a}`, `adultConsent.${b}`] : ['subject.self'];
  return [...head, 'emergency.none', ...subject, `topic.${s.topic}`];
}

function payloadOf(replies: Replies): { urgency: string | null; recommendations: Array<{ kind: string; id: string }> } | undefined {
  return DialogHarness.outcome(replies) as { urgency: string | null; recommendations: Array<{ kind: string; id: string }> } | undefined;
}

/** Runs one row through a fresh dialog. */
export async function runScenario(s: Scenario): Promise<ScenarioRun> {
  const h = new DialogHarness({ locale: `${s.locale}-FI` });
  h.now = new Date(CLOCKS[s.clock]!);
  let replies = await h.join(`${s.locale}-FI`);
  let clientMessages = 0;
  const run: ScenarioRun = { scenario: s, urgency: '', first: '', recommendations: [], clientMessages: 0, outcomeTexts: [] };
  try {
    const tokens = [...entryTokens(s), ...s.answers];
    for (const token of tokens) {
      if (payloadOf(replies)) throw new Error(`the flow ended before answer '${token}'`);
      // "keep": if the topic finder offers a question set for the description, the client declines
      // and carries on; the model is trained afresh and may not be sure, so no offer is fine too.
      if (token === 'keep' && !choicesOf(replies).some((c) => c.id === 'keep')) continue;
      replies = await h.send(activityFor(token, replies));
      clientMessages += 1;
    }
    if (!payloadOf(replies) && choicesOf(replies).some((c) => c.id === 'summary.confirm')) {
      replies = await h.send({ type: 'message', value: { choice: 'summary.confirm' } });
      clientMessages += 1;
    }
    const payload = payloadOf(replies);
    if (!payload) throw new Error('no outcome after the last answer');
    run.urgency = payload.urgency ?? '-';
    run.recommendations = payload.recommendations.map((r) => `${r.kind}:${r.id}`);
    run.first = run.recommendations[0] ?? '-';
    run.outcomeTexts = replies.filter((r) => r.type === 'message').map((r) => r.text ?? '');
  } catch (e) {
    run.error = (e as Error).message;
  }
  run.clientMessages = clientMessages;
  return run;
}

/** How a run compares with its row. */
export function verdict(run: ScenarioRun): { urgency: boolean; first: boolean; forbidden: string[] } {
  const s = run.scenario;
  const forbidden = s.mustNot.filter((id) => run.recommendations.some((r) => r === id || r.endsWith(`:${id}`)));
  return { urgency: run.error === undefined && run.urgency === s.urgency, first: run.error === undefined && run.first === s.first, forbidden };
}
