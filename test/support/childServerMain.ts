// Entry of the Luotsi child process that fault tests kill (test/support/childServer.ts starts it
// through tsRequireHook.js). The service is built from the environment exactly as `main()` does,
// but with a clock that starts at LUOTSI_CHILD_CLOCK_START (so queues are open whatever the real
// time is) and then runs in real time, and on an ephemeral loopback port that it prints.

import { loadConfig } from '../../config';
import { createServer } from '../../index';

/** The line prefix the parent waits for; the URL follows it. */
export const LISTENING_PREFIX = 'LUOTSI_CHILD_LISTENING ';

function childClock(): () => Date {
  const start = process.env.LUOTSI_CHILD_CLOCK_START;
  if (!start) return () => new Date();
  const startMs = Date.parse(start);
  if (Number.isNaN(startMs)) throw new Error(`LUOTSI_CHILD_CLOCK_START is not a date: ${start}`);
  const offset = startMs - Date.now();
  return () => new Date(Date.now() + offset);
}

async function run(): Promise<void> {
  const service = createServer(loadConfig(process.env), { clock: childClock() });
  const url = await service.listen(0, '127.0.0.1');
  process.stdout.write(`${LISTENING_PREFIX}${url}\n`);
  // A graceful stop on SIGTERM (the parent's cleanup); SIGKILL is the point of the tests.
  process.once('SIGTERM', () => {
    service.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  });
}

run().catch((error: unknown) => {
  process.stderr.write(`child server failed to start: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
