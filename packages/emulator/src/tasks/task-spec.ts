import type { ContainerDefinitionSpec, ServiceSpec, TaskDefinitionSpec } from '@ecs-twin/manifest';
import type { TaskContainerSpec } from '../docker/index.js';
import { LABEL, stackLabels } from '../labels/index.js';

export interface TaskSpecInput {
  readonly stack: string;
  readonly cluster: string;
  readonly service: ServiceSpec;
  /** The revision being run (may differ from the manifest's during a deployment). */
  readonly taskDefinition: TaskDefinitionSpec;
  readonly revision: number;
  readonly deploymentId: string;
  readonly taskId: string;
  readonly networkName?: string;
  /** Extra environment the emulator injects (ECS_CONTAINER_METADATA_URI_V4 ...). */
  readonly injectedEnvironment?: Readonly<Record<string, string>>;
}

/**
 * The container a task runs. One container per task: the load-balanced
 * container when there is one, otherwise the first essential one.
 */
export function taskContainer(service: ServiceSpec, taskDefinition: TaskDefinitionSpec): ContainerDefinitionSpec {
  const wanted = service.loadBalancer?.containerName;
  const container =
    taskDefinition.containers.find((c) => c.name === wanted) ??
    taskDefinition.containers.find((c) => c.essential) ??
    taskDefinition.containers[0];
  if (!container) throw new Error(`task definition ${taskDefinition.family}: has no container`);
  return container;
}

/** The port the task publishes: the load balancer's container port, else the first mapping. */
export function taskContainerPort(service: ServiceSpec, container: ContainerDefinitionSpec): number | undefined {
  return service.loadBalancer?.containerPort ?? container.portMappings[0]?.containerPort;
}

export function imageName(container: ContainerDefinitionSpec): string {
  return `${container.image.repository}:${container.image.tag}`;
}

export function taskContainerSpec(input: TaskSpecInput): TaskContainerSpec {
  const { service, taskDefinition } = input;
  const container = taskContainer(service, taskDefinition);
  const taskDefinitionRef = `${taskDefinition.family}:${input.revision}`;
  return {
    name: `${input.stack}-${service.serviceName}-${input.taskId.slice(0, 12)}`,
    image: imageName(container),
    cpuUnits: taskDefinition.cpu,
    memoryMiB: taskDefinition.memory,
    environment: { ...container.environment, ...input.injectedEnvironment },
    labels: stackLabels(input.stack, 'task', {
      [LABEL.cluster]: input.cluster,
      [LABEL.service]: service.serviceName,
      [LABEL.taskDefinition]: taskDefinitionRef,
      [LABEL.taskId]: input.taskId,
      [LABEL.container]: container.name,
      [LABEL.deployment]: input.deploymentId,
    }),
    containerPort: taskContainerPort(service, container),
    networkName: input.networkName,
    stopTimeoutSeconds: container.stopTimeout,
    ...(container.entryPoint ? { entryPoint: container.entryPoint } : {}),
    ...(container.command ? { command: container.command } : {}),
  };
}
