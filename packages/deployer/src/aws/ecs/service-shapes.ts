// Our ServiceInput/ServiceRecord <-> ECS request and response shapes. Pure.
import { createHash } from 'node:crypto';
import type { CreateServiceCommandInput, Service, ServiceConnectConfiguration, UpdateServiceCommandInput } from '@aws-sdk/client-ecs';
import type { ServiceConnectInput, ServiceInput, ServiceRecord, ServiceUpdate } from '../../ports/index.js';
import { fromKeyValue } from '../tags.js';

export function serviceConnectShape(sc: ServiceConnectInput): ServiceConnectConfiguration {
  return {
    enabled: sc.enabled,
    ...(sc.namespace ? { namespace: sc.namespace } : {}),
    services: sc.services.map((s) => ({
      portName: s.portName,
      discoveryName: s.discoveryName,
      clientAliases: s.clientAliases.map((a) => ({ port: a.port, dnsName: a.dnsName })),
      // ECS rejects perRequestTimeoutSeconds for a port mapping without appProtocol (plain TCP).
      timeout: {
        idleTimeoutSeconds: s.timeout.idleTimeoutSeconds,
        ...(s.timeout.perRequestTimeoutSeconds !== undefined ? { perRequestTimeoutSeconds: s.timeout.perRequestTimeoutSeconds } : {}),
      },
    })),
  };
}

function networkShape(n: { subnets: readonly string[]; securityGroupIds: readonly string[]; assignPublicIp: boolean }) {
  return {
    awsvpcConfiguration: {
      subnets: [...n.subnets],
      securityGroups: [...n.securityGroupIds],
      assignPublicIp: n.assignPublicIp ? ('ENABLED' as const) : ('DISABLED' as const),
    },
  };
}

function deploymentShape(d: ServiceInput['deployment']) {
  return {
    minimumHealthyPercent: d.minimumHealthyPercent,
    maximumPercent: d.maximumPercent,
    deploymentCircuitBreaker: { enable: d.circuitBreaker.enable, rollback: d.circuitBreaker.rollback },
  };
}

const loadBalancerShape = (ls: ServiceInput['loadBalancers']) =>
  ls.map((l) => ({ targetGroupArn: l.targetGroupArn, containerName: l.containerName, containerPort: l.containerPort }));

/** The fields CreateService sends. */
export function serviceFields(i: ServiceInput) {
  return {
    cluster: i.cluster,
    taskDefinition: i.taskDefinitionArn,
    ...(i.desiredCount !== undefined ? { desiredCount: i.desiredCount } : {}),
    platformVersion: i.platformVersion,
    networkConfiguration: networkShape(i),
    loadBalancers: loadBalancerShape(i.loadBalancers),
    ...(i.serviceConnect ? { serviceConnectConfiguration: serviceConnectShape(i.serviceConnect) } : {}),
    deploymentConfiguration: deploymentShape(i.deployment),
    // ECS accepts a grace period only for services behind a load balancer.
    ...(i.loadBalancers.length > 0 && i.healthCheckGracePeriodSeconds !== undefined
      ? { healthCheckGracePeriodSeconds: i.healthCheckGracePeriodSeconds }
      : {}),
  };
}

/** UpdateService with only the fields given: each network, load balancer or Service Connect field starts a rolling deployment. */
export function updateServiceInput(u: ServiceUpdate): UpdateServiceCommandInput {
  return {
    cluster: u.cluster,
    service: u.serviceName,
    ...(u.taskDefinitionArn !== undefined ? { taskDefinition: u.taskDefinitionArn } : {}),
    ...(u.desiredCount !== undefined ? { desiredCount: u.desiredCount } : {}),
    ...(u.platformVersion !== undefined ? { platformVersion: u.platformVersion } : {}),
    ...(u.network ? { networkConfiguration: networkShape(u.network) } : {}),
    ...(u.loadBalancers ? { loadBalancers: loadBalancerShape(u.loadBalancers) } : {}),
    ...(u.serviceConnect ? { serviceConnectConfiguration: serviceConnectShape(u.serviceConnect) } : {}),
    ...(u.deployment ? { deploymentConfiguration: deploymentShape(u.deployment) } : {}),
    ...(u.healthCheckGracePeriodSeconds !== undefined ? { healthCheckGracePeriodSeconds: u.healthCheckGracePeriodSeconds } : {}),
    ...(u.forceNewDeployment ? { forceNewDeployment: true } : {}),
  };
}

