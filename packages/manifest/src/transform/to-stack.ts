import { resolve } from 'node:path';
import type {
  ContainerDefinitionSpec,
  ImageRef,
  ServiceConnectSpec,
  ServiceSpec,
  Stack,
  TaskDefinitionSpec,
} from '../model/stack.js';
import type { ServiceManifest, StackManifest } from '../schema/index.js';
import { resolveServiceConnect } from './service-connect.js';

type TaskDefinitionManifest = ServiceManifest['taskDefinition'];
type ContainerManifest = TaskDefinitionManifest['containers'][number];

/** Where the manifest came from: relative build contexts resolve against baseDir. */
export interface Origin {
  readonly sourceFile: string;
  readonly baseDir: string;
}

/**
 * Converts a schema-valid manifest into the Stack model, filling the defaults
 * that depend on other fields (log group, execution role, Service Connect names).
 * Pure; cross-field validity is checked separately (validate/).
 */
export function toStack(m: StackManifest, origin: Origin): Stack {
  return {
    stack: m.stack,
    sourceFile: origin.sourceFile,
    baseDir: origin.baseDir,
    region: m.region,
    cluster: { name: m.cluster.name },
    executionRole: { ...m.executionRole },
    network: {
      vpc: m.network.vpc,
      subnets: m.network.subnets,
      assignPublicIp: m.network.assignPublicIp,
      securityGroups: Object.entries(m.network.securityGroups).map(([name, sg]) => ({ name, ...sg })),
    },
    serviceConnect: { namespace: m.serviceConnect.namespace },
    loadBalancer: {
      name: m.loadBalancer.name,
      scheme: m.loadBalancer.scheme,
      idleTimeoutSeconds: m.loadBalancer.idleTimeoutSeconds,
      securityGroups: m.loadBalancer.securityGroups,
      listeners: m.loadBalancer.listeners.map((l) => ({ port: l.port, protocol: l.protocol, targetGroupName: l.targetGroup })),
      targetGroups: Object.entries(m.loadBalancer.targetGroups).map(([name, tg]) => ({ name, ...tg })),
    },
    services: Object.entries(m.services).map(([key, s]) => toService(key, s, m, origin)),
  };
}

function toService(key: string, s: ServiceManifest, m: StackManifest, origin: Origin): ServiceSpec {
  const taskDefinition = toTaskDefinition(s.taskDefinition, m);
  return {
    key,
    serviceName: s.serviceName,
    desiredCount: s.desiredCount,
    launchType: s.launchType,
    platformVersion: s.platformVersion,
    ...(s.build ? { build: { context: resolve(origin.baseDir, s.build.context), dockerfile: s.build.dockerfile } } : {}),
    taskDefinition,
    serviceConnect: toServiceConnect(s, m.serviceConnect.namespace),
    ...(s.loadBalancer
      ? {
          loadBalancer: {
            targetGroupName: s.loadBalancer.targetGroup,
            containerName: s.loadBalancer.container,
            containerPort: s.loadBalancer.containerPort,
          },
        }
      : {}),
    securityGroups: s.securityGroups,
    deployment: s.deployment,
    healthCheckGracePeriodSeconds: s.healthCheckGracePeriodSeconds,
    ...(s.autoscaling ? { autoscaling: s.autoscaling } : {}),
  };
}

function toTaskDefinition(td: TaskDefinitionManifest, m: StackManifest): TaskDefinitionSpec {
  return {
    family: td.family,
    cpu: td.cpu,
    memory: td.memory,
    networkMode: td.networkMode,
    requiresCompatibilities: td.requiresCompatibilities,
    runtimePlatform: td.runtimePlatform,
    executionRoleName: td.executionRole ?? m.executionRole.name,
    containers: td.containers.map((c) => toContainer(c, td.family, m.region)),
  };
}

function toContainer(c: ContainerManifest, family: string, region: string): ContainerDefinitionSpec {
  return {
    name: c.name,
    image: parseImageRef(c.image),
    essential: c.essential,
    portMappings: c.portMappings,
    environment: c.environment,
    logConfiguration: {
      logDriver: 'awslogs',
      group: c.logging.group ?? `/ecs/${family}`,
      region: c.logging.region ?? region,
      streamPrefix: c.logging.streamPrefix,
      createGroup: c.logging.createGroup,
    },
    ...(c.entryPoint ? { entryPoint: c.entryPoint } : {}),
    ...(c.command ? { command: c.command } : {}),
    stopTimeout: c.stopTimeout,
    ...(c.healthCheck ? { healthCheck: c.healthCheck } : {}),
  };
}

/** `service-users:v0.0.1` -> {repository, tag}; the schema guarantees the shape. */
export function parseImageRef(image: string): ImageRef {
  const at = image.lastIndexOf(':');
  return { repository: image.slice(0, at), tag: image.slice(at + 1) };
}

function toServiceConnect(s: ServiceManifest, namespace: string): ServiceConnectSpec {
  const { mode, entries } = resolveServiceConnect(s);
  return { mode, namespace, services: entries.map(({ index: _index, ...entry }) => entry) };
}
