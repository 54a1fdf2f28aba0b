import { cpuSeconds, otherProcessesCpuSeconds, processCpuSnapshot } from './procStats';
import { ServerSet } from './serverSet';
import { summarize, type LatencySummary } from './stats';

/** One simulated conversation, already set up; `turn` resolves once the reply has been read. */
export interface VirtualUser {
  turn(): Promise<void>;
}

/** How a target's conversations are set up; set-up is not timed. */
export interface Scenario {
  /** Sets up conversation number `ordinal` of the run (it decides which server it starts on). */
  createUser(servers: ServerSet, ordinal: number): Promise<VirtualUser>;
}

export interface RunSettings {
  /** One server, or several instances of it sharing a database. */
  baseUrls: readonly string[];
  concurrency: number;
  turns: number;
  durationMs: number;
  requestTimeoutMs: number;
  /** The server processes, whose CPU time is sampled around the timed part. */
  serverPids: readonly number[];
  /**
   * Processes the target needs besides its servers (the PostgreSQL server and its backends),
   * read after the run so backends started meanwhile count: their CPU is part of the run,
   * reported on its own and not as disturbance by other processes.
   */
  helperPids: () => number[];
}

export interface RunResult {
  concurrency: number;
  /** Completed turns. */
  turns: number;
  errors: number;
  firstError: string | undefined;
  elapsedMs: number;
  turnsPerSecond: number;
  latency: LatencySummary;
  /** CPU seconds the load generator itself spent in the timed part (it shares the machine). */
  loadGeneratorCpuSeconds: number;
  /** CPU seconds of the server processes together in the timed part; undefined where /proc is missing. */
  serverCpuSeconds: number | undefined;
  /** CPU seconds of the helper processes (the database server) in the timed part. */
  helperCpuSeconds: number | undefined;
  /** CPU seconds other user-space processes used meanwhile (other work disturbs the figures). */
  otherCpuSeconds: number | undefined;
}

const now = () => performance.now();

/** Every pid of the snapshot except `keep`: turns "CPU of others" into "CPU of `keep`". */
function exceptPids(snapshot: Map<number, number>, keep: readonly number[]): number[] {
  return [...snapshot.keys()].filter((pid) => !keep.includes(pid));
}

function sumOrUndefined(values: readonly (number | undefined)[]): number | undefined {
  let total = 0;
  for (const value of values) {
    if (value === undefined) return undefined;
    total += value;
  }
  return total;
}

/**
 * Sets up `concurrency` conversations, then releases them together and times each turn.
 * A conversation stops after `turns` turns, at the duration cap, or at its first error
 * (after an error its view of the conversation can no longer be trusted).
 */
export async function runLoad(scenario: Scenario, settings: RunSettings): Promise<RunResult> {
  // One socket per concurrent conversation and server: no request waits for a socket inside the client.
  const servers = new ServerSet(settings.baseUrls, settings.concurrency, settings.requestTimeoutMs);
  let errors = 0;
  let firstError: string | undefined;
  const fail = (error: unknown) => {
    errors += 1;
    firstError ??= error instanceof Error ? error.message : String(error);
  };
  try {
    const setups = await Promise.allSettled(Array.from({ length: settings.concurrency }, (_, ordinal) => scenario.createUser(servers, ordinal)));
    const users: VirtualUser[] = [];
    for (const setup of setups) {
      if (setup.status === 'fulfilled') users.push(setup.value);
      else fail(setup.reason);
    }

    const latencies: number[] = [];
    const serverCpu = () => sumOrUndefined(settings.serverPids.map(cpuSeconds));
    const serverCpuBefore = serverCpu();
    const othersBefore = processCpuSnapshot();
    const cpuBefore = process.cpuUsage();
    const started = now();
    const deadline = started + settings.durationMs;
    await Promise.all(
      users.map(async (user) => {
        for (let turn = 0; turn < settings.turns && now() < deadline; turn += 1) {
          const t0 = now();
          try {
            await user.turn();
          } catch (error) {
            fail(error);
            return;
          }
          latencies.push(now() - t0);
        }
      }),
    );
    const elapsedMs = now() - started;
    const cpu = process.cpuUsage(cpuBefore);
    const serverCpuAfter = serverCpu();
    const othersAfter = processCpuSnapshot();
    const helpers = settings.helperPids();
    const loadGeneratorCpuSeconds = (cpu.user + cpu.system) / 1e6;
    const serverCpuSeconds = serverCpuBefore === undefined || serverCpuAfter === undefined ? undefined : serverCpuAfter - serverCpuBefore;
    return {
      concurrency: settings.concurrency,
      turns: latencies.length,
      errors,
      firstError,
      elapsedMs,
      turnsPerSecond: latencies.length / (elapsedMs / 1000),
      latency: summarize(latencies),
      loadGeneratorCpuSeconds,
      serverCpuSeconds,
      helperCpuSeconds: helpers.length === 0 ? undefined : otherProcessesCpuSeconds(othersBefore, othersAfter, exceptPids(othersAfter, helpers)),
      // The bench's own processes: this one, npm that started it, the servers under test and their database.
      otherCpuSeconds: otherProcessesCpuSeconds(othersBefore, othersAfter, [process.pid, process.ppid, ...settings.serverPids, ...helpers]),
    };
  } finally {
    servers.close();
  }
}
