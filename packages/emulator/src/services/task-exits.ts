import type { TaskDefinitionSpec } from '@ecs-twin/manifest';
import type { ObservedTask } from '../scheduler/index.js';
import { withStoppedTask } from '../state/index.js';
import { exitedTaskReason } from '../tasks/index.js';
import type { ServiceContext } from './service-context.js';
import { serviceMessages } from './service-events.js';
import { containersOfTask, endingExit, stopTaskContainers } from './task-containers.js';

// A task's end, as ECS records it: stopped by the scheduler (its reason), or
// ended by itself (how its first essential container exited: OOM as 137 with
// ECS's reason, an error, a clean exit). Kept in the state file for `status`.

export interface TaskExit {
  readonly stopCode: string;
  readonly stoppedReason: string;
  readonly exitCode?: number;
}

/**
 * Why `task` stopped, saved to the state file. A task that ended by itself takes
 * its other containers down (ECS stops a task's other containers once an essential
 * one has exited); `track` keeps that stop in the loop's background work.
 */
export async function recordTaskExit(
  ctx: ServiceContext,
  task: ObservedTask,
  schedulerReason: string | undefined,
  definition: TaskDefinitionSpec,
  track: (work: Promise<unknown>) => void,
): Promise<TaskExit> {
  const exit = await endingExit(ctx.runtime, task);
  if (!schedulerReason && task.sidecars) track(stopTaskContainers(ctx.runtime, containersOfTask(task, definition)));
  const why: TaskExit = schedulerReason
    ? { stopCode: 'ServiceSchedulerInitiated', stoppedReason: schedulerReason, exitCode: exit?.exitCode }
    : exitedTaskReason(exit);
  const { stopCode, stoppedReason, exitCode } = why;
  const record = { stopCode, stoppedReason, ...(exitCode !== undefined ? { exitCode } : {}), at: ctx.clock.now() };
  void ctx.state.update((s) => withStoppedTask(s, task.taskId, record));
  return why;
}

/** The service event of a task that ended by itself ("(service X) (task Y) stopped: …"). */
export function emitTaskExited(ctx: ServiceContext, task: ObservedTask, why: TaskExit): void {
  const serviceName = ctx.service.serviceName;
  ctx.emit({
    kind: 'task-stopped',
    serviceName,
    taskId: task.taskId,
    message: serviceMessages.taskExited(serviceName, task.taskId, why.stoppedReason, why.exitCode),
    detail: { stopCode: why.stopCode, stoppedReason: why.stoppedReason, exitCode: why.exitCode },
  });
}
