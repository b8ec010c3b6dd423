// How busy the host's CPUs are, for the health checker: a check that timed out
// while every core was busy says more about the host than about the app (on
// Fargate no other task takes a task's CPU). Linux's /proc/stat, read in ~0.1 ms;
// elsewhere (Docker Desktop's VM) the host cannot be read and nothing is excused.
import { readFileSync } from 'node:fs';

/** Cumulative CPU time of all cores, in clock ticks. */
export interface HostCpuTimes {
  readonly busy: number;
  readonly total: number;
}

/** Reads the host's cumulative CPU times; undefined when they cannot be read. */
export type HostCpuMeter = () => HostCpuTimes | undefined;

/** The `cpu` line of /proc/stat: user nice system idle iowait irq softirq steal ... */
export function parseProcStat(text: string): HostCpuTimes | undefined {
  const line = text.split('\n', 1)[0] ?? '';
  if (!line.startsWith('cpu ')) return undefined;
  const [user = 0, nice = 0, system = 0, idle = 0, iowait = 0, irq = 0, softirq = 0, steal = 0] = line.trim().split(/\s+/).slice(1).map(Number);
  const busy = user + nice + system + irq + softirq + steal;
  return { busy, total: busy + idle + iowait };
}

/** The same reading for `maxAgeMs`: every health check reads it, at 30 targets 15 times a second. */
export function cachedMeter(meter: HostCpuMeter, maxAgeMs: number, now: () => number = Date.now): HostCpuMeter {
  let last: { at: number; times: HostCpuTimes | undefined } | undefined;
  return () => {
    const at = now();
    if (!last || at - last.at >= maxAgeMs) last = { at, times: meter() };
    return last.times;
  };
}

export const procStatCpuMeter: HostCpuMeter = cachedMeter(() => {
  try {
    return parseProcStat(readFileSync('/proc/stat', 'utf8'));
  } catch {
    return undefined;
  }
}, 250);

/** Share of the host's CPU time (all cores) that was busy between two readings. */
export function busyShare(before: HostCpuTimes | undefined, after: HostCpuTimes | undefined): number | undefined {
  if (!before || !after) return undefined;
  const total = after.total - before.total;
  return total > 0 ? (after.busy - before.busy) / total : undefined;
}
