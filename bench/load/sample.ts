// Process sampling from /proc (Linux): CPU seconds and peak resident memory of the bench's child processes.
import fs from 'node:fs';

/** Clock ticks per second of /proc/<pid>/stat times (USER_HZ, 100 on every Linux we run on). */
const CLOCK_TICKS = 100;

/** CPU seconds (user + system) a process has used so far, or null once it is gone. */
export function readCpuSeconds(pid: number): number | null {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command name (which may hold spaces) start at ") "; utime and stime are fields 14 and 15.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS;
  } catch {
    return null;
  }
}

/** Fields of /proc/<pid>/stat after the command name: utime, stime, cutime, cstime are 11–14 (0-based). */
function statFields(pid: number): string[] | null {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  } catch {
    return null;
  }
}

/**
 * CPU seconds used so far by every process named `comm` (a server such as postgres or redis-server) on this
 * machine, including children that have exited (a closed connection's backend): each process's own time plus,
 * for processes whose parent is not of the same name, the time of their waited-for children.
 */
export function serverCpuSeconds(comm: string): number {
  const procs: { pid: number; ppid: number; fields: string[] }[] = [];
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      if (fs.readFileSync(`/proc/${entry}/comm`, 'utf8').trim() !== comm) continue;
    } catch {
      continue;
    }
    const fields = statFields(Number(entry));
    if (fields) procs.push({ pid: Number(entry), ppid: Number(fields[1]), fields });
  }
  const pids = new Set(procs.map((p) => p.pid));
  let ticks = 0;
  for (const p of procs) {
    ticks += Number(p.fields[11]) + Number(p.fields[12]);
    if (!pids.has(p.ppid)) ticks += Number(p.fields[13]) + Number(p.fields[14]);
  }
  return ticks / CLOCK_TICKS;
}

/**
 * CPU seconds used so far by one server's process tree: the main process (`pid`, a postmaster), the
 * children it has waited for (closed connections' backends) and the children alive now.
 */
export function treeCpuSeconds(pid: number): number {
  const main = statFields(pid);
  if (!main) return 0;
  let ticks = Number(main[11]) + Number(main[12]) + Number(main[13]) + Number(main[14]);
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const fields = statFields(Number(entry));
    if (fields && Number(fields[1]) === pid) ticks += Number(fields[11]) + Number(fields[12]);
  }
  return ticks / CLOCK_TICKS;
}

/** Peak resident set (VmHWM) of a process in MB, or null once it is gone. */
export function readPeakRssMb(pid: number): number | null {
  try {
    const m = /VmHWM:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) / 1024 : null;
  } catch {
    return null;
  }
}

/** Last CPU and peak memory seen for each named process; sample() reads them all again. */
export interface ProcessSampler {
  sample(): void;
  cpuSeconds(name: string): number;
  peakRssMb(name: string): number;
  names(): string[];
}

/** Track processes by name; a process's figures survive its exit (the last sample is kept). */
export function createProcessSampler(pids: Record<string, number>): ProcessSampler {
  const cpu = new Map<string, number>();
  const rss = new Map<string, number>();
  const sample = () => {
    for (const [name, pid] of Object.entries(pids)) {
      const c = readCpuSeconds(pid);
      const r = readPeakRssMb(pid);
      if (c !== null) cpu.set(name, c);
      if (r !== null) rss.set(name, Math.max(rss.get(name) ?? 0, r));
    }
  };
  return {
    sample,
    cpuSeconds: (name) => cpu.get(name) ?? 0,
    peakRssMb: (name) => rss.get(name) ?? 0,
    names: () => Object.keys(pids),
  };
}

/**
 * The Node flags the image gives every feedfold process (the Dockerfile's NODE_OPTIONS), so the bench's
 * processes run as deployed; the floor's processes get the same, so both sides pay the same collector.
 */
export function deployedNodeFlags(): string[] {
  const dockerfile = fs.readFileSync(new URL('../../Dockerfile', import.meta.url), 'utf8');
  const m = /NODE_OPTIONS=(?:"([^"]*)"|(\S+))/.exec(dockerfile);
  return (m?.[1] ?? m?.[2] ?? '').split(/\s+/).filter(Boolean);
}
