import { readdirSync, readFileSync } from 'node:fs';

/** Linux USER_HZ: /proc/<pid>/stat counts CPU time in these ticks (100 on every mainstream kernel). */
const TICKS_PER_SECOND = 100;

/** CPU seconds (user + system) the process has used so far, or undefined off Linux. */
export function cpuSeconds(pid: number): number | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name may contain spaces; the numeric fields start after its closing parenthesis.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const utime = Number(fields[11]);
    const stime = Number(fields[12]);
    return Number.isFinite(utime) && Number.isFinite(stime) ? (utime + stime) / TICKS_PER_SECOND : undefined;
  } catch {
    return undefined;
  }
}

/** Peak resident memory of the process so far (VmHWM) in MiB, or undefined off Linux. */
export function peakRssMiB(pid: number): number | undefined {
  try {
    const match = /^VmHWM:\s+(\d+) kB/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Number(match[1]) / 1024 : undefined;
  } catch {
    return undefined;
  }
}

/** Kernel threads carry PF_KTHREAD in their flags (field 9 of /proc/<pid>/stat). */
const PF_KTHREAD = 0x00200000;

/** CPU seconds so far of every user-space process on the machine, by pid. */
export function processCpuSnapshot(): Map<number, number> {
  const snapshot = new Map<number, number>();
  let entries: string[];
  try {
    entries = readdirSync('/proc');
  } catch {
    return snapshot;
  }
  for (const entry of entries) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      if (Number(fields[6]) & PF_KTHREAD) continue;
      snapshot.set(Number(entry), (Number(fields[11]) + Number(fields[12])) / TICKS_PER_SECOND);
    } catch {
      // The process ended between listing and reading; it no longer counts.
    }
  }
  return snapshot;
}

/**
 * CPU seconds other user-space processes (other sessions, test runs, browsers) used between
 * two snapshots. Kernel threads are left out on purpose: their work (loopback networking,
 * disk writeback) is mostly caused by the benchmark itself. Processes that both started and
 * ended in between are missed, so this is a lower bound; undefined off Linux.
 */
export function otherProcessesCpuSeconds(before: Map<number, number>, after: Map<number, number>, own: readonly number[]): number | undefined {
  if (after.size === 0) return undefined;
  let total = 0;
  for (const [pid, seconds] of after) {
    if (!own.includes(pid)) total += Math.max(0, seconds - (before.get(pid) ?? 0));
  }
  return total;
}

/** Resident memory of the process now (VmRSS) in MiB, or undefined off Linux. */
export function currentRssMiB(pid: number): number | undefined {
  try {
    const match = /^VmRSS:\s+(\d+) kB/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Number(match[1]) / 1024 : undefined;
  } catch {
    return undefined;
  }
}

/** Every process's parent pid, from the parent field of /proc/<pid>/stat; undefined off Linux. */
function parentPids(): Map<number, number> | undefined {
  let entries: string[];
  try {
    entries = readdirSync('/proc');
  } catch {
    return undefined;
  }
  const parents = new Map<number, number>();
  for (const entry of entries) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      parents.set(Number(entry), Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]));
    } catch {
      // The process ended between listing and reading.
    }
  }
  return parents;
}

/** `roots` and every process below them in `parents`. */
function descendantsIn(parents: ReadonlyMap<number, number>, roots: readonly number[]): number[] {
  const found = [...roots];
  for (let i = 0; i < found.length; i += 1) {
    for (const [pid, parent] of parents) if (parent === found[i] && !found.includes(pid)) found.push(pid);
  }
  return found;
}

/** The process and all its descendants now (e.g. a PostgreSQL server and its backends); [] off Linux. */
export function processTree(rootPid: number): number[] {
  const parents = parentPids();
  if (!parents?.has(rootPid)) return [];
  return descendantsIn(parents, [rootPid]);
}

/** `pids` and every process below them (cluster workers under the primary); just `pids` off Linux. */
export function withDescendants(pids: readonly number[]): number[] {
  const parents = parentPids();
  return parents ? descendantsIn(parents, pids) : [...pids];
}
