import type { Clock } from '../clock/index.js';
import { aggregatePeriod, type TaskSeries } from './aggregate-period.js';
import type { ServiceDatapoint, ServiceMetricsReader, TaskUtilization, UtilizationSample } from './task-metrics-source.js';

interface MutableTaskSeries extends TaskSeries {
  readonly containers: Map<string, UtilizationSample[]>;
}

/**
 * Recent utilization samples per task and container, bounded in time. Tasks
 * that stopped stay until their samples age out, so the period in which a task
 * stopped still counts it, as CloudWatch would.
 */
export class SampleStore implements ServiceMetricsReader {
  private readonly tasks = new Map<string, MutableTaskSeries>();

  constructor(
    private readonly clock: Clock,
    /** How long samples are kept: at least one autoscaling period. @default 5 minutes */
    private readonly retentionMs = 5 * 60_000,
  ) {}

  record(serviceName: string, taskId: string, containerId: string, sample: UtilizationSample): void {
    let task = this.tasks.get(taskId);
    if (!task) {
      task = { taskId, serviceName, containers: new Map() };
      this.tasks.set(taskId, task);
    }
    let samples = task.containers.get(containerId);
    if (!samples) {
      samples = [];
      task.containers.set(containerId, samples);
    }
    samples.push(sample);
    this.prune();
  }

  latest(taskId: string): TaskUtilization | undefined {
    const task = this.tasks.get(taskId);
    if (!task) return undefined;
    let at = 0;
    let cpuPercent = 0;
    let memoryPercent = 0;
    for (const samples of task.containers.values()) {
      const last = samples[samples.length - 1];
      if (!last) continue;
      at = Math.max(at, last.at);
      cpuPercent += last.cpuPercent;
      memoryPercent += last.memoryPercent;
    }
    if (at === 0) return undefined;
    return {
      taskId,
      serviceName: task.serviceName,
      at,
      cpuPercent: Math.min(100, cpuPercent),
      memoryPercent: Math.min(100, memoryPercent),
    };
  }

  datapoint(serviceName: string, from: number, to: number): ServiceDatapoint {
    return aggregatePeriod(serviceName, this.tasks.values(), from, to);
  }

  private prune(): void {
    const oldest = this.clock.now() - this.retentionMs;
    for (const [taskId, task] of this.tasks) {
      for (const [containerId, samples] of task.containers) {
        const keepFrom = samples.findIndex((s) => s.at >= oldest);
        if (keepFrom === -1) task.containers.delete(containerId);
        else if (keepFrom > 0) samples.splice(0, keepFrom);
      }
      if (task.containers.size === 0) this.tasks.delete(taskId);
    }
  }
}
