import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { Client } from 'pg';
import { startPostgresCluster } from '../scripts/postgresCluster';
import { onCleanup } from './cleanup';
import { processTree } from './procStats';

/** The bench's private PostgreSQL server: a throwaway cluster on loopback, stopped however the bench ends. */
export interface BenchPostgres {
  url: string;
  /** A new, unused schema name: every target run starts on empty tables. */
  freshSchema(purpose: string): string;
  /** The postmaster and its backends now; their CPU is the database's share of a run. */
  processes(): number[];
  stop(): void;
}

/** The postmaster is the parent of every backend, so it is found from one backend's pid. */
async function postmasterPid(url: string): Promise<number | undefined> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    const result = await client.query<{ pid: number }>('SELECT pg_backend_pid() AS pid');
    const backend = result.rows[0]?.pid;
    if (backend === undefined) return undefined;
    const stat = readFileSync(`/proc/${backend}/stat`, 'utf8');
    return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
  } catch {
    // Off Linux there is no /proc: the database's CPU is then simply not reported.
    return undefined;
  } finally {
    await client.end();
  }
}

/** Starts the cluster (initdb + pg_ctl, as root via runuser; see scripts/postgresCluster.ts). */
export async function startBenchPostgres(): Promise<BenchPostgres> {
  const cluster = await startPostgresCluster();
  const stop = () => cluster.stop();
  const unregister = onCleanup(stop);
  let postmaster: number | undefined;
  try {
    postmaster = await postmasterPid(cluster.url);
  } catch (error) {
    stop();
    unregister();
    throw error;
  }
  let stopped = false;
  return {
    url: cluster.url,
    freshSchema: (purpose) => `bench_${purpose}_${randomBytes(4).toString('hex')}`,
    processes: () => (postmaster === undefined ? [] : processTree(postmaster)),
    stop() {
      if (stopped) return;
      stopped = true;
      unregister();
      stop();
    },
  };
}
