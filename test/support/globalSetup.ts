import { startPostgresCluster, type PostgresCluster } from '../../scripts/postgresCluster';

declare global {
  // eslint-disable-next-line no-var
  var luotsiTestCluster: PostgresCluster | undefined;
}

/** For the PostgreSQL pass: starts a private server unless LUOTSI_TEST_DATABASE_URL names one. */
export default async function globalSetup(): Promise<void> {
  if (process.env.LUOTSI_TEST_BACKEND !== 'postgres' || process.env.LUOTSI_TEST_DATABASE_URL) return;
  const cluster = await startPostgresCluster();
  globalThis.luotsiTestCluster = cluster;
  process.env.LUOTSI_TEST_DATABASE_URL = cluster.url;
}
