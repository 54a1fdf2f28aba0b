/**
 * Synchronous clean-up run however the process ends (normal exit, error, Ctrl-C), so no
 * server child or temporary data directory outlives the benchmark.
 */
const tasks = new Set<() => void>();
let installed = false;

function runAll(): void {
  for (const task of [...tasks]) {
    tasks.delete(task);
    try {
      task();
    } catch {
      // Best effort: one failing clean-up must not keep the others from running.
    }
  }
}

/** Registers a clean-up; returns a function that unregisters it once done normally. */
export function onCleanup(task: () => void): () => void {
  if (!installed) {
    installed = true;
    process.on('exit', runAll);
    for (const signal of ['SIGINT', 'SIGTERM'] as const) {
      process.once(signal, () => {
        runAll();
        process.exit(130);
      });
    }
  }
  tasks.add(task);
  return () => tasks.delete(task);
}

/** Runs every pending clean-up now (used by the watchdog before it exits). */
export function cleanupNow(): void {
  runAll();
}
