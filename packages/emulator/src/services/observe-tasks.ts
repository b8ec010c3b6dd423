import type { ObservedContainer } from '../docker/index.js';
import { LABEL } from '../labels/index.js';
import type { ObservedTask } from '../scheduler/index.js';
import { containerLastStatus, isEssential, type Task, type TaskLastStatus, type TaskSidecar } from '../tasks/index.js';

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
  const byTask = new Map<string, ObservedContainer[]>();
  for (const c of input.containers) {
    const taskId = c.labels[LABEL.taskId];
    if (taskId) byTask.set(taskId, [...(byTask.get(taskId) ?? []), c]);
  }
  for (const [taskId, containers] of byTask) {
    // Containers from before sidecars existed carry no sidecar label: they are the main one.
    const main = containers.find((c) => c.labels[LABEL.sidecar] !== 'true') ?? containers[0]!;
    const sidecars = containers.filter((c) => c !== main).map(sidecarOf);
    const taskDefinition = main.labels[LABEL.taskDefinition] ?? '';
    tasks.push({
      taskId,
      serviceName: input.serviceName,
      deploymentId: input.deploymentOf(main.labels[LABEL.deployment] ?? '', taskDefinition),
      taskDefinition,
      containerName: main.labels[LABEL.container] ?? '',
      containerId: main.containerId,
      ...(sidecars.length > 0 ? { sidecars } : {}),
      lastStatus: sidecars.some((s) => s.essential && !s.live) ? 'STOPPED' : statusOf(main, input.overlays.get(taskId)),
      createdAt: main.createdAt,
      startedAt: input.startedAt.get(taskId) ?? main.createdAt,
      hostPort: main.hostPort,
      namespaceIp: input.networkName ? main.ipAddresses[input.networkName] : Object.values(main.ipAddresses)[0],
      registered: input.registered.has(taskId),
    });
  }
  for (const task of input.provisioning) {
    if (byTask.has(task.taskId)) continue;
    tasks.push({ ...task, registered: input.registered.has(task.taskId) });
  }
  return tasks;
}

function sidecarOf(c: ObservedContainer): TaskSidecar {
  return {
    containerId: c.containerId,
    containerName: c.labels[LABEL.container] ?? c.name,
    essential: isEssential(c.labels),
    live: containerLastStatus(c.state) !== 'STOPPED',
  };
}

function statusOf(container: ObservedContainer, overlay: Overlay | undefined): TaskLastStatus {
  const status = containerLastStatus(container.state);
  return status === 'STOPPED' ? status : (overlay ?? status);
}
