import type { Server } from 'restify';

/** For the bench's own child servers: stop on SIGTERM/SIGINT (parentWatch turns a lost parent into SIGTERM). */
export function stopOnSignal(server: Server): void {
  const stop = () => {
    server.close();
    process.exit(0);
  };
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
}

/** The port the parent chose, from BENCH_PORT. */
export function benchPort(): number {
  const port = Number(process.env.BENCH_PORT);
  if (!Number.isInteger(port) || port <= 0 || port > 65535) throw new Error('BENCH_PORT must be a TCP port');
  return port;
}
