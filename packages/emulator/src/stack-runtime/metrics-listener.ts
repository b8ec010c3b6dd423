import type { TaskLifecycleListener } from '../services/index.js';

/** Per-task utilization, as the metrics module provides it (consumer-side port). */
export interface TaskUtilizationSource {
  subscribe(taskId: string, containerId: string, reservation: { serviceName: string; cpuUnits: number; memoryMiB: number }): void;
  unsubscribe(taskId: string): void;
  latest(taskId: string): { cpuPercent: number; memoryPercent: number } | undefined;
}

/** Subscribes each running task's container to the metrics source, and lets go when it stops. */
export function metricsListener(metrics: TaskUtilizationSource): TaskLifecycleListener {
  return {
    taskRunning: (task, service, definition) =>
      task.containerId && metrics.subscribe(task.taskId, task.containerId, { serviceName: service.serviceName, cpuUnits: definition.cpu, memoryMiB: definition.memory }),
    taskStopped: (task) => metrics.unsubscribe(task.taskId),
  };
}
