/**
 * `npm run bench:query`: what the async query layer costs on SQLite. The same store calls
 * 10,000 times each, sequentially, on one in-memory database: a better-sqlite3 prepared
 * statement behind an async method (how the stores were written), the same method through the
 * SqliteGate proxy (how the not yet moved stores run now), and the StaffRepository on Kysely.
 * Best of five rounds, microseconds per call. Markdown on stdout.
 */
import { openSqlite } from '../storage/sqlite/openSqlite';
import { SqliteGate, throughGate } from '../storage/query/sqliteGate';
import { sqliteKysely } from '../storage/query/sqliteKysely';
import { StaffRepository } from '../storage/stores/staffRepository';
import { describeMachine } from './report';

const CALLS = 10_000;
const ROUNDS = 5;
const T0 = 1_764_669_600_000;

async function bestMicros(call: (i: number) => Promise<unknown>): Promise<number> {
  let best = Number.POSITIVE_INFINITY;
  for (let round = 0; round < ROUNDS; round += 1) {
    const started = performance.now();
    for (let i = 0; i < CALLS; i += 1) await call(i);
    best = Math.min(best, ((performance.now() - started) * 1000) / CALLS);
  }
  return best;
}

async function main(): Promise<void> {
  const handle = openSqlite(':memory:');
  const gate = new SqliteGate();
  const staff = new StaffRepository({ kind: 'sqlite', kysely: sqliteKysely(handle, gate) });
  await staff.createAccount({ id: 's1', username: 'maija', displayName: 'Maija', role: 'nurse', queues: ['a', 'b'], passwordHash: 'x' }, new Date(T0));
  await staff.createSession({
    idHash: 'h1',
    staffId: 's1',
    csrfToken: 'c',
    createdAt: new Date(T0),
    lastSeenAt: new Date(T0),
    expiresAt: new Date(T0 + 3_600_000),
  });

  // The stores' former shape: a prepared statement run synchronously inside an async method.
  const selectSession = handle.prepare('SELECT id_hash, staff_id, csrf_token, created_at, last_seen_at, expires_at FROM staff_sessions WHERE id_hash = ?');
  const updateSeen = handle.prepare('UPDATE staff_sessions SET last_seen_at = MAX(last_seen_at, ?) WHERE id_hash = ?');
  const raw = {
    async readSession(idHash: string) {
      return selectSession.get(idHash);
    },
    async touch(idHash: string, now: number) {
      updateSeen.run(now, idHash);
    },
  };
  const gated = throughGate(raw, gate);
  const kysely = sqliteKysely(handle, gate);

  const rows: [string, number, number, number][] = [
    [
      'read one session row',
      await bestMicros(() => raw.readSession('h1')),
      await bestMicros(() => gated.readSession('h1')),
      await bestMicros(() => kysely.selectFrom('staff_sessions').selectAll().where('id_hash', '=', 'h1').executeTakeFirst()),
    ],
    [
      'touch a session (UPDATE)',
      await bestMicros((i) => raw.touch('h1', T0 + i)),
      await bestMicros((i) => gated.touch('h1', T0 + i)),
      await bestMicros((i) => staff.touchSession('h1', new Date(T0 + i))),
    ],
  ];
  const transaction = await bestMicros((i) => staff.setQueues('s1', i % 2 === 0 ? ['a'] : ['a', 'b'], new Date(T0 + i)));
  const rawTransaction = await bestMicros(async (i) => {
    handle
      .transaction(() => {
        handle.prepare('UPDATE staff_accounts SET updated_at = ? WHERE id = ?').run(T0 + i, 's1');
        handle.prepare('DELETE FROM staff_queues WHERE staff_id = ?').run('s1');
        for (const queue of i % 2 === 0 ? ['a'] : ['a', 'b'])
          handle.prepare('INSERT OR IGNORE INTO staff_queues (staff_id, queue_id) VALUES (?, ?)').run('s1', queue);
      })
      .immediate();
  });
  rows.push(['set queues (IMMEDIATE transaction, 3–4 statements)', rawTransaction, Number.NaN, transaction]);

  const fmt = (n: number) => (Number.isNaN(n) ? '–' : n.toFixed(1));
  const lines = [
    `# Query layer cost on SQLite (${CALLS.toLocaleString('en')} sequential calls, best of ${ROUNDS} rounds, µs per call)`,
    '',
    describeMachine(),
    '',
    '| call | better-sqlite3 in an async method | same through the SqliteGate | Kysely (StaffRepository / query builder) | Kysely ÷ direct |',
    '|---|---|---|---|---|',
    ...rows.map(
      ([name, direct, throughTheGate, onKysely]) =>
        `| ${name} | ${fmt(direct)} | ${fmt(throughTheGate)} | ${fmt(onKysely)} | ${(onKysely / direct).toFixed(1)}x |`,
    ),
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
  handle.close();
}

void main();
