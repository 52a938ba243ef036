import { existsSync, readdirSync, readFileSync } from 'node:fs';

/**
 * CPU time by process group, read from /proc (Linux): the services, PostgreSQL, Kafka and the load
 * generator itself. Taken before and after a phase, it gives the CPU each part spent per event: a figure
 * that holds when the host is noisy (CPU steal on a shared VM moves throughput by ±20 % between runs, and
 * the CPU per event far less), and that says where to cut.
 */
export type CpuGroups = Record<string, number>;

/** CPU seconds used so far by each process of a group, by pid. */
export type CpuReading = Map<number, { group: string; seconds: number }>;

const CLOCK_TICKS_PER_SECOND = 100;

function groupOf(cmdline: string, services: ReadonlyMap<number, string>, pid: number): string | undefined {
  const service = services.get(pid);
  if (service) return service;
  if (pid === process.pid) return 'bench';
  if (/(^|\/)postgres(\s|:|$)/.test(cmdline) || cmdline.startsWith('postgres:')) return 'postgres';
  if (cmdline.includes('java') && cmdline.includes('kafka')) return 'kafka';
  return undefined;
}

/**
 * Seconds of CPU (user + system) used so far by each process of the groups; `services` names the
 * services' pids.
 */
export function readCpu(services: ReadonlyMap<number, string>): CpuReading | undefined {
  if (!existsSync('/proc/self/stat')) return undefined;
  const reading: CpuReading = new Map();
  for (const entry of readdirSync('/proc')) {
    const pid = Number(entry);
    if (!Number.isInteger(pid)) continue;
    try {
      const cmdline = readFileSync(`/proc/${pid}/cmdline`, 'utf8').replace(/\0/g, ' ');
      const group = groupOf(cmdline, services, pid);
      if (!group) continue;
      // Fields after the command name (which may hold spaces): utime and stime are the 12th and 13th.
      const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
      const ticks = Number(fields[11]) + Number(fields[12]);
      if (Number.isFinite(ticks)) reading.set(pid, { group, seconds: ticks / CLOCK_TICKS_PER_SECOND });
    } catch {
      // the process ended meanwhile
    }
  }
  return reading;
}

/** Machine-wide share of time the hypervisor took back (steal), from /proc/stat. */
export function stealTicks(): { steal: number; total: number } | undefined {
  if (!existsSync('/proc/stat')) return undefined;
  const fields = (readFileSync('/proc/stat', 'utf8').split('\n')[0] ?? '').trim().split(/\s+/).slice(1).map(Number);
  return { steal: fields[7] ?? 0, total: fields.reduce((sum, value) => sum + value, 0) };
}

/**
 * CPU per event in microseconds, by group, between two readings: each process counts what it used in
 * between (all of it if it started meanwhile); one that ended before the second reading is not counted.
 */
export function microsecondsPerEvent(before: CpuReading, after: CpuReading, events: number): CpuGroups {
  const spent: CpuGroups = {};
  for (const [pid, { group, seconds }] of after) spent[group] = (spent[group] ?? 0) + seconds - (before.get(pid)?.seconds ?? 0);
  const result: CpuGroups = {};
  for (const [group, seconds] of Object.entries(spent)) if (events > 0) result[group] = Math.round((seconds * 1e6) / events);
  return result;
}
