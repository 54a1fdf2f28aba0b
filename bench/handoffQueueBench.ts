import { WEB_CHANNEL_ID } from '../channels/webChannelAdapter';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { QueueDesk } from '../dialogs/queueDesk';
import type { NewCase } from '../handoff/caseTypes';
import { createI18n } from '../i18n/i18n';
import { DEFAULT_CATALOG, GENERAL_QUEUE_ID } from '../routing';
import type { LuotsiDatabase } from '../storage/database';
import { openPostgresDatabase } from '../storage/postgres/pgDatabase';
import { openSqliteDatabase } from '../storage/sqlite/sqliteDatabase';
import { onCleanup } from './cleanup';
import { progress } from './loadRuns';
import type { Backend, BenchOptions } from './options';
import type { BenchPostgres } from './postgresServer';
import { summarize, type LatencySummary } from './stats';

/** The handoff queue's costs with many waiting cases, on one backend. */
export interface QueueResult {
  backend: Backend;
  cases: number;
  insertMs: number;
  /** One staff list of the queue (listByQueues), all cases in it. */
  staffListMs: number;
  /** One QueueDesk.queueSnapshot: the queue's entries, handling history and staff online. */
  snapshotMs: number;
  /** positionActivity for every case of the snapshot (place, estimate, rendered text). */
  positionsMs: number;
  claims: LatencySummary;
  claimErrors: number;
  firstClaimError: string | undefined;
}

const QUEUE = GENERAL_QUEUE_ID;
const STAFF = { staffId: 'bench-staff', queues: [QUEUE] };
/** Cases created at once on PostgreSQL; about the pool size, so inserting does not dominate the run. */
const INSERT_PARALLELISM = 16;

function waitingCase(n: number): NewCase {
  const conversationId = `bench-queue-${n}`;
  return {
    conversationId,
    conversationReference: {
      channelId: WEB_CHANNEL_ID,
      serviceUrl: 'urn:luotsi:web-channel',
      conversation: { id: conversationId, isGroup: false, conversationType: 'personal', name: '' },
      bot: { id: 'luotsi', name: 'Luotsi' },
      user: { id: `u${n}`, name: '' },
    },
    channel: WEB_CHANNEL_ID,
    queueId: QUEUE,
    urgency: 'non_urgent',
    locale: 'fi',
    answers: {},
    photoIds: [],
  };
}

/** The backend as the service opens it: SQLite in a temporary data directory, or a fresh schema. */
async function openBenchDatabase(
  backend: Backend,
  postgres: BenchPostgres | undefined,
  poolSize: number,
): Promise<{ database: LuotsiDatabase; dispose(): Promise<void> }> {
  if (backend === 'sqlite') {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'luotsi-bench-queue-'));
    const unregister = onCleanup(() => rmSync(dir, { recursive: true, force: true }));
    const database = openSqliteDatabase(dir);
    return {
      database,
      async dispose() {
        await database.close();
        rmSync(dir, { recursive: true, force: true });
        unregister();
      },
    };
  }
  if (!postgres) throw new Error('the PostgreSQL queue benchmark needs the bench PostgreSQL server');
  const database = openPostgresDatabase({ url: postgres.url, schema: postgres.freshSchema('queue'), poolSize, connectTimeoutMs: 5000 }, (error) =>
    progress(`  PostgreSQL background error: ${error instanceof Error ? error.message : String(error)}`),
  );
  await database.ready();
  return { database, dispose: () => database.close() };
}

const time = async <T>(work: () => Promise<T>): Promise<{ value: T; ms: number }> => {
  const t0 = performance.now();
  const value = await work();
  return { value, ms: performance.now() - t0 };
};

/**
 * In this process, through the store API of the backend: `cases` waiting cases one second
 * apart, then one staff list, one snapshot plus every client's position, and `claims`
 * claims of the oldest waiting case one after another.
 */
export async function benchHandoffQueue(backend: Backend, postgres: BenchPostgres | undefined, options: BenchOptions): Promise<QueueResult> {
  progress(`handoff queue on ${backend}: ${options.queueCases} waiting cases`);
  const { database, dispose } = await openBenchDatabase(backend, postgres, options.poolSize);
  try {
    const start = Date.now() - options.queueCases * 1000;
    const ids: string[] = new Array<string>(options.queueCases);
    let nextCase = 0;
    const inserted = await time(() =>
      Promise.all(
        Array.from({ length: INSERT_PARALLELISM }, async () => {
          for (let n = nextCase++; n < options.queueCases; n = nextCase++) {
            ids[n] = (await database.handoff.create(waitingCase(n), new Date(start + n * 1000))).id;
          }
        }),
      ),
    );
    let now = new Date();
    const staffList = await time(() => database.handoff.listByQueues(STAFF, [QUEUE], { now, catalog: DEFAULT_CATALOG }));
    if (staffList.value.length !== options.queueCases) throw new Error(`staff list shows ${staffList.value.length} cases, expected ${options.queueCases}`);

    const i18n = createI18n();
    const t = i18n.getFixedT('fi');
    const desk = new QueueDesk({
      handoff: database.handoff,
      blobStore: database.blobStore,
      catalog: DEFAULT_CATALOG,
      clock: () => now,
      staffOnline: async () => ({ [QUEUE]: 2 }),
      defaultHandlingMs: 600_000,
    });
    const snapshot = await time(() => desk.queueSnapshot(QUEUE));
    const positions = await time(async () => {
      for (const entry of snapshot.value.entries) desk.positionActivity(entry.id, snapshot.value, t, 'fi');
    });
    progress(
      `  inserted in ${(inserted.ms / 1000).toFixed(1)} s; staff list ${staffList.ms.toFixed(0)} ms, snapshot ${snapshot.ms.toFixed(0)} ms, positions ${positions.ms.toFixed(0)} ms`,
    );

    const claimMs: number[] = [];
    let claimErrors = 0;
    let firstClaimError: string | undefined;
    for (let n = 0; n < Math.min(options.queueClaims, ids.length); n += 1) {
      now = new Date();
      try {
        claimMs.push((await time(() => database.handoff.claim(STAFF, ids[n]!, now))).ms);
      } catch (error) {
        claimErrors += 1;
        firstClaimError ??= error instanceof Error ? error.message : String(error);
      }
    }
    const claims = summarize(claimMs);
    progress(`  claims: p50 ${claims.p50.toFixed(2)} ms, p99 ${claims.p99.toFixed(2)} ms, errors ${claimErrors}`);
    return {
      backend,
      cases: options.queueCases,
      insertMs: inserted.ms,
      staffListMs: staffList.ms,
      snapshotMs: snapshot.ms,
      positionsMs: positions.ms,
      claims,
      claimErrors,
      firstClaimError,
    };
  } finally {
    await dispose();
  }
}
