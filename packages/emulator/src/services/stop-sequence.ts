import type { TaskDefinitionSpec } from '@ecs-twin/manifest';
import type { ObservedTask } from '../scheduler/index.js';
import type { ServiceConnectEndpoint } from '../service-connect/contract.js';
import type { EndpointPublisher } from './endpoint-publisher.js';
import type { Overlay } from './observe-tasks.js';
import type { ServiceContext } from './service-context.js';
import { serviceMessages } from './service-events.js';
import { containersOfTask, stopTaskContainers } from './task-containers.js';

// Draining, ECS's half: the order a task the scheduler stops leaves in. It leaves
// Service Connect first (the agents get the set without it, and the push is
// awaited), then its target drains (load-balancer/draining.ts: until its requests
// ended or the deregistration delay passed), then SIGTERM, SIGKILL after each
// container's stopTimeout. The task shows DEACTIVATING, then STOPPING.

/** The service loop's bookkeeping the sequence updates. */
export interface StopSequenceHost {
  readonly ctx: ServiceContext;
  readonly overlays: Map<string, Overlay>;
  /** Why the scheduler stopped a task (its stoppedReason once gone). */
  readonly stopReasons: Map<string, string>;
  /** Tasks registered with the target group. */
  readonly registered: Set<string>;
  readonly endpoints: Pick<EndpointPublisher, 'withdraw'>;
  definitionOf(ref: string): TaskDefinitionSpec;
}

/** ECS's stop sequence: leave Service Connect, deregister and drain, then SIGTERM, then SIGKILL after stopTimeout. */
export async function stopTasksInOrder(
  host: StopSequenceHost,
  stops: readonly { task: ObservedTask; reason: string }[],
  remainingEndpoints: ReadonlyMap<string, ServiceConnectEndpoint[]> = new Map(),
): Promise<void> {
  const { ctx } = host;
  const serviceName = ctx.service.serviceName;
  const tg = ctx.service.loadBalancer?.targetGroupName;
  for (const { task, reason } of stops) {
    host.overlays.set(task.taskId, 'DEACTIVATING');
    host.stopReasons.set(task.taskId, reason);
  }
  ctx.requestStep(); // Service Connect stops sending to them now
  await host.endpoints.withdraw(new Set(stops.map(({ task }) => task.taskId)), remainingEndpoints);
  const registered = stops.filter(({ task }) => host.registered.has(task.taskId)).map(({ task }) => task.taskId);
  if (registered.length > 0 && tg && ctx.loadBalancer) {
    await ctx.loadBalancer.deregisterTargets(tg, registered);
    for (const id of registered) host.registered.delete(id);
  }
  for (const { task } of stops) host.overlays.set(task.taskId, 'STOPPING');
  await Promise.all(stops.map(({ task }) => stopTaskContainers(ctx.runtime, containersOfTask(task, host.definitionOf(task.taskDefinition)))));
  const ids = stops.map(({ task }) => task.taskId);
  ctx.emit({ kind: 'task-stopped', serviceName, message: serviceMessages.stopped(serviceName, ids), detail: { taskIds: ids } });
}
