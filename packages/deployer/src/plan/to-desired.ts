// Stack (the manifest's view) -> DesiredStack (the AWS resources it implies). Pure.
import { imageRef, mainContainer, scalableResourceId, type ContainerDefinitionSpec, type ServiceSpec, type Stack } from '@ecs-twin/manifest';
import type {
  ContainerContent,
  DesiredService,
  DesiredStack,
  DesiredTaskDefinition,
  ServiceConfig,
} from './desired-types.js';

/** Facts about the account and network the desired state depends on. */
export interface DeployEnv {
  readonly account: string;
  readonly region: string;
  /** Manifest subnet spec -> subnet id(s) (`default`: two); unresolved specs are kept as given. */
  readonly subnets: Readonly<Record<string, string | readonly string[]>>;
  /** Role name -> ARN as IAM reports it: a role with a path is not `role/<name>`. */
  readonly roleArns?: Readonly<Record<string, string>>;
}

export function partitionOf(region: string): string {
  if (region.startsWith('cn-')) return 'aws-cn';
  if (region.startsWith('us-gov-')) return 'aws-us-gov';
  return 'aws';
}

export function ecrRegistry(account: string, region: string): string {
  return `${account}.dkr.ecr.${region}.amazonaws.com`;
}

const uniqueSorted = (xs: readonly string[]): string[] => [...new Set(xs)].sort();

export function toDesired(stack: Stack, env: DeployEnv): DesiredStack {
  const subnets = uniqueSorted(stack.network.subnets.flatMap((s) => env.subnets[s] ?? s));
  const built = stack.services.filter((s) => s.build !== undefined);
  return {
    stack: stack.stack,
    region: env.region,
    role: {
      name: stack.executionRole.name,
      trustedService: stack.executionRole.trustedService,
      managedPolicies: uniqueSorted(stack.executionRole.managedPolicies),
    },
    repositories: uniqueSorted(built.map((s) => mainContainerOf(s).image.repository)).map((name) => ({ name })),
    images: built.map((s) => ({
      repository: mainContainerOf(s).image.repository,
      tag: mainContainerOf(s).image.tag,
      context: s.build!.context,
      dockerfile: s.build!.dockerfile,
      platform: dockerPlatform(s.taskDefinition.runtimePlatform.cpuArchitecture),
    })),
    logGroups: uniqueSorted(
      stack.services.flatMap((s) => s.taskDefinition.containers.map((c) => c.logConfiguration.group)),
    ).map((name) => ({ name })),
    cluster: { name: stack.cluster.name },
    namespace: { name: stack.serviceConnect.namespace },
    securityGroups: stack.network.securityGroups.map((g) => ({
      name: g.name,
      description: g.description,
      ingress: g.ingress.map((r) => ({ port: r.port, from: r.from })),
    })),
    loadBalancer: {
      name: stack.loadBalancer.name,
      scheme: stack.loadBalancer.scheme,
      idleTimeoutSeconds: stack.loadBalancer.idleTimeoutSeconds,
      securityGroups: uniqueSorted(stack.loadBalancer.securityGroups),
      subnets,
    },
    targetGroups: stack.loadBalancer.targetGroups.map((tg) => ({
      name: tg.name,
      port: tg.port,
      protocol: tg.protocol,
      targetType: tg.targetType,
      healthCheck: {
        protocol: 'HTTP',
        path: tg.healthCheck.path,
        port: String(tg.healthCheck.port),
        intervalSeconds: tg.healthCheck.intervalSeconds,
        timeoutSeconds: tg.healthCheck.timeoutSeconds,
        healthyThresholdCount: tg.healthCheck.healthyThresholdCount,
        unhealthyThresholdCount: tg.healthCheck.unhealthyThresholdCount,
        matcher: tg.healthCheck.matcher,
      },
      deregistrationDelaySeconds: tg.deregistrationDelaySeconds,
      loadBalancingAlgorithm: tg.loadBalancingAlgorithm,
    })),
    listeners: stack.loadBalancer.listeners.map((l) => ({ port: l.port, protocol: l.protocol, targetGroupName: l.targetGroupName })),
    taskDefinitions: stack.services.map((s) => taskDefinition(stack, s, env)),
    services: stack.services.map((s) => service(stack, s, subnets)),
    scalableTargets: stack.services.flatMap((s) =>
      s.autoscaling
        ? [{ serviceName: s.serviceName, resourceId: resourceId(stack, s), minCapacity: s.autoscaling.minCapacity, maxCapacity: s.autoscaling.maxCapacity }]
        : [],
    ),
    scalingPolicies: stack.services.flatMap((s) =>
      (s.autoscaling?.policies ?? []).map((p) => ({
        serviceName: s.serviceName,
        resourceId: resourceId(stack, s),
        policyName: `${s.serviceName}-${p.name}`,
        metric: p.metric,
        targetValue: p.targetValue,
        scaleOutCooldownSeconds: p.scaleOutCooldownSeconds,
        scaleInCooldownSeconds: p.scaleInCooldownSeconds,
        disableScaleIn: p.disableScaleIn,
      })),
    ),
  };
}

/** runtimePlatform.cpuArchitecture -> the Docker platform to build for (an arm64 laptop builds arm64 by default). */
export function dockerPlatform(cpuArchitecture: string): string {
  return cpuArchitecture === 'ARM64' ? 'linux/arm64' : 'linux/amd64';
}

