import type { ContainerDefinitionSpec, ServiceSpec, TaskDefinitionSpec } from '@ecs-twin/manifest';
// The subpath, not the package: the background emulator must not load the YAML parser and schemas.
import { mainContainer } from '@ecs-twin/manifest/main-container';
import { imageRef } from '@ecs-twin/manifest/model/image-ref';
import type { SidecarContainerSpec, TaskContainerSpec } from '../docker/index.js';
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
  /** Extra environment the emulator injects into each container (ECS_CONTAINER_METADATA_URI_V4 ...). */
  readonly injectedEnvironment?: (containerName: string) => Readonly<Record<string, string>>;
}

/** A task's main container owns its network namespace and published port. */
export { mainContainer };

/** The port the task publishes: the load balancer's container port, else the first mapping. */
export function taskContainerPort(service: ServiceSpec, container: ContainerDefinitionSpec): number | undefined {
  return service.loadBalancer?.containerPort ?? container.portMappings[0]?.containerPort;
}

export function imageName(container: ContainerDefinitionSpec): string {
  return imageRef(container.image);
}

export function taskContainerSpec(input: TaskSpecInput): TaskContainerSpec {
  const { service, taskDefinition } = input;
  const main = mainContainer(service, taskDefinition);
  const name = `${input.stack}-${service.serviceName}-${input.taskId.slice(0, 12)}`;
  const sidecars = taskDefinition.containers
    .filter((c) => c !== main)
    .map((c): SidecarContainerSpec => {
      const run = containerRun(input, c);
      return { ...run, name: `${name}-${c.name}`, labels: { ...run.labels, [LABEL.sidecar]: 'true' } };
    });
  return {
    ...containerRun(input, main),
    name,
    cpuUnits: taskDefinition.cpu,
    memoryMiB: taskDefinition.memory,
    containerPort: taskContainerPort(service, main),
    networkName: input.networkName,
    ...(sidecars.length > 0 ? { sidecars } : {}),
  };
}

/** What every container of a task gets: its image, command, environment and the task's labels. */
function containerRun(input: TaskSpecInput, container: ContainerDefinitionSpec): Omit<SidecarContainerSpec, 'name'> {
  return {
    image: imageName(container),
    environment: { ...container.environment, ...input.injectedEnvironment?.(container.name) },
    labels: stackLabels(input.stack, 'task', {
      [LABEL.cluster]: input.cluster,
      [LABEL.service]: input.service.serviceName,
      [LABEL.taskDefinition]: `${input.taskDefinition.family}:${input.revision}`,
      [LABEL.taskId]: input.taskId,
      [LABEL.container]: container.name,
      [LABEL.essential]: String(container.essential),
      [LABEL.deployment]: input.deploymentId,
    }),
    stopTimeoutSeconds: container.stopTimeout,
    ...(container.entryPoint ? { entryPoint: container.entryPoint } : {}),
    ...(container.command ? { command: container.command } : {}),
  };
}