/**
 * CreateService's idempotency token (at most 36 ASCII characters): the same
 * stack, service and spec give the same token, so a retry after a lost answer
 * returns the service created the first time instead of failing.
 */
export function serviceClientToken(stack: string, serviceName: string, specHash: string): string {
  return createHash('sha256').update(`${stack}\0${serviceName}\0${specHash}`).digest('hex').slice(0, 32);
}

export function createServiceInput(i: ServiceInput, tags: readonly { key: string; value: string }[], clientToken?: string): CreateServiceCommandInput {
  return {
    ...serviceFields(i),
    ...(clientToken ? { clientToken } : {}),
    serviceName: i.serviceName,
    desiredCount: i.desiredCount ?? 1,
    launchType: i.launchType as 'FARGATE',
    schedulingStrategy: 'REPLICA',
    deploymentController: { type: 'ECS' },
    propagateTags: 'SERVICE',
    enableECSManagedTags: true,
    tags: [...tags],
  };
}

export function fromService(s: Service): ServiceRecord {
  const vpc = s.networkConfiguration?.awsvpcConfiguration;
  const primary = s.deployments?.find((d) => d.status === 'PRIMARY');
  const sc = primary?.serviceConnectConfiguration;
  const dc = s.deploymentConfiguration;
  return {
    serviceName: s.serviceName ?? '',
    arn: s.serviceArn ?? '',
    status: s.status ?? '',
    taskDefinitionArn: s.taskDefinition ?? '',
    desiredCount: s.desiredCount ?? 0,
    runningCount: s.runningCount ?? 0,
    pendingCount: s.pendingCount ?? 0,
    ...(s.launchType ? { launchType: s.launchType } : {}),
    ...(s.platformVersion ? { platformVersion: s.platformVersion } : {}),
    ...(vpc
      ? { network: { subnets: [...(vpc.subnets ?? [])], securityGroups: [...(vpc.securityGroups ?? [])], assignPublicIp: vpc.assignPublicIp === 'ENABLED' } }
      : {}),
    ...(s.loadBalancers
      ? { loadBalancers: s.loadBalancers.map((l) => ({ targetGroupArn: l.targetGroupArn ?? '', containerName: l.containerName ?? '', containerPort: l.containerPort ?? 0 })) }
      : {}),
    ...(sc
      ? {
          serviceConnect: {
            enabled: sc.enabled ?? false,
            namespace: sc.namespace ?? '',
            services: (sc.services ?? []).map((x) => ({
              portName: x.portName ?? '',
              discoveryName: x.discoveryName ?? x.portName ?? '',
              clientAliases: (x.clientAliases ?? []).map((a) => ({ port: a.port ?? 0, dnsName: a.dnsName ?? '' })),
              timeout: {
                idleTimeoutSeconds: x.timeout?.idleTimeoutSeconds ?? 300,
                ...(x.timeout?.perRequestTimeoutSeconds !== undefined ? { perRequestTimeoutSeconds: x.timeout.perRequestTimeoutSeconds } : {}),
              },
            })),
          },
        }
      : {}),
    ...(dc
      ? {
          deployment: {
            minimumHealthyPercent: dc.minimumHealthyPercent ?? 100,
            maximumPercent: dc.maximumPercent ?? 200,
            circuitBreaker: { enable: dc.deploymentCircuitBreaker?.enable ?? false, rollback: dc.deploymentCircuitBreaker?.rollback ?? false },
          },
        }
      : {}),
    ...(s.healthCheckGracePeriodSeconds !== undefined ? { healthCheckGracePeriodSeconds: s.healthCheckGracePeriodSeconds } : {}),
    deployments: (s.deployments ?? []).map((d) => ({
      status: d.status ?? '',
      taskDefinitionArn: d.taskDefinition ?? '',
      ...(d.rolloutState ? { rolloutState: d.rolloutState } : {}),
      ...(d.rolloutStateReason ? { rolloutStateReason: d.rolloutStateReason } : {}),
      running: d.runningCount ?? 0,
      desired: d.desiredCount ?? 0,
      failedTasks: d.failedTasks ?? 0,
    })),
    events: (s.events ?? []).map((e) => e.message ?? ''),
    tags: fromKeyValue(s.tags),
  };
}
