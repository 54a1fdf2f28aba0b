import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadConfig } from '../../config';
import { createServer, type LuotsiServer, type ServerOverrides } from '../../index';
import { createLogger } from '../../logger';

/** A running Luotsi on an ephemeral loopback port with its own data directory. */
export interface TestServer {
  url: string;
  service: LuotsiServer;
  dataDir: string;
  stop(): Promise<void>;
}

/** A fresh temporary data directory. */
export function tempDataDir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'luotsi-test-'));
}

/** Starts the real service (SQLite in `dataDir`) with a silent logger unless one is given. */
export async function startTestServer(
  env: Record<string, string> = {},
  dataDir: string = tempDataDir(),
  overrides: ServerOverrides = {},
): Promise<TestServer> {
  const config = loadConfig({ NODE_ENV: 'test', DATA_DIR: dataDir, LOG_LEVEL: 'silent', PORT: '0', ...env });
  const service = createServer(config, { logger: createLogger('silent'), ...overrides });
  const url = await service.listen(0, '127.0.0.1');
  return { url, service, dataDir, stop: () => service.close() };
}
