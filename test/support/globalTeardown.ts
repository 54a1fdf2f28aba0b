import './globalSetup';

/** Stops the server globalSetup started. */
export default async function globalTeardown(): Promise<void> {
  globalThis.luotsiTestCluster?.stop();
  globalThis.luotsiTestCluster = undefined;
}
