import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { ForbiddenError, NotFoundError } from '../../errors';
import type { BlobStore, NewPhoto, PhotoCaller } from '../../storage/blobStore';
import type { LuotsiDatabase } from '../../storage/database';
import { PgDb, type PgSettings } from '../../storage/postgres/pgClient';
import { migratePostgres, PG_MIGRATIONS } from '../../storage/postgres/pgMigrations';
import { SQLITE_MIGRATIONS } from '../../storage/sqlite/migrations';
import { openSqlite } from '../../storage/sqlite/openSqlite';
import { SqliteBlobStore } from '../../storage/sqlite/sqliteBlobStore';
import { dropSchema, freshSchema, openPostgresSchema, openTestDatabase, TEST_BACKEND, testPostgresUrl } from '../support/testDatabase';

function photo(conversationId: string, questionId = 'skin.photo', fill = 1): NewPhoto {
  return {
    conversationId,
    questionId,
    contentType: 'image/jpeg',
    image: Buffer.alloc(300, fill),
    thumbnail: Buffer.alloc(30, fill + 1),
    width: 20,
    height: 15,
  };
}

const client = (conversationId: string): PhotoCaller => ({ kind: 'client', conversationId });
const staff = (...queues: string[]): PhotoCaller => ({ kind: 'staff', staffId: 'nurse-1', queues });

// Each backend has its own upgrade path; the test of the other backend's is not defined in this pass.
function defineNothing(_name: string, _fn: () => Promise<void>): void {}

