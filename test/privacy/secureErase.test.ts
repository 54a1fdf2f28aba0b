// "Delete my data", staff deletion and retention take the bytes out of the database files, not
// only the rows out of SQL (audit finding M2). SQLite: the files are byte-scanned for the markers;
// PostgreSQL: the tables that held them have been vacuumed (the README says what that covers).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import type { NewCase, StaffCaller } from '../../handoff';
import { eraseClientConversation, eraseConversationRest, runRetention } from '../../storage/dataProtection';
import type { LuotsiDatabase } from '../../storage/database';
import { openSqliteDatabase } from '../../storage/sqlite/sqliteDatabase';
import { dropSchema, freshSchema, openTestDatabase, TEST_BACKEND, testPostgresUrl } from '../support/testDatabase';

const T0 = new Date('2026-11-23T10:00:00Z');
const DAY_MS = 86_400_000;
const NURSE: StaffCaller = { staffId: 'nurse-1', queues: ['digital_clinic'] };

interface Markers {
  text: string;
  phone: string;
  photo: Buffer;
  thumbnail: Buffer;
}

function markers(): Markers {
  const tag = randomBytes(6).toString('hex');
  return { text: `MARKER_ERASE_${tag}`, phone: `+35840${tag.slice(0, 7).replace(/[a-f]/g, '7')}`, photo: randomBytes(120_000), thumbnail: randomBytes(4_000) };
}

function newCase(conversationId: string, m: Markers): NewCase {
  return {
    conversationId,
    conversationReference: {},
    channel: 'webchat',
    queueId: 'digital_clinic',
    urgency: 'non_urgent',
    topic: 'skin',
    locale: 'fi',
    answers: { 'skin.describe': `${m.text} ihottuma` },
    photoIds: [],
  };
}

/** A conversation with the markers in its log, state, photo, case, case message and feedback. */
async function fill(db: LuotsiDatabase, conversationId: string, m: Markers): Promise<string> {
  await db.activityLog.createConversation({ id: conversationId, userId: 'u1', locale: 'fi', createdAt: T0.getTime() });
  await db.activityLog.append(conversationId, { type: 'message', text: `${m.text} soita ${m.phone}` }, T0);
  await db.botState.write({ [`webchat/conversations/${conversationId}/`]: { flow: { answers: { note: m.text } } } });
  await db.blobStore.put(
    [{ conversationId, questionId: 'skin.photo', contentType: 'image/jpeg', image: m.photo, thumbnail: m.thumbnail, width: 1, height: 1 }],
    T0,
  );
  const created = await db.handoff.create(newCase(conversationId, m), T0);
  await db.blobStore.linkToCase(conversationId, created.id, 'digital_clinic');
  await db.handoff.addMessage(created.id, { kind: 'client', conversationId }, `${m.text} Erkki Esimerkki ${m.phone}`, T0);
  return created.id;
}

/** Which markers any file of the directory still holds. */
function scan(dir: string, m: Markers): string[] {
  const needles: [string, Buffer][] = [
    ['text', Buffer.from(m.text)],
    ['phone', Buffer.from(m.phone)],
    ['photo', m.photo.subarray(60_000, 60_048)],
    ['thumbnail', m.thumbnail.subarray(2_000, 2_048)],
  ];
  const found: string[] = [];
  for (const name of fs.readdirSync(dir)) {
    const bytes = fs.readFileSync(path.join(dir, name));
    for (const [label, needle] of needles) if (bytes.includes(needle)) found.push(`${name}:${label}`);
  }
  return found;
}

