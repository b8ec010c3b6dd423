// The port through which the emulator core tells the metrics which containers
// make up which task, and the autoscaler reads utilization back. The Docker
// adapter is DockerTaskMetricsSource; nothing here names dockerode.

/** What a task reserves, and the service whose average it counts in. */
export interface TaskReservation {
  /** ECS service name (`service-users-ecs`): the CloudWatch ServiceName dimension. */
  readonly serviceName: string;
  /** Task-definition CPU units (256 = 0.25 vCPU). */
  readonly cpuUnits: number;
  /** Task-definition memory, MiB. */
  readonly memoryMiB: number;
}

/** One utilization reading of one container, as % of its task's reservation. */
export interface UtilizationSample {
  /** Epoch ms (injected clock) the sample arrived. */
  readonly at: number;
  readonly cpuPercent: number;
  readonly memoryPercent: number;
}

/** A task's latest utilization: the sum over its containers' latest samples. */
export interface TaskUtilization extends UtilizationSample {
  readonly taskId: string;
  readonly serviceName: string;
}

export interface TaskMetricsSource {
  /**
   * Starts collecting one container of a task (one streaming stats connection).
   * Call once per container; idempotent per (taskId, containerId).
   */
  subscribe(taskId: string, containerId: string, reservation: TaskReservation): void;
  /** Stops every stats connection of the task and forgets its samples once they age out. */
  unsubscribe(taskId: string): void;
  latest(taskId: string): TaskUtilization | undefined;
}

/** One CloudWatch-like datapoint of a service for one period; undefined metric = missing data. */
export interface ServiceDatapoint {
  readonly serviceName: string;
  /** Period start and end, epoch ms; samples in [from, to). */
  readonly from: number;
  readonly to: number;
  /** ECSServiceAverageCPUUtilization for the period. */
  readonly cpu?: number;
  /** ECSServiceAverageMemoryUtilization for the period. */
  readonly memory?: number;
  /** Tasks that reported at least one sample in the period. */
  readonly reportingTasks: number;
}

/** Read side used by the autoscaler (consumer-side port). */
export interface ServiceMetricsReader {
  datapoint(serviceName: string, from: number, to: number): ServiceDatapoint;
}
