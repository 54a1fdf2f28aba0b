// Development and test tooling (the test suite and `npm run bench`), not used by the service.
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

/** A throwaway PostgreSQL server on loopback, owned by the test run. */
export interface PostgresCluster {
  /** Connection URL of the `postgres` database as the superuser `luotsi`. */
  url: string;
  port: number;
  stop(): void;
  start(): void;
  /** Stops the server at once (connections are cut, as in a crash or a failover). */
  stopImmediately(): void;
}

function findBinDir(): string {
  const fromEnv = process.env.LUOTSI_PG_BINDIR;
  if (fromEnv) return fromEnv;
  const root = '/usr/lib/postgresql';
  const versions = fs.existsSync(root) ? fs.readdirSync(root).filter((v) => fs.existsSync(path.join(root, v, 'bin', 'initdb'))) : [];
  versions.sort((a, b) => Number(b) - Number(a));
  if (versions[0]) return path.join(root, versions[0], 'bin');
  const which = spawnSync('sh', ['-c', 'command -v initdb'], { encoding: 'utf8' });
  if (which.status === 0 && which.stdout.trim()) return path.dirname(fs.realpathSync(which.stdout.trim()));
  throw new Error('PostgreSQL server binaries (initdb, pg_ctl) not found: install Debian package postgresql, or set LUOTSI_PG_BINDIR');
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

// initdb refuses to run as root: as root, run the server as an unprivileged system user.
function runAs(): string | undefined {
  if (process.getuid?.() !== 0) return undefined;
  const user = process.env.LUOTSI_PG_USER ?? 'postgres';
  const exists = spawnSync('id', ['-u', user]).status === 0;
  if (!exists) throw new Error(`running as root: create the unprivileged user '${user}' (or set LUOTSI_PG_USER) to run the test PostgreSQL`);
  return user;
}

/** How a cluster trades durability for speed. */
export interface PostgresClusterOptions {
  /**
   * A commit returns only once its WAL is written out to the operating system (PostgreSQL's
   * default, synchronous_commit=on), so it survives the server being killed. Off, a crash loses
   * the last fraction of a second of commits: fine for a cluster no test crashes, not for one
   * that a test stops at once and then checks that nothing acknowledged was lost.
   */
  crashSafeCommits?: boolean;
}

/** Creates and starts a new cluster in a temporary directory (trust auth on loopback only). */
export async function startPostgresCluster(clusterOptions: PostgresClusterOptions = {}): Promise<PostgresCluster> {
  const bin = findBinDir();
  const user = runAs();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'luotsi-pg-'));
  const dataDir = path.join(dir, 'data');
  if (user) execFileSync('chown', [user, dir]);
  const run = (tool: string, args: string[]) => {
    const command = user ? 'runuser' : path.join(bin, tool);
    const fullArgs = user ? ['-u', user, '--', path.join(bin, tool), ...args] : args;
    execFileSync(command, fullArgs, { stdio: ['ignore', 'ignore', 'pipe'] });
  };
  run('initdb', ['-D', dataDir, '-A', 'trust', '-U', 'luotsi', '-E', 'UTF8', '--no-sync', '--locale=C']);
  const port = await freePort();
  // Durability settings off: the cluster lives as long as the test run, and the machine does not
  // crash under it (fsync only matters then). Commits wait for their WAL write when asked to.
  const synchronousCommit = clusterOptions.crashSafeCommits ? 'on' : 'off';
  const options = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=${synchronousCommit} -c full_page_writes=off -c max_connections=300`;
  const start = () => run('pg_ctl', ['-D', dataDir, '-l', path.join(dir, 'server.log'), '-o', options, '-w', '-t', '60', 'start']);
  start();
  return {
    url: `postgresql://luotsi@127.0.0.1:${port}/postgres`,
    port,
    start,
    stopImmediately: () => run('pg_ctl', ['-D', dataDir, '-m', 'immediate', '-w', 'stop']),
    stop() {
      try {
        run('pg_ctl', ['-D', dataDir, '-m', 'fast', '-w', 'stop']);
      } finally {
        fs.rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}
