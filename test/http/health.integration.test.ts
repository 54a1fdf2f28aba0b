// /readyz counts the catalog entries to re-check, and the start-up log names them once, by id.
import { Writable } from 'node:stream';
import { DEFAULT_CATALOG } from '../../routing';
import { createLogger } from '../../logger';
import { discardTestData, startTestServer, tempDataDir } from '../support/testServer';

function capture(): { lines: string[]; sink: Writable } {
  const lines: string[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _enc, done) {
      lines.push(chunk.toString('utf8'));
      done();
    },
  });
  return { lines, sink };
}

describe('catalog freshness in operations', () => {
  it.each([
    ['the day the facts were checked', 0, DEFAULT_CATALOG.resources.filter((r) => r.needsVerification).length],
    ['two years later', 730, DEFAULT_CATALOG.resources.length],
  ])('on %s: a warning at start-up and the count in /readyz', async (_when, days, expected) => {
    const checked = new Date(`${DEFAULT_CATALOG.resources[0]!.verified}T09:00:00Z`);
    const now = new Date(checked.getTime() + days * 86_400_000);
    const { lines, sink } = capture();
    const server = await startTestServer({}, tempDataDir(), { logger: createLogger('info', sink), clock: () => now });
    try {
      const ready = await fetch(`${server.url}/readyz`);
      expect(ready.status).toBe(200);
      expect(((await ready.json()) as { catalog: { toCheck: number } }).catalog.toCheck).toBe(expected);
      const warnings = lines.map((l) => JSON.parse(l) as { msg: string; entries?: string[] }).filter((l) => l.msg === 'catalog entries to check');
      expect(warnings).toHaveLength(1);
      expect(warnings[0]!.entries).toHaveLength(expected);
      // Ids and reasons only.
      for (const entry of warnings[0]!.entries!) expect(entry).toMatch(/^[a-z0-9_]+:(stale|needsVerification)(\+needsVerification)?$/);
    } finally {
      await server.stop();
      await discardTestData(server);
    }
  });
});
