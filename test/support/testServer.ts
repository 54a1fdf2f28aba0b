import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadConfig } from '../../config';
import { createServer, type LuotsiServer, type ServerOverrides } from '../../index';
import { createLogger } from '../../logger';
import { dropSchema, testServiceEnv } from './testDatabase';

/** A running Luotsi on an ephemeral loopback port with its own data directory. */
export interface TestServer {
  url: string;
  service: LuotsiServer;
  dataDir: string;
  /** The environment it was started with (database included). */
  env: Record<string, string>;
  stop(): Promise<void>;
}

/** A fresh temporary data directory. */
export function tempDataDir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'luotsi-test-'));
}

/**
 * Starts the real service on this run's backend (SQLite in `dataDir`, or a fresh PostgreSQL
 * schema in the PostgreSQL pass) with a silent logger unless one is given. A restart test
 * passes the first server's `env` back in to reach the same data.
 */
export async function startTestServer(env: Record<string, string> = {}, dataDir: string = tempDataDir(), overrides: ServerOverrides = {}): Promise<TestServer> {
  const fullEnv = { NODE_ENV: 'test', DATA_DIR: dataDir, LOG_LEVEL: 'silent', PORT: '0', ...testServiceEnv(), ...env };
  const config = loadConfig(fullEnv);
  const service = createServer(config, { logger: createLogger('silent'), ...overrides });
  const url = await service.listen(0, '127.0.0.1');
  return { url, service, dataDir, env: fullEnv, stop: () => service.close() };
}

/** Drops a test server's PostgreSQL schema (nothing to do on SQLite, whose data dir is temporary). */
export async function discardTestData(server: TestServer): Promise<void> {
  if (server.env.DATABASE_URL && server.env.DATABASE_SCHEMA) await dropSchema(server.env.DATABASE_URL, server.env.DATABASE_SCHEMA);
}
