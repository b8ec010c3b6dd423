import type { TaskDefinitionSpec } from '@ecs-twin/manifest';
import { DEFAULTS } from '@ecs-twin/manifest/defaults';
import type { ContainerExit, ContainerRuntime } from '../docker/index.js';
import type { Task } from '../tasks/index.js';

/** A container of a task, with the stop timeout its container definition gives. */
export interface TaskContainerRef {
  readonly containerId: string;
  readonly containerName: string;
  readonly stopTimeoutSeconds: number;
}

/** Every container of a task: the main one first, then its sidecars. */
export function containersOfTask(task: Task, definition: TaskDefinitionSpec): TaskContainerRef[] {
  const stopTimeout = (name: string) => definition.containers.find((c) => c.name === name)?.stopTimeout ?? DEFAULTS.stopTimeout;
  const main = task.containerId ? [{ containerId: task.containerId, containerName: task.containerName }] : [];
  return [...main, ...(task.sidecars ?? [])].map((c) => ({ ...c, stopTimeoutSeconds: stopTimeout(c.containerName) }));
}

/**
 * ECS without dependsOn stops a task's containers together: each gets SIGTERM,
 * then SIGKILL after its own stopTimeout. Resolves once all have stopped.
 */
export async function stopTaskContainers(runtime: ContainerRuntime, containers: readonly TaskContainerRef[]): Promise<void> {
  await Promise.all(containers.map((c) => runtime.stop(c.containerId, c.stopTimeoutSeconds)));
}

/**
 * How the essential container that ended a task exited: the first of them to
 * finish, per the engine (a listing may predate the exit), else the main one's.
 */
export async function endingExit(runtime: ContainerRuntime, task: Task): Promise<ContainerExit | undefined> {
  const essential = [task.containerId!, ...(task.sidecars ?? []).filter((c) => c.essential).map((c) => c.containerId)];
  const exits = await Promise.all(essential.map((id) => runtime.inspectExit(id)));
  const ended = exits.filter((e): e is ContainerExit => e?.finishedAt !== undefined).sort((a, b) => a.finishedAt! - b.finishedAt!);
  return ended[0] ?? exits[0];
}