if (TEST_BACKEND === 'sqlite') {
  describe('erased data leaves the SQLite files', () => {
    let dir: string;
    let db: LuotsiDatabase;

    beforeEach(() => {
      dir = fs.mkdtempSync(path.join(os.tmpdir(), 'luotsi-erase-'));
      // The stores stamp rows with the test clock, so the retention periods count from T0 on any date.
      db = openSqliteDatabase(dir, () => T0);
    });
    afterEach(async () => {
      await db.close();
      fs.rmSync(dir, { recursive: true, force: true });
    });

    it('the client’s "delete my data": neither the main file nor the WAL holds the text, the phone number or the photo bytes', async () => {
      const m = markers();
      await fill(db, 'conv-erase', m);
      // The markers are in the files to begin with (the scan can see them).
      expect(scan(dir, m)).toEqual(expect.arrayContaining(['luotsi.db-wal:text', 'luotsi.db-wal:phone', 'luotsi.db-wal:photo', 'luotsi.db-wal:thumbnail']));
      // Some of them already copied into the main file, as SQLite's automatic checkpoint does.
      await db.scrubDeleted();
      expect(scan(dir, m)).toEqual(expect.arrayContaining(['luotsi.db:text', 'luotsi.db:photo']));

      await eraseClientConversation(db, { channelId: 'webchat', conversationId: 'conv-erase' }, T0);
      expect(scan(dir, m)).toEqual([]);
    });

    it('a staff deletion and a retention sweep do the same', async () => {
      const deleted = markers();
      const caseId = await fill(db, 'conv-staff', deleted);
      await db.handoff.claim(NURSE, caseId, T0);
      const gone = await db.handoff.deleteCase(NURSE, caseId, T0);
      await eraseConversationRest(db, { channelId: gone.channel, conversationId: gone.conversationId });
      expect(scan(dir, deleted)).toEqual([]);

      const aged = markers();
      const agedCase = await fill(db, 'conv-aged', aged);
      await db.handoff.claim(NURSE, agedCase, T0);
      await db.handoff.close(NURSE, agedCase, { outcome: 'advice_given', staffUrgency: 'non_urgent' }, T0);
      await runRetention(db, { activityDays: 30, caseDays: 90, auditDays: 730 }, new Date(T0.getTime() + 91 * DAY_MS));
      expect(scan(dir, aged)).toEqual([]);
    });

    it('creates the database files readable by the service user only (L10)', () => {
      const open = fs.readdirSync(dir).filter((name) => (fs.statSync(path.join(dir, name)).mode & 0o777) !== 0o600);
      expect(open).toEqual([]);
      const nested = path.join(dir, 'new-data-dir');
      const second = openSqliteDatabase(nested);
      try {
        expect(fs.statSync(nested).mode & 0o777).toBe(0o700);
        expect(fs.statSync(path.join(nested, 'luotsi.db')).mode & 0o777).toBe(0o600);
      } finally {
        void second.close();
      }
    });
  });
} else {
  describe('erased data on PostgreSQL', () => {
    it('an erasure vacuums every table that held the conversation’s data', async () => {
      const schema = freshSchema();
      const db = await openTestDatabase(schema, () => T0);
      const client = new Client({ connectionString: testPostgresUrl() });
      await client.connect();
      try {
        await fill(db, 'conv-erase', markers());
        await eraseClientConversation(db, { channelId: 'webchat', conversationId: 'conv-erase' }, T0);
        const { rows } = await client.query<{ relname: string; last_vacuum: Date | null; n_dead_tup: string }>(
          `SELECT relname, last_vacuum, n_dead_tup FROM pg_stat_user_tables WHERE schemaname = $1 AND relname = ANY($2) ORDER BY relname`,
          [schema, ['bot_state', 'channel_activities', 'handoff_cases', 'handoff_messages', 'photo_blobs']],
        );
        expect(rows.map((r) => [r.relname, r.last_vacuum !== null, Number(r.n_dead_tup)])).toEqual([
          ['bot_state', true, 0],
          ['channel_activities', true, 0],
          ['handoff_cases', true, 0],
          ['handoff_messages', true, 0],
          ['photo_blobs', true, 0],
        ]);
      } finally {
        await client.end();
        await db.close();
        await dropSchema(testPostgresUrl(), schema);
      }
    });
  });
}
