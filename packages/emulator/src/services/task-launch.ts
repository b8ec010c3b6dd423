import { TaskStartError } from '../docker/index.js';
import { cpuClampWarning } from '../docker/cpu-limit.js';
import type { SchedulerAction } from '../scheduler/index.js';
import { newTaskId, type Task } from '../tasks/index.js';
import { plannedTask } from './planned-task.js';
import type { ServiceContext } from './service-context.js';
import { serviceMessages } from './service-events.js';

// Launching a service's tasks: PROVISIONING until Docker has the container, then
// PENDING until the next listing shows it; a task whose container could not be
// created or started is STOPPED with ECS's TaskFailedToStart (kept for `status`,
// the last `keep` of them) and counts as a failed launch.

export type StartTaskAction = Extract<SchedulerAction, { kind: 'start-task' }>;

export class TaskLauncher {
  /** Tasks begun but not yet seen in a listing. */
  readonly provisioning = new Map<string, Task>();
  private readonly failedToStart = new Map<string, Task>();
  /** Task definition revisions already warned about as larger than the host. */
  private readonly clampWarned = new Set<string>();

  constructor(
    private readonly ctx: ServiceContext,
    private readonly keep: number,
    /** A task of `deploymentId` failed to start (backoff, circuit breaker). */
    private readonly launchFailed: (deploymentId: string) => void,
  ) {}

  /** Tasks that failed before a container existed (image missing, ...). */
  failedTasks(): Task[] {
    return [...this.failedToStart.values()];
  }

  async start(starts: readonly StartTaskAction[], now: number): Promise<void> {
    const { ctx } = this;
    const serviceName = ctx.service.serviceName;
    const results = await Promise.all(
      starts.map(async (action) => {
        const taskId = newTaskId();
        const { spec, base } = plannedTask(ctx, action, taskId, now);
        this.provisioning.set(taskId, base);
        try {
          const { cpuLimitedTo, ...started } = await ctx.runtime.runTask(spec);
          this.provisioning.set(taskId, { ...base, ...started, lastStatus: 'PENDING' });
          if (cpuLimitedTo !== undefined && !this.clampWarned.has(action.taskDefinition)) {
            this.clampWarned.add(action.taskDefinition);
            ctx.emit({ kind: 'warning', serviceName, taskId, message: `(service ${serviceName}) ${cpuClampWarning(action.taskDefinition, spec.cpuUnits, cpuLimitedTo)}` });
          }
          return taskId;
        } catch (error) {
          this.provisioning.delete(taskId);
          const reason = error instanceof TaskStartError ? error.stoppedReason : `CannotStartContainerError: ${String(error)}`;
          this.failedToStart.set(taskId, { ...base, lastStatus: 'STOPPED', stopCode: 'TaskFailedToStart', stoppedReason: reason, stoppedAt: ctx.clock.now() });
          while (this.failedToStart.size > this.keep) this.failedToStart.delete(this.failedToStart.keys().next().value!);
          ctx.emit({ kind: 'error', serviceName, taskId, message: serviceMessages.failedToStart(serviceName, taskId, reason) });
          this.launchFailed(action.deploymentId);
          return undefined;
        }
      }),
    );
    const ids = results.filter((id): id is string => id !== undefined);
    if (ids.length > 0) {
      ctx.emit({ kind: 'task-started', serviceName, message: serviceMessages.started(serviceName, ids), detail: { taskIds: ids } });
    }
  }
}
