// Crash recovery: the service is SIGKILLed (no shutdown code runs) while 100 conversations are
// busy — some answering questions, some waiting in the queue, some chatting with a nurse — and
// restarted on the same data. Nothing the service acknowledged may be lost: every conversation
// continues at the question it was on, every message that got a 200 is in the log, every case
// is still there exactly once with the same id, the queue keeps its order and the nurse keeps
// her chats. Runs on the run's backend (SQLite in the data dir, or a PostgreSQL schema).

import { DEFAULT_CATALOG } from '../../routing';
import { createStaffAccount } from '../../staff/accounts';
import type { LuotsiDatabase } from '../../storage/database';
import { startChildServer, type ChildServer } from '../support/childServer';
import { dropSchema, sharedTestDatabase } from '../support/testDatabase';
import { tempDataDir } from '../support/testServer';
import { answerTo, Citizen, describeOutcome, isErrorReply, request, type Outcome } from './faultClient';

jest.setTimeout(60_000);

const QUEUE = 'general_customer_service';
const PASSWORD = 'pitkä-ja-hyvä-salasana-2026';
const START = Date.parse('2026-11-23T08:00:00Z'); // Monday 10.00 in Helsinki: customer service open
const QUESTIONERS = 60;
const QUEUED = 30;
const LIVE = 10;
/** Acknowledged requests after which the service is killed: enough that many are in flight. */
const KILL_AFTER_ACKS = 400;
/** …and after this many nurse messages got through (staff requests are slow under this load). */
const KILL_AFTER_NURSE_ACKS = 10;

interface Staff {
  cookie: string;
  csrf: string;
}

function staffHeaders(url: string, staff: Staff): Record<string, string> {
  return { cookie: staff.cookie, 'x-csrf-token': staff.csrf, 'content-type': 'application/json', origin: url };
}

async function staffLogin(url: string): Promise<Staff> {
  const res = await fetch(`${url}/staff/api/login`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ username: 'maija', password: PASSWORD }),
  });
  expect(res.status).toBe(200);
  const body = (await res.json()) as { csrfToken: string };
  return { cookie: (res.headers.get('set-cookie') ?? '').split(';')[0]!, csrf: body.csrfToken };
}

async function joinQueue(citizen: Citizen): Promise<void> {
  const human = await citizen.post({ text: 'ihminen' });
  if (human.kind !== 'status' || human.status !== 200) throw new Error(`ihminen: ${describeOutcome(human)}`);
  await citizen.readNew();
  const offer = [...citizen.botMessages]
    .reverse()
    .find((m) => (m.suggestedActions?.actions ?? []).some((a) => (a.value as { joinQueue?: string } | undefined)?.joinQueue === QUEUE));
  const join = offer?.suggestedActions?.actions.find((a) => (a.value as { joinQueue?: string } | undefined)?.joinQueue === QUEUE);
  if (!join) throw new Error(`no queue offer; last bot message: ${citizen.lastBot()?.text}`);
  const joined = await citizen.post({ text: join.title ?? '', value: join.value });
  if (joined.kind !== 'status' || joined.status !== 200) throw new Error(`join: ${describeOutcome(joined)}`);
  await citizen.readNew();
}

/** Runs `work` over `items` with at most `width` at a time. */
async function inBatches<T>(items: readonly T[], width: number, work: (item: T, index: number) => Promise<void>): Promise<void> {
  for (let i = 0; i < items.length; i += width) await Promise.all(items.slice(i, i + width).map((item, j) => work(item, i + j)));
}

