import { okObject, stringField, type JsonClient } from './jsonClient';
import type { Scenario, VirtualUser } from './load';
import type { ServerSet } from './serverSet';

const DL = '/v3/directline';
/** Name of the event activity Luotsi sends with a finished triage (dialogs/outcomeRenderer.ts). */
const OUTCOME_EVENT = 'triage.outcome';

/** What the simulated client sends next: a pressed button (text + value) or typed text. */
interface Answer {
  text: string;
  value?: unknown;
}

/** Typed "1" picks the first option of any Luotsi choice prompt and restarts an ended flow. */
const FALLBACK: Answer = { text: '1' };

type Record_ = Record<string, unknown>;

function isRecord(value: unknown): value is Record_ {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isBotMessage(activity: Record_): boolean {
  return activity.type === 'message' && !(isRecord(activity.from) && activity.from.role === 'user');
}

/**
 * The answer to the bot's last prompt, whatever the flow is: press its "none" or first suggested action
 * as Web Chat does for a messageBack button (text and value), else type the fallback.
 */
function answerTo(message: Record_): Answer {
  const suggested = message.suggestedActions;
  const actions: unknown[] = isRecord(suggested) && Array.isArray(suggested.actions) ? suggested.actions : [];
  // "None of these" on a screening question keeps the conversation on the triage path
  // (the first option of the emergency screen would end it at 112 every time).
  const none = actions.find((a) => isRecord(a) && isRecord(a.value) && typeof a.value.choice === 'string' && a.value.choice.endsWith('.none'));
  const first = none ?? actions[0];
  if (!isRecord(first)) return FALLBACK;
  const text = typeof first.text === 'string' ? first.text : typeof first.title === 'string' ? first.title : FALLBACK.text;
  return first.value === undefined ? { text } : { text, value: first.value };
}

/**
 * A citizen on the website: one conversation over the Direct Line 3.0 REST API, polling
 * for replies. A turn is POST activity (returns once the bot's turn is done) plus the GET
 * that reads the reply after the known watermark; both are inside the timed turn. With
 * several servers, each turn goes to the next one (POST and GET of a turn to the same one):
 * no stickiness, as behind a plain round-robin load balancer.
 */
class LuotsiUser implements VirtualUser {
  private watermark = '0';
  private answer: Answer = FALLBACK;
  private outcome = false;
  private turns = 0;

  constructor(
    private readonly servers: ServerSet,
    private readonly firstServer: number,
    private readonly conversationId: string,
    private readonly token: string,
  ) {}

  /** True once the bot has sent the triage outcome. */
  get reachedOutcome(): boolean {
    return this.outcome;
  }

  async turn(): Promise<void> {
    this.turns += 1;
    const client = this.servers.pick(this.firstServer + this.turns);
    const body = { type: 'message', from: { id: 'bench-user' }, locale: 'fi-FI', ...this.answer };
    const posted = await client.request({ method: 'POST', path: `${this.path()}/activities`, body, bearer: this.token });
    stringField(okObject(posted, 'post activity'), 'id', 'post activity');
    if ((await this.readReplies(client)) === 0) throw new Error('the bot wrote no reply for the turn');
  }

  /** Reads everything after the watermark; remembers the answer to the last bot message. */
  async readReplies(client: JsonClient): Promise<number> {
    const res = await client.request({ method: 'GET', path: `${this.path()}/activities?watermark=${this.watermark}`, bearer: this.token });
    const page = okObject(res, 'get activities');
    this.watermark = stringField(page, 'watermark', 'get activities');
    const activities = Array.isArray(page.activities) ? page.activities.filter(isRecord) : [];
    if (activities.some((a) => a.type === 'event' && a.name === OUTCOME_EVENT)) this.outcome = true;
    const replies = activities.filter(isBotMessage);
    const last = replies[replies.length - 1];
    if (last) this.answer = answerTo(last);
    return replies.length;
  }

  private path(): string {
    return `${DL}/conversations/${encodeURIComponent(this.conversationId)}`;
  }
}

/** Token, conversation (welcome and first question), first read: what a page load does, on server `ordinal`. */
async function startConversation(servers: ServerSet, ordinal: number): Promise<LuotsiUser> {
  const client = servers.pick(ordinal);
  const generated = okObject(await client.request({ method: 'POST', path: `${DL}/tokens/generate`, body: {} }), 'generate token');
  const started = okObject(
    await client.request({ method: 'POST', path: `${DL}/conversations`, body: { locale: 'fi-FI' }, bearer: stringField(generated, 'token', 'generate token') }),
    'start conversation',
  );
  const user = new LuotsiUser(
    servers,
    ordinal,
    stringField(started, 'conversationId', 'start conversation'),
    stringField(started, 'token', 'start conversation'),
  );
  if ((await user.readReplies(client)) === 0) throw new Error('start conversation: no welcome from the bot');
  return user;
}

/** Conversations are started round-robin over the servers; see LuotsiUser for the turns. */
export const luotsiScenario: Scenario = { createUser: startConversation };

/** How one whole conversation went. */
export interface ConversationRun {
  turns: number;
  reachedOutcome: boolean;
}

/** A whole conversation: page load, then turns until the triage outcome or `maxTurns`. */
export async function runConversation(servers: ServerSet, ordinal: number, maxTurns: number): Promise<ConversationRun> {
  const user = await startConversation(servers, ordinal);
  let turns = 0;
  while (!user.reachedOutcome && turns < maxTurns) {
    await user.turn();
    turns += 1;
  }
  return { turns, reachedOutcome: user.reachedOutcome };
}
