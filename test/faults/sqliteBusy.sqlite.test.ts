// SQLite busy: another connection holds the write lock on the database file for longer than
// the service's busy timeout (5 s, storage/sqlite/openSqlite.ts). A client's message is then
// answered 503 + Retry-After and nothing of it is written; once the lock is gone the same
// message goes through and the flow continues. SQLite pass only (the file name keeps it out of
// the PostgreSQL pass). A full disk is not simulated: there is no portable, honest way to make
// only the service's own connection run out of space.

import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { SQLITE_FILE } from '../../storage/sqlite/sqliteDatabase';
import { startTestServer, tempDataDir, type TestServer } from '../support/testServer';
import { answerTo, Citizen, describeOutcome, isErrorReply } from './faultClient';

jest.setTimeout(45_000);

describe('SQLite locked by another writer past the busy timeout', () => {
  let server: TestServer | undefined;
  let locker: BetterSqlite3.Database | undefined;

  afterEach(async () => {
    if (locker?.inTransaction) locker.exec('ROLLBACK');
    locker?.close();
    await server?.stop();
  });

  it('answers 503 + Retry-After, writes nothing, and takes the same message once the lock is gone', async () => {
    const dataDir = tempDataDir();
    server = await startTestServer({ MESSAGE_RATE_LIMIT_PER_MINUTE: '10000', POLL_RATE_LIMIT_PER_MINUTE: '100000' }, dataDir);
    const citizen = await Citizen.open(server.url, 30_000);
    // Two questions in, so the flow has a place to keep.
    for (let i = 0; i < 2; i += 1) {
      expect(describeOutcome(await citizen.post(answerTo(citizen.lastBot())))).toMatch(/^200 /);
      await citizen.readNew();
    }
    const logBefore = await citizen.fullLog();
    const answer = answerTo(citizen.lastBot());

    locker = new BetterSqlite3(path.join(dataDir, SQLITE_FILE));
    locker.exec('BEGIN EXCLUSIVE');
    const refused = await citizen.post(answer);
    expect(describeOutcome(refused)).toMatch(/^503 /);
    expect(refused.kind === 'status' && refused.retryAfter).toBeTruthy();
    locker.exec('ROLLBACK');

    // Nothing of the refused message was written.
    expect(await citizen.fullLog()).toEqual(logBefore);

    // The same message again: taken as the answer to the question the client was shown.
    expect(describeOutcome(await citizen.post(answer))).toMatch(/^200 /);
    const after = (await citizen.fullLog()).slice(logBefore.length);
    expect(after.filter((a) => a.from.role === 'user').map((a) => a.text)).toEqual([answer.text]);
    const replies = after.filter((a) => a.type === 'message' && a.from.role !== 'user');
    expect(replies.length).toBeGreaterThan(0);
    expect(replies.filter(isErrorReply)).toEqual([]);
  });
});
