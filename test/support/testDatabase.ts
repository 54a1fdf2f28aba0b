import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import type { DatabaseKind, LuotsiDatabase } from '../../storage/database';
import { openPostgresDatabase } from '../../storage/postgres/pgDatabase';
import { openSqliteDatabase } from '../../storage/sqlite/sqliteDatabase';
import type { Clock } from '../../clock';

/**
 * The backend this jest run tests: `npm test` runs the whole suite once on SQLite and once on
 * PostgreSQL (LUOTSI_TEST_BACKEND=postgres; test/support/globalSetup.ts starts the server).
 */
export const TEST_BACKEND: DatabaseKind = process.env.LUOTSI_TEST_BACKEND === 'postgres' ? 'postgres' : 'sqlite';

/** URL of the PostgreSQL server of this run. */
export function testPostgresUrl(): string {
  const url = process.env.LUOTSI_TEST_DATABASE_URL;
  if (!url) throw new Error('LUOTSI_TEST_DATABASE_URL is not set: run the suite through `npm test`, which starts PostgreSQL');
  return url;
}

/** A new schema name, so every test database starts empty. */
export function freshSchema(): string {
  return `t_${randomBytes(6).toString('hex')}`;
}

/** The topic model cache every test service and the dialog tests share. */
export const TEST_TOPIC_MODEL_DIR = path.join(os.tmpdir(), 'luotsi-test-topics');

/** Environment of a test service: the shared topic model cache, and on PostgreSQL a fresh schema. */
export function testServiceEnv(): Record<string, string> {
  // Every test service shares one cache of the trained topic model (keyed by its corpus hash, as in
  // production): training it again in each service cost seconds of CPU apiece, and a description
  // typed meanwhile waited for it.
  const shared = { TOPIC_MODEL_DIR: TEST_TOPIC_MODEL_DIR };
  if (TEST_BACKEND === 'sqlite') return shared;
  return { ...shared, DATABASE_URL: testPostgresUrl(), DATABASE_SCHEMA: freshSchema() };
}

/** Opens an empty database of this run's backend, migrated and ready; its stores stamp rows with `clock` when given. */
export async function openTestDatabase(schema: string = freshSchema(), clock?: Clock): Promise<LuotsiDatabase> {
  const database =
    TEST_BACKEND === 'sqlite'
      ? openSqliteDatabase(':memory:', clock)
      : openPostgresDatabase({ url: testPostgresUrl(), schema, poolSize: 5, connectTimeoutMs: 5000 }, () => undefined, clock);
  await database.ready();
  return database;
}

/** Opens a second connection set to an existing PostgreSQL schema (another "instance"). */
export async function openPostgresSchema(url: string, schema: string, onBackgroundError: (error: unknown) => void = () => undefined): Promise<LuotsiDatabase> {
  const database = openPostgresDatabase({ url, schema, poolSize: 5, connectTimeoutMs: 5000 }, onBackgroundError);
  await database.ready();
  return database;
}

/** Drops a test schema (PostgreSQL only). */
export async function dropSchema(url: string, schema: string): Promise<void> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
  } finally {
    await client.end();
  }
}

/** A persistent test database that several servers (restarts, instances) can open in turn. */
export interface SharedTestDatabase {
  /** Environment that points a test server at it. */
  env: Record<string, string>;
  /** Opens another connection set to it. */
  open(): Promise<LuotsiDatabase>;
}

/** SQLite in `dataDir`, or a fresh PostgreSQL schema, on this run's backend. */
export function sharedTestDatabase(dataDir: string): SharedTestDatabase {
  if (TEST_BACKEND === 'sqlite') {
    return {
      env: { DATA_DIR: dataDir },
      open: async () => openSqliteDatabase(dataDir),
    };
  }
  const url = testPostgresUrl();
  const schema = freshSchema();
  return {
    env: { DATA_DIR: dataDir, DATABASE_URL: url, DATABASE_SCHEMA: schema },
    open: () => openPostgresSchema(url, schema),
  };
}

/** Two connection sets to one fresh database, as two service instances would hold. */
export async function openTwoInstances(): Promise<{ first: LuotsiDatabase; second: LuotsiDatabase; close(): Promise<void> }> {
  if (TEST_BACKEND === 'sqlite') {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'luotsi-two-'));
    const first = openSqliteDatabase(dir);
    const second = openSqliteDatabase(dir);
    return {
      first,
      second,
      async close() {
        await Promise.all([first.close(), second.close()]);
        fs.rmSync(dir, { recursive: true, force: true });
      },
    };
  }
  const schema = freshSchema();
  const first = await openTestDatabase(schema);
  const second = await openPostgresSchema(testPostgresUrl(), schema);
  return {
    first,
    second,
    async close() {
      await Promise.all([first.close(), second.close()]);
      await dropSchema(testPostgresUrl(), schema);
    },
  };
}
