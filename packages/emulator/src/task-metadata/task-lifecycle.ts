// Glue for the emulator core: what it knows about a task, turned into a
// metadata record. Structural types, so the core's own Task and manifest specs
// fit without this folder depending on the scheduler.
import type { ServiceSpec, Stack, TaskDefinitionSpec } from '@ecs-twin/manifest';
import { imageRef } from '@ecs-twin/manifest/model/image-ref';
import type { TaskMetadataRecord, TaskMetadataRegistry } from './contract.js';

/** The fields of the core's Task that the metadata needs. */
export interface TaskFacts {
  readonly taskId: string;
  readonly serviceName: string;
  /** `family:revision`. */
  readonly taskDefinition: string;
  readonly containerName: string;
  readonly containerId?: string;
  /** The task's other containers' Docker ids. */
  readonly sidecars?: readonly { readonly containerName: string; readonly containerId: string }[];
  /** PROVISIONING | PENDING | RUNNING | DEACTIVATING | STOPPING | STOPPED. */
  readonly lastStatus: string;
  /** Epoch ms. */
  readonly createdAt: number;
  readonly startedAt?: number;
  readonly stoppedAt?: number;
  readonly namespaceIp?: string;
}

/** The record for one task of a service. DesiredStatus is STOPPED once the task is on its way down. */
export function taskMetadataRecord(
  stack: Pick<Stack, 'region' | 'cluster'>,
  service: Pick<ServiceSpec, 'serviceName'>,
  taskDefinition: TaskDefinitionSpec,
  task: TaskFacts,
): TaskMetadataRecord {
  const revision = Number(task.taskDefinition.split(':').at(-1));
  const stopping = ['DEACTIVATING', 'STOPPING', 'STOPPED'].includes(task.lastStatus);
  return {
    taskId: task.taskId,
    cluster: stack.cluster.name,
    region: stack.region,
    serviceName: service.serviceName,
    family: taskDefinition.family,
    revision: Number.isFinite(revision) ? revision : 1,
    desiredStatus: stopping ? 'STOPPED' : 'RUNNING',
    knownStatus: task.lastStatus,
    cpu: taskDefinition.cpu,
    memory: taskDefinition.memory,
    // Images are local: the "pull" is the create of the container, as close as the emulator gets.
    pullStartedAt: task.createdAt,
    pullStoppedAt: task.startedAt ?? task.createdAt,
    executionStoppedAt: task.stoppedAt,
    containers: taskDefinition.containers.map((container) => ({
      name: container.name,
      containerId: container.name === task.containerName ? task.containerId : task.sidecars?.find((s) => s.containerName === container.name)?.containerId,
      image: imageRef(container.image),
      desiredStatus: stopping ? 'STOPPED' : 'RUNNING',
      knownStatus: task.lastStatus,
      startedAt: task.startedAt,
      ipv4Address: task.namespaceIp,
      logOptions: {
        'awslogs-create-group': String(container.logConfiguration.createGroup),
        'awslogs-group': container.logConfiguration.group,
        'awslogs-region': container.logConfiguration.region,
        'awslogs-stream': `${container.logConfiguration.streamPrefix}/${container.name}/${task.taskId}`,
      },
    })),
  };
}

/**
 * A TaskLifecycleListener for the core: pushes a task when it runs and removes
 * it when it is gone. Listener calls are synchronous, so failures go to `onError`.
 */
export function taskMetadataListener(
  registry: Pick<TaskMetadataRegistry, 'putTask' | 'removeTask'>,
  stack: Pick<Stack, 'region' | 'cluster'>,
  onError: (error: unknown, taskId: string) => void = () => {},
): {
  taskRunning(task: TaskFacts, service: Pick<ServiceSpec, 'serviceName'>, taskDefinition: TaskDefinitionSpec): void;
  taskStopped(task: TaskFacts): void;
} {
  return {
    taskRunning(task, service, taskDefinition) {
      registry.putTask(taskMetadataRecord(stack, service, taskDefinition, task)).catch((error) => onError(error, task.taskId));
    },
    taskStopped(task) {
      registry.removeTask(task.taskId).catch((error) => onError(error, task.taskId));
    },
  };
}