describe(`blob store (${TEST_BACKEND})`, () => {
  let schema: string;
  let db: LuotsiDatabase;
  let store: BlobStore;
  beforeEach(async () => {
    schema = freshSchema();
    db = await openTestDatabase(schema);
    store = db.blobStore;
  });
  afterEach(async () => {
    await db.close();
    if (TEST_BACKEND === 'postgres') await dropSchema(testPostgresUrl(), schema);
  });

  describe('storing', () => {
    it('gives random url-safe ids of 144 bits and keeps both renditions', async () => {
      const t = new Date('2026-11-01T10:00:00Z');
      const refs = await store.put([photo('c1'), photo('c1', 'skin.photo', 7)], t);
      expect(refs).toHaveLength(2);
      for (const ref of refs) expect(ref.id).toMatch(/^[A-Za-z0-9_-]{24}$/);
      expect(new Set(refs.map((r) => r.id)).size).toBe(2);
      expect(refs[0]).toMatchObject({
        conversationId: 'c1',
        questionId: 'skin.photo',
        caseId: undefined,
        contentType: 'image/jpeg',
        byteSize: 300,
        thumbnailByteSize: 30,
        width: 20,
        height: 15,
        createdAt: t,
      });
      const id = refs[1]?.id ?? '';
      const image = await store.get(id, client('c1'));
      expect(image.bytes.equals(Buffer.alloc(300, 7))).toBe(true);
      expect(image.contentType).toBe('image/jpeg');
      const thumb = await store.get(id, client('c1'), 'thumbnail');
      expect(thumb.bytes.equals(Buffer.alloc(30, 8))).toBe(true);
    });

    it('stores all photos of a call or none', async () => {
      const broken = { ...photo('c1'), image: undefined } as unknown as NewPhoto;
      await expect(store.put([photo('c1'), broken])).rejects.toThrow();
      expect(await store.countForQuestion('c1', 'skin.photo')).toBe(0);
    });

    it('counts per conversation and question', async () => {
      await store.put([photo('c1', 'skin.photo'), photo('c1', 'skin.photo'), photo('c1', 'wound.photo'), photo('c2', 'skin.photo')]);
      expect(await store.countForQuestion('c1', 'skin.photo')).toBe(2);
      expect(await store.countForQuestion('c1', 'wound.photo')).toBe(1);
      expect(await store.countForQuestion('c3', 'skin.photo')).toBe(0);
    });
  });

  describe('a client', () => {
    it('sees their own conversation’s photos', async () => {
      const [ref] = await store.put([photo('c1')]);
      expect((await store.get(ref?.id ?? '', client('c1'))).ref.id).toBe(ref?.id);
      expect((await store.listForConversation('c1', client('c1'))).map((r) => r.id)).toEqual([ref?.id]);
    });

    it('gets NotFound for another conversation’s photo, exactly as for one that does not exist', async () => {
      const [ref] = await store.put([photo('c1')]);
      const other = await store.get(ref?.id ?? '', client('c2')).catch((e: unknown) => e);
      const missing = await store.get('AAAAAAAAAAAAAAAAAAAAAAAA', client('c2')).catch((e: unknown) => e);
      const malformed = await store.get('../../etc', client('c2')).catch((e: unknown) => e);
      for (const error of [other, missing, malformed]) {
        expect(error).toBeInstanceOf(NotFoundError);
        expect((error as Error).message).toBe('photo not found');
      }
    });

    it('is forbidden to list another conversation, whether it has photos or not', async () => {
      await store.put([photo('c1')]);
      await expect(store.listForConversation('c1', client('c2'))).rejects.toBeInstanceOf(ForbiddenError);
      await expect(store.listForConversation('empty', client('c2'))).rejects.toBeInstanceOf(ForbiddenError);
    });
  });

  describe('staff', () => {
    it('see nothing of a conversation before it is linked to a case', async () => {
      const [ref] = await store.put([photo('c1')]);
      await expect(store.get(ref?.id ?? '', staff('skin'))).rejects.toBeInstanceOf(NotFoundError);
      expect(await store.listForConversation('c1', staff('skin'))).toEqual([]);
    });

    it('see the photos of a case in one of their queues, and only those', async () => {
      const [ref] = await store.put([photo('c1')]);
      expect(await store.linkToCase('c1', 'case-1', 'skin')).toBe(1);
      const seen = await store.get(ref?.id ?? '', staff('mental', 'skin'));
      expect(seen.ref.caseId).toBe('case-1');
      expect((await store.listForConversation('c1', staff('skin'))).map((r) => r.id)).toEqual([ref?.id]);
      await expect(store.get(ref?.id ?? '', staff('mental'))).rejects.toBeInstanceOf(NotFoundError);
      expect(await store.listForConversation('c1', staff('mental'))).toEqual([]);
      await expect(store.get(ref?.id ?? '', staff())).rejects.toBeInstanceOf(NotFoundError);
    });

    it('follow a case transferred to another queue', async () => {
      const [ref] = await store.put([photo('c1')]);
      await store.linkToCase('c1', 'case-1', 'skin');
      expect(await store.linkToCase('c1', 'case-1', 'wounds')).toBe(1);
      await expect(store.get(ref?.id ?? '', staff('skin'))).rejects.toBeInstanceOf(NotFoundError);
      await expect(store.get(ref?.id ?? '', staff('wounds'))).resolves.toBeDefined();
    });

    it('of a later case get only the photos taken for it', async () => {
      const [first] = await store.put([photo('c1')]);
      await store.linkToCase('c1', 'case-1', 'skin');
      const [second] = await store.put([photo('c1', 'eye.photo')]);
      expect(await store.linkToCase('c1', 'case-2', 'eyes')).toBe(1);
      expect((await store.listForConversation('c1', staff('eyes'))).map((r) => r.id)).toEqual([second?.id]);
      expect((await store.listForConversation('c1', staff('skin'))).map((r) => r.id)).toEqual([first?.id]);
      expect((await store.listForConversation('c1', client('c1'))).map((r) => r.id)).toEqual([first?.id, second?.id]);
    });
  });

  it.each([
    ['no caller', null],
    ['an unknown kind', { kind: 'anonymous', conversationId: 'c1' }],
    ['a client without a conversation', { kind: 'client', conversationId: '' }],
    ['staff without an id', { kind: 'staff', staffId: '', queues: ['skin'] }],
    ['staff whose queues are not a list', { kind: 'staff', staffId: 'n', queues: 'skin' }],
  ])('refuses %s with ForbiddenError before looking anything up', async (_what, caller) => {
    const [ref] = await store.put([photo('c1')]);
    await store.linkToCase('c1', 'case-1', 'skin');
    const bad = caller as unknown as PhotoCaller;
    await expect(store.get(ref?.id ?? '', bad)).rejects.toBeInstanceOf(ForbiddenError);
    await expect(store.get('AAAAAAAAAAAAAAAAAAAAAAAA', bad)).rejects.toBeInstanceOf(ForbiddenError);
    await expect(store.listForConversation('c1', bad)).rejects.toBeInstanceOf(ForbiddenError);
  });

  describe('deleting', () => {
    it('deletes one conversation’s photos and keeps the others', async () => {
      const [kept] = await store.put([photo('c1'), photo('c1'), photo('c2')]).then((refs) => refs.slice(2));
      expect(await store.deleteForConversation('c1')).toBe(2);
      expect(await store.listForConversation('c1', client('c1'))).toEqual([]);
      await expect(store.get(kept?.id ?? '', client('c2'))).resolves.toBeDefined();
    });

    it('purges photos created before the cutoff (retention)', async () => {
      await store.put([photo('old')], new Date('2026-10-01T00:00:00Z'));
      await store.put([photo('new')], new Date('2026-11-20T00:00:00Z'));
      expect(await store.purgeCreatedBefore(new Date('2026-11-01T00:00:00Z'))).toBe(1);
      expect(await store.countForQuestion('old', 'skin.photo')).toBe(0);
      expect(await store.countForQuestion('new', 'skin.photo')).toBe(1);
    });
  });

  (TEST_BACKEND === 'sqlite' ? it : defineNothing)('adds the photo table to a database made before it (schema version 1), once', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'luotsi-blob-'));
    try {
      const file = path.join(dir, 'luotsi.db');
      const v1 = new BetterSqlite3(file);
      v1.exec('CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, applied_at INTEGER NOT NULL)');
      v1.exec(SQLITE_MIGRATIONS.find((m) => m.version === 1)?.sql ?? '');
      v1.prepare('INSERT INTO schema_migrations (version, applied_at) VALUES (1, 0)').run();
      v1.close();
      openSqlite(file).close();
      const again = openSqlite(file);
      const versions = again.prepare('SELECT version FROM schema_migrations ORDER BY version').all();
      const stored = await new SqliteBlobStore(again, () => new Date()).put([photo('c1')]);
      again.close();
      expect(versions).toEqual(SQLITE_MIGRATIONS.map((m) => ({ version: m.version })));
      expect(stored).toHaveLength(1);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  (TEST_BACKEND === 'postgres' ? it : defineNothing)('adds the photo table to a PostgreSQL schema made before it (version 1), once', async () => {
    const url = testPostgresUrl();
    const v1Schema = freshSchema();
    const settings: PgSettings = { url, schema: v1Schema, poolSize: 1, connectTimeoutMs: 5000 };
    const pool = PgDb.createPool(settings, 1, () => undefined);
    try {
      await migratePostgres(
        pool,
        v1Schema,
        PG_MIGRATIONS.filter((m) => m.version === 1),
      );
    } finally {
      await pool.end();
    }
    const tables = new PgDb(settings, () => undefined);
    try {
      await (await openPostgresSchema(url, v1Schema)).close();
      const again = await openPostgresSchema(url, v1Schema);
      const versions = (await tables.query('SELECT version FROM schema_migrations ORDER BY version')).rows;
      const stored = await again.blobStore.put([photo('c1')]);
      await again.close();
      expect(versions).toEqual(PG_MIGRATIONS.map((m) => ({ version: m.version })));
      expect(stored).toHaveLength(1);
    } finally {
      await tables.close();
      await dropSchema(url, v1Schema);
    }
  });
});
