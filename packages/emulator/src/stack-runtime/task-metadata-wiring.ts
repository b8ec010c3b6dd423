import type { Stack } from '@ecs-twin/manifest';
import type Docker from 'dockerode';
import type { Clock } from '../clock/index.js';
import type { EmitEvent } from '../events/index.js';
import { namespaceNetworkName } from '../service-connect/index.js';
import type { TaskEnvironmentProvider, TaskLifecycleListener } from '../services/index.js';
import { DockerTaskMetadataRegistry, metadataEnvironment, taskMetadataRecord } from '../task-metadata/index.js';

/** Pushes the tasks' latest Docker stats samples to the endpoint this often (one request for all). */
const STATS_PUSH_MS = 1_000;

/** How the core gives every task ECS_CONTAINER_METADATA_URI_V4 with its own /task and /stats. */
export interface TaskMetadataWiring {
  /** The variable, in each task's environment (known before the container exists). */
  readonly taskEnvironment: TaskEnvironmentProvider;
  /** Pushes a task's document when it runs; removes it when it is gone. */
  readonly listener: TaskLifecycleListener;
  /** Hands the endpoint's /stats the samples the metrics' own stats connections parsed: no second connection, no second parse. */
  statsSample(containerId: string, sample: object): void;
  /** Removes the endpoint container (before the namespace network goes). */
  remove(): Promise<void>;
}

export function wireTaskMetadata(options: { stack: Stack; docker: Docker; clock: Clock; emit: EmitEvent }): TaskMetadataWiring {
  const { stack, emit } = options;
  const registry = new DockerTaskMetadataRegistry({
    stack: stack.stack,
    networkName: namespaceNetworkName(stack.stack, stack.serviceConnect.namespace),
    docker: options.docker,
    clock: options.clock,
    emit,
  });
  const onError = (error: unknown, taskId?: string) =>
    emit({ kind: 'warning', taskId, message: `task metadata endpoint: ${error instanceof Error ? error.message : String(error)}` });
  /** containerId -> taskId of running tasks whose document the endpoint has (stats before it would be refused). */
  const taskOf = new Map<string, string>();
  const live = new Set<string>();
  const pending = new Map<string, Record<string, unknown>>();
  let flushing = false;
  let removed = false;

  // One request a second carries every task's latest sample: a request per task per
  // second was a fifth of the idle emulator's CPU at 30 tasks (profiled).
  const flush = () => {
    flushing = false;
    if (removed) return;
    const batch = [];
    for (const [containerId, sample] of pending) {
      const taskId = taskOf.get(containerId);
      if (!taskId) continue; // its document is not there yet: kept for the next push
      batch.push({ taskId, sample });
      pending.delete(containerId);
    }
    registry.putStatsBatch(batch).catch((error: unknown) => onError(error));
  };
  const push = () => {
    if (flushing) return;
    flushing = true;
    void options.clock.sleep(STATS_PUSH_MS).then(flush);
  };

  return {
    taskEnvironment: (taskId, _service, containerName) => metadataEnvironment(taskId, containerName),
    listener: {
      taskRunning(task, service, definition) {
        live.add(task.taskId);
        registry.putTask(taskMetadataRecord(stack, service, definition, task)).then(
          () => {
            if (!task.containerId || !live.has(task.taskId)) return;
            taskOf.set(task.containerId, task.taskId);
            push();
          },
          (error: unknown) => onError(error, task.taskId),
        );
      },
      taskStopped(task) {
        live.delete(task.taskId);
        if (task.containerId) {
          taskOf.delete(task.containerId);
          pending.delete(task.containerId);
        }
        registry.removeTask(task.taskId).catch((error: unknown) => onError(error, task.taskId));
      },
    },
    statsSample: (containerId, sample) => {
      pending.set(containerId, sample as Record<string, unknown>);
      push();
    },
    remove: () => {
      // A push due after this would find no endpoint; it must not start one on a network being removed.
      removed = true;
      pending.clear();
      return registry.remove();
    },
  };
}