export function resourceId(stack: Stack, s: ServiceSpec): string {
  return scalableResourceId(stack.cluster.name, s.serviceName);
}

function mainContainerOf(s: ServiceSpec): ContainerDefinitionSpec {
  return mainContainer(s, s.taskDefinition);
}

function taskDefinition(stack: Stack, s: ServiceSpec, env: DeployEnv): DesiredTaskDefinition {
  const td = s.taskDefinition;
  const builtRepo = s.build ? mainContainerOf(s).image.repository : undefined;
  const containers = td.containers.map((c) => container(stack, c, env, c.image.repository === builtRepo));
  return {
    family: td.family,
    content: {
      family: td.family,
      cpu: String(td.cpu),
      memory: String(td.memory),
      networkMode: td.networkMode,
      requiresCompatibilities: [...td.requiresCompatibilities],
      runtimePlatform: { ...td.runtimePlatform },
      executionRoleArn: env.roleArns?.[td.executionRoleName] ?? `arn:${partitionOf(env.region)}:iam::${env.account}:role/${td.executionRoleName}`,
      containers,
    },
  };
}

function container(stack: Stack, c: ContainerDefinitionSpec, env: DeployEnv, fromEcr: boolean): ContainerContent {
  const image = fromEcr
    ? `${ecrRegistry(env.account, env.region)}/${imageRef(c.image)}`
    : imageRef(c.image);
  // --region overrides the manifest's region; a log region left at the manifest's
  // default follows it, so logs stay beside the tasks.
  const logRegion = c.logConfiguration.region === stack.region ? env.region : c.logConfiguration.region;
  const options: Record<string, string> = {
    'awslogs-group': c.logConfiguration.group,
    'awslogs-region': logRegion,
    'awslogs-stream-prefix': c.logConfiguration.streamPrefix,
  };
  if (c.logConfiguration.createGroup) options['awslogs-create-group'] = 'true';
  return {
    name: c.name,
    image,
    essential: c.essential,
    portMappings: c.portMappings.map((p) => ({
      ...(p.name !== undefined ? { name: p.name } : {}),
      containerPort: p.containerPort,
      protocol: p.protocol,
      ...(p.appProtocol !== undefined ? { appProtocol: p.appProtocol } : {}),
    })),
    environment: Object.entries(c.environment)
      .map(([name, value]) => ({ name, value }))
      .sort((a, b) => a.name.localeCompare(b.name)),
    logConfiguration: { logDriver: 'awslogs', options },
    ...(c.entryPoint ? { entryPoint: [...c.entryPoint] } : {}),
    ...(c.command ? { command: [...c.command] } : {}),
    stopTimeout: c.stopTimeout,
    ...(c.healthCheck
      ? {
          healthCheck: {
            command: [...c.healthCheck.command],
            interval: c.healthCheck.intervalSeconds,
            timeout: c.healthCheck.timeoutSeconds,
            retries: c.healthCheck.retries,
            startPeriod: c.healthCheck.startPeriodSeconds,
          },
        }
      : {}),
  };
}

function hasAppProtocol(s: ServiceSpec, portName: string): boolean {
  return s.taskDefinition.containers.some((c) => c.portMappings.some((p) => p.name === portName && p.appProtocol !== undefined));
}

function service(stack: Stack, s: ServiceSpec, subnets: readonly string[]): DesiredService {
  const sc = s.serviceConnect;
  const config: ServiceConfig = {
    launchType: s.launchType,
    platformVersion: s.platformVersion,
    network: { subnets, securityGroups: uniqueSorted(s.securityGroups), assignPublicIp: stack.network.assignPublicIp },
    loadBalancers: s.loadBalancer
      ? [{ targetGroupName: s.loadBalancer.targetGroupName, containerName: s.loadBalancer.containerName, containerPort: s.loadBalancer.containerPort }]
      : [],
    ...(sc.mode === 'disabled'
      ? {}
      : {
          serviceConnect: {
            enabled: true,
            namespace: sc.namespace,
            services:
              sc.mode === 'client-only'
                ? []
                : sc.services.map((x) => ({
                    portName: x.portName,
                    discoveryName: x.discoveryName,
                    clientAliases: [{ port: x.port, dnsName: x.dnsName }],
                    timeout: {
                      idleTimeoutSeconds: x.idleTimeoutSeconds,
                      // ECS rejects a per-request timeout for a port mapping without appProtocol (plain TCP).
                      ...(hasAppProtocol(s, x.portName) ? { perRequestTimeoutSeconds: x.perRequestTimeoutSeconds } : {}),
                    },
                  })),
          },
        }),
    deployment: {
      minimumHealthyPercent: s.deployment.minimumHealthyPercent,
      maximumPercent: s.deployment.maximumPercent,
      circuitBreaker: { enable: s.deployment.circuitBreaker.enable, rollback: s.deployment.circuitBreaker.rollback },
    },
    healthCheckGracePeriodSeconds: s.healthCheckGracePeriodSeconds,
  };
  return {
    serviceName: s.serviceName,
    cluster: stack.cluster.name,
    family: s.taskDefinition.family,
    desiredCount: s.desiredCount,
    ...(s.autoscaling ? { scalingRange: { min: s.autoscaling.minCapacity, max: s.autoscaling.maxCapacity } } : {}),
    config,
  };
}
