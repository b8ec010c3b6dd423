import type { DockerCpuStats, DockerStatsSample } from './docker-stats-sample.js';

// ECS-style utilization of a task's reservation, computed from Docker stats.
// CPU: the share of the host's CPU time the container used over the sample's
// interval, times the online CPUs (= cores busy), divided by the vCPUs reserved.
// With task-level CPU on Fargate the task cannot use more than it reserves, so
// ECS never reports above 100%; Docker's CFS quota can overshoot by a few
// percent within one interval, hence the clamp.

const MIB = 1024 * 1024;

export { vcpusOf } from '@ecs-twin/manifest/model/cpu-units';

/**
 * CPU% of the reservation for one sample:
 * `(dcpu / dsystem) * online_cpus / reservedVcpus * 100`, clamped to 0..100.
 * Uses the sample's own precpu_stats (the daemon fills them on a stream) and
 * falls back to `previous` (the sample before, when precpu is empty).
 * Returns undefined when there is no interval to measure (the first sample).
 */
export function cpuPercentOfReservation(
  sample: DockerStatsSample,
  reservedVcpus: number,
  previous?: DockerStatsSample,
): number | undefined {
  const now = sample.cpu_stats;
  const before = hasSystemUsage(sample.precpu_stats) ? sample.precpu_stats : previous?.cpu_stats;
  if (!now || !before || !hasSystemUsage(now) || !hasSystemUsage(before)) return undefined;
  const dcpu = (now.cpu_usage?.total_usage ?? 0) - (before.cpu_usage?.total_usage ?? 0);
  const dsystem = now.system_cpu_usage - before.system_cpu_usage;
  if (dsystem <= 0 || dcpu < 0 || reservedVcpus <= 0) return undefined;
  const cores = now.online_cpus || now.cpu_usage?.percpu_usage?.length || 1;
  return clampPercent(((dcpu / dsystem) * cores * 100) / reservedVcpus);
}

/**
 * Memory in use, without the page cache, as ECS counts it:
 * cgroup v1 `usage - stats.cache`; cgroup v2 `usage - stats.inactive_file`.
 */
export function memoryUsedBytes(sample: DockerStatsSample): number | undefined {
  const memory = sample.memory_stats;
  if (memory?.usage === undefined) return undefined;
  const stats = memory.stats ?? {};
  const reclaimable = stats.cache ?? stats.inactive_file ?? 0;
  return Math.max(0, memory.usage - reclaimable);
}

/** Memory% of the task's memory (MiB); the container's own limit when no reservation is known. */
export function memoryPercentOfReservation(sample: DockerStatsSample, reservedMiB?: number): number | undefined {
  const used = memoryUsedBytes(sample);
  const limit = reservedMiB ? reservedMiB * MIB : sample.memory_stats?.limit;
  if (used === undefined || !limit) return undefined;
  return clampPercent((used / limit) * 100);
}

export function clampPercent(value: number): number {
  return Math.min(100, Math.max(0, value));
}

function hasSystemUsage(stats: DockerCpuStats | undefined): stats is DockerCpuStats & { system_cpu_usage: number } {
  return typeof stats?.system_cpu_usage === 'number' && stats.system_cpu_usage > 0;
}
