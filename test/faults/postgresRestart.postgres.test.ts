// A PostgreSQL outage under load: the database server is stopped at once (connections cut, as
// in a crash or a failover) while a few dozen clients are answering questions, and started
// again. During the outage requests are answered 503 + Retry-After (never 500, never left
// hanging) and /readyz says 503; afterwards the same process serves again by itself, every
// conversation is consistent, and a message that got 503 goes through when sent again.
// The cluster is private to this file: stopping the run's shared server would break other files.

import { startPostgresCluster, type PostgresCluster } from '../../scripts/postgresCluster';
import { createLogger } from '../../logger';
import { freshSchema } from '../support/testDatabase';
import { startTestServer, tempDataDir, type TestServer } from '../support/testServer';
import { answerTo, Citizen, describeOutcome, isBotMessage, isErrorReply, request, type Answer, type Outcome } from './faultClient';

jest.setTimeout(60_000);

const CLIENTS = 30;
/** Client-side bound on one request: a request past it counts as a hang. */
const REQUEST_TIMEOUT_MS = 12_000;

function is(outcome: Outcome, status: number): boolean {
  return outcome.kind === 'status' && outcome.status === status;
}

describe('PostgreSQL stops and starts again under load', () => {
  let cluster: PostgresCluster | undefined;
  let server: TestServer | undefined;
  const crashes: unknown[] = [];
  const onCrash = (error: unknown) => crashes.push(error);
  // The service's error log, shown when the test fails.
  const serviceErrors: string[] = [];

  beforeAll(async () => {
    process.on('uncaughtException', onCrash);
    process.on('unhandledRejection', onCrash);
    // A server killed at once keeps what it acknowledged only with synchronous commits (the
    // default of a real server); the shared test cluster turns them off for speed.
    cluster = await startPostgresCluster({ crashSafeCommits: true });
  });

  afterAll(async () => {
    await server?.stop().catch(() => undefined);
    try {
      cluster?.stop();
    } catch {
      // Already stopped (a failed start after the outage); stop() removes the directory anyway.
    }
    process.off('uncaughtException', onCrash);
    process.off('unhandledRejection', onCrash);
  });

  it('answers 503 + Retry-After during the outage and recovers without a restart, losing nothing', async () => {
    server = await startTestServer(
      {
        DATABASE_URL: cluster!.url,
        DATABASE_SCHEMA: freshSchema(),
        DATABASE_CONNECT_TIMEOUT_MS: '2000',
        MESSAGE_RATE_LIMIT_PER_MINUTE: '100000',
        POLL_RATE_LIMIT_PER_MINUTE: '100000',
        TOKEN_RATE_LIMIT_PER_MINUTE: '100000',
      },
      tempDataDir(),
      { logger: createLogger('error', { write: (line: string) => void serviceErrors.push(line) }) },
    );
    const { url } = server;
    const citizens = await Promise.all(Array.from({ length: CLIENTS }, () => Citizen.open(url, REQUEST_TIMEOUT_MS)));

    // -- Load: every client answers in a loop until the outage; each keeps what it sent last.
    let stopping = false;
    let acks = 0;
    const pending = new Map<Citizen, { answer: Answer; outcome: Outcome }>();
    const unexpected: string[] = [];
    const loops = citizens.map(async (citizen) => {
      while (!stopping) {
        const answer = answerTo(citizen.lastBot());
        const outcome = await citizen.post(answer);
        if (!is(outcome, 200)) {
          // The outage reached this client: 503 + Retry-After is the only acceptable answer.
          if (!(is(outcome, 503) && outcome.kind === 'status' && outcome.retryAfter)) unexpected.push(`post: ${describeOutcome(outcome)}`);
          pending.set(citizen, { answer, outcome });
          return;
        }
        acks += 1;
        try {
          await citizen.readNew();
        } catch (error) {
          // A read during the outage: the answer was logged (it got 200); the client reads again later.
          if (!/^read .*: 503 /.test((error as Error).message)) unexpected.push(String(error));
          return;
        }
      }
    });
    const deadline = Date.now() + 20_000;
    while (acks < 100 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
    expect(acks).toBeGreaterThanOrEqual(100);

    cluster!.stopImmediately();
    stopping = true;
    await Promise.all(loops);
    if (unexpected.length > 0)
      console.log(
        serviceErrors
          .filter((l) => l.includes('"status":500') || !l.includes('"status"'))
          .join('')
          .slice(0, 8000),
      );
    expect(unexpected).toEqual([]);

    // -- During the outage: 503 + Retry-After for a message and for /readyz, promptly.
    const probe = citizens[0]!;
    const duringOutage = await probe.post(answerTo(probe.lastBot()));
    expect(describeOutcome(duringOutage)).toMatch(/^503 /);
    expect(duringOutage.kind === 'status' && duringOutage.retryAfter).toBeTruthy();
    if (!pending.has(probe)) pending.set(probe, { answer: answerTo(probe.lastBot()), outcome: duringOutage });
    const ready = await request(`${url}/readyz`, { timeoutMs: REQUEST_TIMEOUT_MS });
    expect(describeOutcome(ready)).toMatch(/^503 /);
    expect(ready.kind === 'status' && ready.retryAfter).toBeTruthy();
    expect(describeOutcome(await request(`${url}/healthz`, { timeoutMs: REQUEST_TIMEOUT_MS }))).toMatch(/^200 /);

    // -- Back: the same process serves again once PostgreSQL answers.
    cluster!.start();
    const backBy = Date.now() + 30_000;
    let readyAgain: Outcome = ready;
    while (!is(readyAgain, 200) && Date.now() < backBy) {
      await new Promise((resolve) => setTimeout(resolve, 250));
      readyAgain = await request(`${url}/readyz`, { timeoutMs: REQUEST_TIMEOUT_MS });
    }
    expect(describeOutcome(readyAgain)).toMatch(/^200 /);

    for (const citizen of citizens) {
      // Catch up on what the bot said before the outage.
      await citizen.readNew();
      const log = await citizen.fullLog();
      // Every acknowledged message is in the log.
      const userIds = new Set(log.filter((a) => a.type === 'message' && a.from.role === 'user').map((a) => a.id));
      for (const acked of citizen.acked)
        expect({ conversation: citizen.conversationId, logged: userIds.has(acked.id) }).toEqual({ conversation: citizen.conversationId, logged: true });
      // Nothing half-written: the log's last bot question is the one the bot is at, so its answer
      // (or, for a client that got 503, the same message sent again) is taken without complaint.
      const lastPrompt = [...log].reverse().find(isBotMessage);
      const retry = pending.get(citizen);
      const answer = retry?.answer ?? answerTo(lastPrompt);
      if (retry) expect(answer).toEqual(answerTo(lastPrompt));
      const outcome = await citizen.post(answer);
      expect({ conversation: citizen.conversationId, outcome: describeOutcome(outcome).slice(0, 4) }).toEqual({
        conversation: citizen.conversationId,
        outcome: '200 ',
      });
      const replies = (await citizen.fullLog()).slice(log.length).filter(isBotMessage);
      expect(replies.length).toBeGreaterThan(0);
      expect({ conversation: citizen.conversationId, errors: replies.filter(isErrorReply).map((a) => a.text) }).toEqual({
        conversation: citizen.conversationId,
        errors: [],
      });
    }
    expect(crashes).toEqual([]);
  });
});
