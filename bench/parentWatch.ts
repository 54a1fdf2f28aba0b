/**
 * Preloaded (`node --require`) into every server the bench starts, Luotsi included, without
 * touching server code: when the benchmark process disappears, even by SIGKILL, the IPC
 * channel closes and the server is asked to shut down as it would be by an operator.
 */
if (process.send) {
  process.once('disconnect', () => process.kill(process.pid, 'SIGTERM'));
}

export {};
