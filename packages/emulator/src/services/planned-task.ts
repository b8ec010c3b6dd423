import type { TaskContainerSpec } from '../docker/index.js';
import type { SchedulerAction } from '../scheduler/index.js';
import { findRevision, splitRef } from '../state/index.js';
import { taskContainerSpec, type Task } from '../tasks/index.js';
import type { ServiceContext } from './service-context.js';

/**
 * What starting one task of a deployment means: the container to run (from the
 * deployment's task-definition revision) and the task as it is known before
 * Docker has it (PROVISIONING).
 */
export function plannedTask(
  ctx: ServiceContext,
  action: Extract<SchedulerAction, { kind: 'start-task' }>,
  taskId: string,
  now: number,
): { spec: TaskContainerSpec; base: Task } {
  const revision = findRevision(ctx.state.state, action.taskDefinition);
  const definition = revision?.definition ?? ctx.service.taskDefinition;
  const spec = taskContainerSpec({
    stack: ctx.stack.stack,
    cluster: ctx.stack.cluster.name,
    service: ctx.service,
    taskDefinition: definition,
    revision: splitRef(action.taskDefinition)[1],
    deploymentId: action.deploymentId,
    taskId,
    networkName: ctx.networkName,
    injectedEnvironment: (containerName) => ctx.taskEnvironment?.(taskId, ctx.service, containerName) ?? {},
  });
  const base: Task = {
    taskId,
    serviceName: ctx.service.serviceName,
    deploymentId: action.deploymentId,
    taskDefinition: action.taskDefinition,
    containerName: spec.labels['ecs-twin.container'] ?? '',
    lastStatus: 'PROVISIONING',
    createdAt: now,
  };
  return { spec, base };
}
