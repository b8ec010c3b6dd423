// Our TaskDefinitionContent <-> ECS's TaskDefinition. Reading projects only the
// fields we set, so ECS's own defaults (hostPort, cpu 0, mountPoints...) never
// look like changes. Pure.
import type { ContainerDefinition, RegisterTaskDefinitionCommandInput, TaskDefinition } from '@aws-sdk/client-ecs';
import type { ContainerContent, TaskDefinitionContent } from '../../plan/desired-types.js';

export function toRegisterInput(c: TaskDefinitionContent): RegisterTaskDefinitionCommandInput {
  return {
    family: c.family,
    cpu: c.cpu,
    memory: c.memory,
    networkMode: c.networkMode,
    requiresCompatibilities: c.requiresCompatibilities.map((x) => x as 'FARGATE'),
    runtimePlatform: {
      cpuArchitecture: c.runtimePlatform.cpuArchitecture as 'X86_64',
      operatingSystemFamily: c.runtimePlatform.operatingSystemFamily as 'LINUX',
    },
    executionRoleArn: c.executionRoleArn,
    containerDefinitions: c.containers.map(
      (k): ContainerDefinition => ({
        name: k.name,
        image: k.image,
        essential: k.essential,
        portMappings: k.portMappings.map((p) => ({
          ...(p.name !== undefined ? { name: p.name } : {}),
          containerPort: p.containerPort,
          protocol: p.protocol as 'tcp',
          ...(p.appProtocol !== undefined ? { appProtocol: p.appProtocol as 'http' } : {}),
        })),
        environment: k.environment.map((e) => ({ name: e.name, value: e.value })),
        logConfiguration: { logDriver: k.logConfiguration.logDriver, options: { ...k.logConfiguration.options } },
        ...(k.entryPoint ? { entryPoint: [...k.entryPoint] } : {}),
        ...(k.command ? { command: [...k.command] } : {}),
        stopTimeout: k.stopTimeout,
        ...(k.healthCheck
          ? { healthCheck: { command: [...k.healthCheck.command], interval: k.healthCheck.interval, timeout: k.healthCheck.timeout, retries: k.healthCheck.retries, startPeriod: k.healthCheck.startPeriod } }
          : {}),
      }),
    ),
  };
}

export function fromTaskDefinition(td: TaskDefinition): TaskDefinitionContent {
  return {
    family: td.family ?? '',
    cpu: td.cpu ?? '',
    memory: td.memory ?? '',
    networkMode: (td.networkMode ?? '') as 'awsvpc',
    requiresCompatibilities: [...(td.requiresCompatibilities ?? [])],
    runtimePlatform: {
      cpuArchitecture: td.runtimePlatform?.cpuArchitecture ?? 'X86_64',
      operatingSystemFamily: td.runtimePlatform?.operatingSystemFamily ?? 'LINUX',
    },
    executionRoleArn: td.executionRoleArn ?? '',
    containers: (td.containerDefinitions ?? []).map(fromContainer),
  };
}

function fromContainer(c: ContainerDefinition): ContainerContent {
  const hc = c.healthCheck;
  return {
    name: c.name ?? '',
    image: c.image ?? '',
    essential: c.essential ?? true,
    portMappings: (c.portMappings ?? []).map((p) => ({
      ...(p.name !== undefined ? { name: p.name } : {}),
      containerPort: p.containerPort ?? 0,
      protocol: p.protocol ?? 'tcp',
      ...(p.appProtocol !== undefined ? { appProtocol: p.appProtocol } : {}),
    })),
    environment: (c.environment ?? [])
      .map((e) => ({ name: e.name ?? '', value: e.value ?? '' }))
      .sort((a, b) => a.name.localeCompare(b.name)),
    logConfiguration: { logDriver: 'awslogs', options: { ...(c.logConfiguration?.options ?? {}) } },
    // An empty list is what some readers return for "not set".
    ...(c.entryPoint?.length ? { entryPoint: [...c.entryPoint] } : {}),
    ...(c.command?.length ? { command: [...c.command] } : {}),
    stopTimeout: c.stopTimeout ?? 30,
    ...(hc
      ? { healthCheck: { command: [...(hc.command ?? [])], interval: hc.interval ?? 30, timeout: hc.timeout ?? 5, retries: hc.retries ?? 3, startPeriod: hc.startPeriod ?? 0 } }
      : {}),
  };
}
