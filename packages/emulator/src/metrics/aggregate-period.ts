import type { ServiceDatapoint, UtilizationSample } from './task-metrics-source.js';

/** Samples of one task in one service, per container. */
export interface TaskSeries {
  readonly taskId: string;
  readonly serviceName: string;
  readonly containers: ReadonlyMap<string, readonly UtilizationSample[]>;
}

/**
 * One service datapoint, as CloudWatch's Average of ECS's per-task metric:
 * each task's utilization is the sum of its containers' averages over the
 * period; the service value is the mean over the tasks that reported.
 * No sample at all in the period = missing data (cpu/memory undefined).
 */
export function aggregatePeriod(
  serviceName: string,
  tasks: Iterable<TaskSeries>,
  from: number,
  to: number,
): ServiceDatapoint {
  let cpuSum = 0;
  let memorySum = 0;
  let reporting = 0;
  for (const task of tasks) {
    if (task.serviceName !== serviceName) continue;
    let taskCpu = 0;
    let taskMemory = 0;
    let seen = false;
    for (const samples of task.containers.values()) {
      const inPeriod = samples.filter((s) => s.at >= from && s.at < to);
      if (inPeriod.length === 0) continue;
      seen = true;
      taskCpu += mean(inPeriod.map((s) => s.cpuPercent));
      taskMemory += mean(inPeriod.map((s) => s.memoryPercent));
    }
    if (!seen) continue;
    reporting++;
    cpuSum += Math.min(100, taskCpu);
    memorySum += Math.min(100, taskMemory);
  }
  if (reporting === 0) return { serviceName, from, to, reportingTasks: 0 };
  return { serviceName, from, to, cpu: cpuSum / reporting, memory: memorySum / reporting, reportingTasks: reporting };
}

function mean(values: readonly number[]): number {
  return values.reduce((a, b) => a + b, 0) / values.length;
}
