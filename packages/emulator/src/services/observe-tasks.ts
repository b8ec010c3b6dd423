import type { ObservedContainer } from '../docker/index.js';
import { LABEL } from '../labels/index.js';
import type { ObservedTask } from '../scheduler/index.js';
import type { Task, TaskLastStatus } from '../tasks/index.js';

/** What the controller is doing to a task right now (Docker can't show it). */
export type Overlay = 'DEACTIVATING' | 'STOPPING';

export interface ObserveInput {
  readonly serviceName: string;
  /** This service's task containers, as Docker lists them. */
  readonly containers: readonly ObservedContainer[];
  /** Tasks being started whose container Docker did not list yet. */
  readonly provisioning: readonly Task[];
  readonly overlays: ReadonlyMap<string, Overlay>;
  readonly registered: ReadonlySet<string>;
  /** Docker network name of the namespace (for the task IP). */
  readonly networkName?: string;
  /** Task ids started before any deployment this emulator knows: mapped onto a known one. */
  readonly deploymentOf: (labelDeploymentId: string, taskDefinition: string) => string;
  /** Start time of running containers, when already known (inspect). */
  readonly startedAt: ReadonlyMap<string, number>;
}

/** Docker's containers plus the emulator's in-flight work, as ECS tasks (pure). */
export function observeTasks(input: ObserveInput): ObservedTask[] {
  const tasks: ObservedTask[] = [];
  const seen = new Set<string>();
  for (const c of input.containers) {
    const taskId = c.labels[LABEL.taskId];
    if (!taskId || seen.has(taskId)) continue;
    seen.add(taskId);
    const taskDefinition = c.labels[LABEL.taskDefinition] ?? '';
    tasks.push({
      taskId,
      serviceName: input.serviceName,
      deploymentId: input.deploymentOf(c.labels[LABEL.deployment] ?? '', taskDefinition),
      taskDefinition,
      containerName: c.labels[LABEL.container] ?? '',
      containerId: c.containerId,
      lastStatus: statusOf(c, input.overlays.get(taskId)),
      createdAt: c.createdAt,
      startedAt: input.startedAt.get(taskId) ?? c.createdAt,
      hostPort: c.hostPort,
      namespaceIp: input.networkName ? c.ipAddresses[input.networkName] : Object.values(c.ipAddresses)[0],
      registered: input.registered.has(taskId),
    });
  }
  for (const task of input.provisioning) {
    if (seen.has(task.taskId)) continue;
    tasks.push({ ...task, registered: input.registered.has(task.taskId) });
  }
  return tasks;
}

function statusOf(container: ObservedContainer, overlay: Overlay | undefined): TaskLastStatus {
  switch (container.state) {
    case 'running':
    case 'restarting':
    case 'paused':
      return overlay ?? 'RUNNING';
    case 'created':
      return overlay ?? 'PENDING';
    default:
      return 'STOPPED';
  }
}
