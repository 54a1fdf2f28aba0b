/**
 * Preloaded (`node --require`) into every server the bench starts, Luotsi included, without
 * touching server code: when the benchmark process disappears, even by SIGKILL, the IPC
 * channel closes and the server is asked to shut down as it would be by an operator.
 */
/** The IPC message that asks for a full garbage collection, and the key of its answer (heapUsed bytes). */
const GC_REQUEST = 'luotsi-bench:gc';
const GC_DONE = 'luotsi-bench:gc-done';
/** The IPC messages that read (answer under PHASES_DONE) or reset a Luotsi server's phase times (PHASE_TIMING=true). */
const PHASES_REQUEST = 'luotsi-bench:phases';
const PHASES_RESET = 'luotsi-bench:phases-reset';
const PHASES_DONE = 'luotsi-bench:phases-done';

if (process.send) {
  process.once('disconnect', () => process.kill(process.pid, 'SIGTERM'));
  // The memory run starts the server with --expose-gc and asks for a full collection before it
  // reads RSS, so its figure is what the server keeps, not garbage the collector has not reached.
  const gc = (globalThis as { gc?: () => void }).gc;
  if (gc) {
    process.on('message', (message) => {
      if (message !== GC_REQUEST) return;
      gc();
      process.send?.({ [GC_DONE]: process.memoryUsage().heapUsed });
    });
    // Listening must not keep a server alive that has been told to stop.
    process.channel?.unref();
  }
  // The same module instance the server's index.js uses (both resolve dist/metrics/turnPhases.js).
  process.on('message', (message) => {
    if (message !== PHASES_REQUEST && message !== PHASES_RESET) return;
    const { turnPhases } = require('../metrics/turnPhases') as typeof import('../metrics/turnPhases');
    if (message === PHASES_RESET) return turnPhases.reset();
    process.send?.({ [PHASES_DONE]: turnPhases.snapshot() });
  });
  process.channel?.unref();
}

export {};
