import { JsonClient } from './jsonClient';
import { cpuSeconds, otherProcessesCpuSeconds, processCpuSnapshot } from './procStats';
import { summarize, type LatencySummary } from './stats';

/** One simulated conversation, already set up; `turn` resolves once the reply has been read. */
export interface VirtualUser {
  turn(): Promise<void>;
}

/** How a target's conversations are set up; set-up is not timed. */
export interface Scenario {
  createUser(client: JsonClient): Promise<VirtualUser>;
}

export interface RunSettings {
  baseUrl: string;
  concurrency: number;
  turns: number;
  durationMs: number;
  requestTimeoutMs: number;
  /** The server process, whose CPU time is sampled around the timed part. */
  serverPid?: number;
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
  /** CPU seconds of the server process in the timed part; undefined where /proc is missing. */
  serverCpuSeconds: number | undefined;
  /** CPU seconds other user-space processes used meanwhile (other work disturbs the figures). */
  otherCpuSeconds: number | undefined;
}

const now = () => performance.now();

/**
 * Sets up `concurrency` conversations, then releases them together and times each turn.
 * A conversation stops after `turns` turns, at the duration cap, or at its first error
 * (after an error its view of the conversation can no longer be trusted).
 */
export async function runLoad(scenario: Scenario, settings: RunSettings): Promise<RunResult> {
  const client = new JsonClient(new URL(settings.baseUrl), settings.concurrency, settings.requestTimeoutMs);
  let errors = 0;
  let firstError: string | undefined;
  const fail = (error: unknown) => {
    errors += 1;
    firstError ??= error instanceof Error ? error.message : String(error);
  };
  try {
    const setups = await Promise.allSettled(Array.from({ length: settings.concurrency }, () => scenario.createUser(client)));
    const users: VirtualUser[] = [];
    for (const setup of setups) {
      if (setup.status === 'fulfilled') users.push(setup.value);
      else fail(setup.reason);
    }

    const latencies: number[] = [];
    const serverCpu = () => (settings.serverPid === undefined ? undefined : cpuSeconds(settings.serverPid));
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
      // The bench's own processes: this one, npm that started it, and the server under test.
      otherCpuSeconds: otherProcessesCpuSeconds(othersBefore, othersAfter, [process.pid, process.ppid, settings.serverPid ?? -1]),
    };
  } finally {
    client.close();
  }
}
