// A citizen on the Direct Line REST API for the fault tests: it answers whatever the bot asks
// the way bench/luotsiUser.ts does (the "none" or first suggested action, else "1"), keeps the
// ids of the messages the service acknowledged with 200, and can follow the service to a new
// URL after a restart. Every request has a client-side timeout, so a hanging service fails the
// test instead of stalling it.

import { createI18n } from '../../i18n/i18n';

const DL = '/v3/directline';

export interface Action {
  type?: string;
  title?: string;
  text?: string;
  value?: unknown;
}

/** An activity as GET /activities returns it (the parts these tests read). */
export interface WireActivity {
  id: string;
  type: string;
  name?: string;
  text?: string;
  value?: unknown;
  from: { id?: string; name?: string; role?: string };
  suggestedActions?: { actions: Action[] };
  attachments?: unknown[];
}

/** What the client sends next: a pressed button (text + value) or typed text. */
export interface Answer {
  text: string;
  value?: unknown;
}

/** How a request ended: an HTTP status, or no answer at all (connection refused or cut, client timeout). */
export type Outcome = { kind: 'status'; status: number; retryAfter: string | null; body: unknown } | { kind: 'no-answer'; error: string };

const FALLBACK: Answer = { text: '1' };

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function isBotMessage(activity: WireActivity): boolean {
  return activity.type === 'message' && activity.from.role !== 'user';
}

/** The answer bench/luotsiUser.ts gives to a bot message. */
export function answerTo(message: WireActivity | undefined): Answer {
  const actions = message?.suggestedActions?.actions ?? [];
  // "None of these" keeps a screening question on the triage path (the first option may be 112).
  const none = actions.find((a) => isRecord(a.value) && typeof a.value.choice === 'string' && a.value.choice.endsWith('.none'));
  const first = none ?? actions[0];
  if (!first) return FALLBACK;
  const text = typeof first.text === 'string' ? first.text : typeof first.title === 'string' ? first.title : FALLBACK.text;
  return first.value === undefined ? { text } : { text, value: first.value };
}

const fiErrors = createI18n().getResourceBundle('fi', 'common').errors as Record<string, string>;
// The fixed part of each error answer (up to its first placeholder): a reply that starts with one
// means the bot did not take the answer to what it had asked.
const ERROR_PREFIXES = ['notUnderstood', 'summaryNotUnderstood', 'generic', 'unsupportedInput'].map((key) => fiErrors[key]!.split('{{')[0]!);

/** True when a bot message is one of the "that was not an answer" / "something went wrong" replies. */
export function isErrorReply(activity: WireActivity): boolean {
  return isBotMessage(activity) && typeof activity.text === 'string' && ERROR_PREFIXES.some((p) => activity.text!.startsWith(p));
}

/** fetch with a client timeout; network failures and timeouts come back as `no-answer`. */
export async function request(url: string, init: RequestInit & { timeoutMs?: number } = {}): Promise<Outcome> {
  const { timeoutMs = 20_000, ...rest } = init;
  try {
    const res = await fetch(url, { ...rest, signal: AbortSignal.timeout(timeoutMs) });
    const raw = await res.text();
    let body: unknown = raw;
    try {
      body = raw ? (JSON.parse(raw) as unknown) : undefined;
    } catch {
      // Not JSON: keep the text for the failure message.
    }
    return { kind: 'status', status: res.status, retryAfter: res.headers.get('retry-after'), body };
  } catch (error) {
    return { kind: 'no-answer', error: error instanceof Error ? `${error.name}: ${error.message}` : String(error) };
  }
}

export function describeOutcome(outcome: Outcome): string {
  return outcome.kind === 'status' ? `${outcome.status} ${JSON.stringify(outcome.body)}` : `no answer (${outcome.error})`;
}

export class Citizen {
  /** Messages the service answered 200: their ids and texts. */
  readonly acked: { id: string; text: string }[] = [];
  /** Bot messages read so far, oldest first. */
  readonly botMessages: WireActivity[] = [];
  private watermark = '0';

  private constructor(
    public baseUrl: string,
    readonly conversationId: string,
    readonly token: string,
    private readonly timeoutMs: number,
  ) {}

  /** Token, conversation (welcome and first question), first read: what a page load does. */
  static async open(baseUrl: string, timeoutMs = 20_000): Promise<Citizen> {
    const generated = await request(`${baseUrl}${DL}/tokens/generate`, { method: 'POST', timeoutMs });
    if (generated.kind !== 'status' || generated.status !== 200) throw new Error(`token: ${describeOutcome(generated)}`);
    const { token } = generated.body as { token: string };
    const started = await request(`${baseUrl}${DL}/conversations`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ locale: 'fi-FI' }),
      timeoutMs,
    });
    if (started.kind !== 'status' || (started.status !== 200 && started.status !== 201)) throw new Error(`start: ${describeOutcome(started)}`);
    const body = started.body as { conversationId: string; token: string };
    const citizen = new Citizen(baseUrl, body.conversationId, body.token, timeoutMs);
    await citizen.readNew();
    return citizen;
  }

  private path(): string {
    return `${this.baseUrl}${DL}/conversations/${encodeURIComponent(this.conversationId)}`;
  }

  /** The last bot message read. */
  lastBot(): WireActivity | undefined {
    return this.botMessages[this.botMessages.length - 1];
  }

  /** Sends a message; a 200 is remembered in `acked`. */
  async post(answer: Answer): Promise<Outcome> {
    const outcome = await request(`${this.path()}/activities`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${this.token}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ type: 'message', from: { id: 'fault-test' }, locale: 'fi-FI', ...answer }),
      timeoutMs: this.timeoutMs,
    });
    if (outcome.kind === 'status' && outcome.status === 200) this.acked.push({ id: (outcome.body as { id: string }).id, text: answer.text });
    return outcome;
  }

  /** Reads the activities after the known watermark; returns the new ones (throws unless 200). */
  async readNew(): Promise<WireActivity[]> {
    const fresh: WireActivity[] = [];
    for (;;) {
      const outcome = await request(`${this.path()}/activities?watermark=${this.watermark}`, {
        headers: { Authorization: `Bearer ${this.token}` },
        timeoutMs: this.timeoutMs,
      });
      if (outcome.kind !== 'status' || outcome.status !== 200) throw new Error(`read ${this.conversationId}: ${describeOutcome(outcome)}`);
      const page = outcome.body as { activities: WireActivity[]; watermark: string };
      if (page.activities.length === 0) return fresh;
      this.watermark = page.watermark;
      fresh.push(...page.activities);
      this.botMessages.push(...page.activities.filter(isBotMessage));
    }
  }

  /** The whole activity log from the start (throws unless 200). */
  async fullLog(): Promise<WireActivity[]> {
    const all: WireActivity[] = [];
    let watermark = '0';
    for (;;) {
      const outcome = await request(`${this.path()}/activities?watermark=${watermark}`, {
        headers: { Authorization: `Bearer ${this.token}` },
        timeoutMs: this.timeoutMs,
      });
      if (outcome.kind !== 'status' || outcome.status !== 200) throw new Error(`log of ${this.conversationId}: ${describeOutcome(outcome)}`);
      const page = outcome.body as { activities: WireActivity[]; watermark: string };
      if (page.activities.length === 0) return all;
      all.push(...page.activities);
      watermark = page.watermark;
    }
  }
}