describe('kill -9 in the middle of 100 conversations, then restart on the same data', () => {
  it('loses nothing that was acknowledged and every conversation continues where it was', async () => {
    const dataDir = tempDataDir();
    const shared = sharedTestDatabase(dataDir);
    const env: Record<string, string> = {
      ...shared.env,
      // Fixed, so the clients' tokens stay valid across the restart.
      DIRECTLINE_TOKEN_SECRET: 'kill-recovery-test-secret-0123456789abcdefghijklm',
      MESSAGE_RATE_LIMIT_PER_MINUTE: '100000',
      POLL_RATE_LIMIT_PER_MINUTE: '100000',
      TOKEN_RATE_LIMIT_PER_MINUTE: '100000',
      STAFF_LOGIN_RATE_LIMIT_PER_MINUTE: '1000',
    };
    const t0 = Date.now();
    // The restarted service's clock continues where the killed one's was (a little later).
    const clockNow = () => new Date(START + (Date.now() - t0) + 1000).toISOString();

    const database: LuotsiDatabase = await shared.open();
    let child: ChildServer | undefined;
    try {
      const nurse = await createStaffAccount(
        database.staff,
        { username: 'maija', displayName: 'Maija', role: 'nurse', queues: [QUEUE] },
        PASSWORD,
        DEFAULT_CATALOG.queues.map((q) => q.id),
        new Date(START),
        { logN: 10, r: 8, p: 1 },
      );
      const allQueues = { staffId: nurse.id, queues: DEFAULT_CATALOG.queues.map((q) => q.id) };

      child = await startChildServer({ ...env, LUOTSI_CHILD_CLOCK_START: new Date(START).toISOString() });
      let url = child.url;

      // -- 100 conversations: 60 answer questions, 30 wait in the queue, 10 chat with the nurse.
      const citizens: Citizen[] = [];
      await inBatches(Array.from({ length: QUESTIONERS + QUEUED + LIVE }), 25, async () => {
        citizens.push(await Citizen.open(url));
      });
      const questioners = citizens.slice(0, QUESTIONERS);
      const queued = citizens.slice(QUESTIONERS, QUESTIONERS + QUEUED);
      const live = citizens.slice(QUESTIONERS + QUEUED);
      // Questioners get a few questions in, each a different number, so they are spread over the flow.
      await inBatches(questioners, 20, async (citizen, i) => {
        for (let turn = 0; turn < 1 + (i % 6); turn += 1) {
          const outcome = await citizen.post(answerTo(citizen.lastBot()));
          if (outcome.kind !== 'status' || outcome.status !== 200) throw new Error(`answer: ${describeOutcome(outcome)}`);
          await citizen.readNew();
        }
      });
      await inBatches([...live, ...queued], 10, (citizen) => joinQueue(citizen));

      const caseOf = new Map<string, string>();
      for (const citizen of [...queued, ...live]) {
        const found = await database.handoff.findOpenByConversation(citizen.conversationId);
        expect(found).toBeDefined();
        caseOf.set(citizen.conversationId, found!.id);
      }
      let staff = await staffLogin(url);
      for (const citizen of live) {
        const res = await fetch(`${url}/staff/api/cases/${caseOf.get(citizen.conversationId)}/claim`, {
          method: 'POST',
          headers: staffHeaders(url, staff),
          body: '{}',
        });
        expect(res.status).toBe(200);
      }
      const queuedCaseIds = new Set(queued.map((c) => caseOf.get(c.conversationId)!));
      const queueOrder = async (): Promise<string[]> => {
        const cases = await database.handoff.listByQueues(allQueues, [QUEUE], { now: new Date(clockNow()), catalog: DEFAULT_CATALOG });
        return cases.map((c) => c.id).filter((id) => queuedCaseIds.has(id));
      };
      const orderBefore = await queueOrder();
      expect(orderBefore).toHaveLength(QUEUED);

      // -- Load: everyone keeps talking; the nurse writes to her chats; kill -9 once enough got through.
      const nurseAcked = new Map<string, string[]>(live.map((c) => [c.conversationId, []]));
      let acks = 0;
      let nurseAcks = 0;
      let killing = false;
      let killed: Promise<void> | undefined;
      const kill = () => {
        if (!killing) {
          killing = true;
          killed = child!.kill();
        }
      };
      const counted = (outcome: Outcome): boolean => {
        if (outcome.kind !== 'status') return false;
        // Before the kill every request must succeed; afterwards the connection is gone.
        // (201 is the staff API's "message created".)
        if (outcome.status !== 200 && outcome.status !== 201) throw new Error(`during load: ${describeOutcome(outcome)}`);
        acks += 1;
        if (acks >= KILL_AFTER_ACKS && nurseAcks >= KILL_AFTER_NURSE_ACKS) kill();
        return true;
      };
      const loops: Promise<void>[] = [];
      for (const citizen of questioners) {
        loops.push(
          (async () => {
            while (!killing) {
              if (!counted(await citizen.post(answerTo(citizen.lastBot())))) return;
              try {
                await citizen.readNew();
              } catch {
                return; // killed between the answer and the read
              }
            }
          })(),
        );
      }
      for (const citizen of [...queued, ...live]) {
        loops.push(
          (async () => {
            for (let n = 1; !killing; n += 1) {
              if (!counted(await citizen.post({ text: `viesti ${n} ${citizen.conversationId.slice(0, 6)}` }))) return;
            }
          })(),
        );
      }
      for (const citizen of live) {
        const caseId = caseOf.get(citizen.conversationId)!;
        loops.push(
          (async () => {
            for (let n = 1; !killing; n += 1) {
              const text = `hoitaja ${n}`;
              const outcome = await request(`${url}/staff/api/cases/${caseId}/messages`, {
                method: 'POST',
                headers: staffHeaders(url, staff),
                body: JSON.stringify({ text }),
              });
              if (outcome.kind === 'status') nurseAcks += 1;
              if (!counted(outcome)) return;
              nurseAcked.get(citizen.conversationId)!.push(text);
            }
          })(),
        );
      }
      // Bounded: should the kill never trigger, it happens anyway.
      const backstop = setTimeout(kill, 25_000);
      await Promise.all(loops);
      clearTimeout(backstop);
      kill();
      await killed;
      expect(acks).toBeGreaterThan(0);

      // -- Cases, straight from the database while no service runs: each exactly once, same ids.
      // Open = waiting (the queues' lists) or claimed.
      const open = [
        ...(await database.handoff.listByQueues(allQueues, allQueues.queues, { now: new Date(clockNow()), catalog: DEFAULT_CATALOG })),
        ...(await database.handoff.listAllClaimed()),
      ];
      for (const citizen of [...queued, ...live]) {
        const mine = open.filter((c) => c.conversationId === citizen.conversationId);
        expect(mine.map((c) => c.id)).toEqual([caseOf.get(citizen.conversationId)]);
      }
      for (const citizen of live)
        expect(open.find((c) => c.id === caseOf.get(citizen.conversationId))).toMatchObject({ status: 'claimed', claimedBy: nurse.id });
      expect(await queueOrder()).toEqual(orderBefore);

      // -- Restart on the same data.
      child = await startChildServer({ ...env, LUOTSI_CHILD_CLOCK_START: clockNow() });
      url = child.url;
      for (const citizen of citizens) citizen.baseUrl = url;

      // Every acknowledged client message, and every nurse message the staff API acknowledged, is in the log.
      const logs = new Map<string, Awaited<ReturnType<Citizen['fullLog']>>>();
      await inBatches(citizens, 25, async (citizen) => {
        logs.set(citizen.conversationId, await citizen.fullLog());
      });
      for (const citizen of citizens) {
        const log = logs.get(citizen.conversationId)!;
        const userMessages = new Map(log.filter((a) => a.type === 'message' && a.from.role === 'user').map((a) => [a.id, a.text]));
        for (const acked of citizen.acked)
          expect({ conversation: citizen.conversationId, id: acked.id, text: userMessages.get(acked.id) }).toEqual({
            conversation: citizen.conversationId,
            id: acked.id,
            text: acked.text,
          });
      }
      for (const citizen of live) {
        const fromNurse = logs
          .get(citizen.conversationId)!
          .filter((a) => a.type === 'message' && a.from.role !== 'user')
          .map((a) => a.text);
        for (const text of nurseAcked.get(citizen.conversationId)!) expect(fromNurse).toContain(text);
      }

      // Questioners continue at the question the log last showed them: the answer to it is taken.
      await inBatches(questioners, 20, async (citizen) => {
        const log = logs.get(citizen.conversationId)!;
        const lastPrompt = [...log].reverse().find((a) => a.type === 'message' && a.from.role !== 'user');
        const before = log.length;
        const outcome = await citizen.post(answerTo(lastPrompt));
        expect(describeOutcome(outcome)).toMatch(/^200 /);
        const after = (await citizen.fullLog()).slice(before);
        const replies = after.filter((a) => a.type === 'message' && a.from.role !== 'user');
        expect({ conversation: citizen.conversationId, asked: lastPrompt?.text, errors: replies.filter(isErrorReply).map((a) => a.text) }).toEqual({
          conversation: citizen.conversationId,
          asked: lastPrompt?.text,
          errors: [],
        });
        expect(replies.length).toBeGreaterThan(0);
      });

      // The queue is the same, in the same order; the nurse still holds her chats and they still work.
      staff = await staffLogin(url);
      const list = (await (await fetch(`${url}/staff/api/cases?queue=${QUEUE}`, { headers: staffHeaders(url, staff) })).json()) as { cases: { id: string }[] };
      expect(list.cases.map((c) => c.id).filter((id) => queuedCaseIds.has(id))).toEqual(orderBefore);
      const mine = (await (await fetch(`${url}/staff/api/my-cases`, { headers: staffHeaders(url, staff) })).json()) as { cases: { id: string }[] };
      expect(new Set(mine.cases.map((c) => c.id))).toEqual(new Set(live.map((c) => caseOf.get(c.conversationId))));
      for (const citizen of live) {
        const caseId = caseOf.get(citizen.conversationId)!;
        expect(describeOutcome(await citizen.post({ text: 'palasitko?' }))).toMatch(/^200 /);
        const view = (await (await fetch(`${url}/staff/api/cases/${caseId}`, { headers: staffHeaders(url, staff) })).json()) as {
          messages: { text: string }[];
        };
        expect(view.messages.map((m) => m.text)).toContain('palasitko?');
        const sent = await request(`${url}/staff/api/cases/${caseId}/messages`, {
          method: 'POST',
          headers: staffHeaders(url, staff),
          body: JSON.stringify({ text: 'täällä ollaan' }),
        });
        expect(sent).toMatchObject({ kind: 'status', status: 201, body: { relayed: true } });
      }
      for (const citizen of queued) {
        expect(describeOutcome(await citizen.post({ text: 'vieläkö jonossa?' }))).toMatch(/^200 /);
        expect((await database.handoff.findOpenByConversation(citizen.conversationId))?.id).toBe(caseOf.get(citizen.conversationId));
      }
    } finally {
      await child?.stop();
      await database.close();
      if (shared.env.DATABASE_URL && shared.env.DATABASE_SCHEMA) await dropSchema(shared.env.DATABASE_URL, shared.env.DATABASE_SCHEMA);
    }
  });
});
