// Our ServiceInput/ServiceRecord <-> ECS request and response shapes. Pure.
import type { CreateServiceCommandInput, Service, ServiceConnectConfiguration } from '@aws-sdk/client-ecs';
import type { ServiceConnectInput, ServiceInput, ServiceRecord } from '../../ports/index.js';
import { fromKeyValue } from '../tags.js';

export function serviceConnectShape(sc: ServiceConnectInput): ServiceConnectConfiguration {
  return {
    enabled: sc.enabled,
    namespace: sc.namespace,
    services: sc.services.map((s) => ({
      portName: s.portName,
      discoveryName: s.discoveryName,
      clientAliases: s.clientAliases.map((a) => ({ port: a.port, dnsName: a.dnsName })),
      timeout: { idleTimeoutSeconds: s.timeout.idleTimeoutSeconds, perRequestTimeoutSeconds: s.timeout.perRequestTimeoutSeconds },
    })),
  };
}

/** The fields CreateService and UpdateService share. */
export function serviceFields(i: ServiceInput) {
  return {
    cluster: i.cluster,
    taskDefinition: i.taskDefinitionArn,
    ...(i.desiredCount !== undefined ? { desiredCount: i.desiredCount } : {}),
    platformVersion: i.platformVersion,
    networkConfiguration: {
      awsvpcConfiguration: {
        subnets: [...i.subnets],
        securityGroups: [...i.securityGroupIds],
        assignPublicIp: i.assignPublicIp ? ('ENABLED' as const) : ('DISABLED' as const),
      },
    },
    loadBalancers: i.loadBalancers.map((l) => ({ targetGroupArn: l.targetGroupArn, containerName: l.containerName, containerPort: l.containerPort })),
    ...(i.serviceConnect ? { serviceConnectConfiguration: serviceConnectShape(i.serviceConnect) } : {}),
    deploymentConfiguration: {
      minimumHealthyPercent: i.deployment.minimumHealthyPercent,
      maximumPercent: i.deployment.maximumPercent,
      deploymentCircuitBreaker: { enable: i.deployment.circuitBreaker.enable, rollback: i.deployment.circuitBreaker.rollback },
    },
    // ECS accepts a grace period only for services behind a load balancer.
    ...(i.loadBalancers.length > 0 && i.healthCheckGracePeriodSeconds !== undefined
      ? { healthCheckGracePeriodSeconds: i.healthCheckGracePeriodSeconds }
      : {}),
  };
}

export function createServiceInput(i: ServiceInput, tags: readonly { key: string; value: string }[]): CreateServiceCommandInput {
  return {
    ...serviceFields(i),
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
              timeout: { idleTimeoutSeconds: x.timeout?.idleTimeoutSeconds ?? 300, perRequestTimeoutSeconds: x.timeout?.perRequestTimeoutSeconds ?? 15 },
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
      ...(d.rolloutState ? { rolloutState: d.rolloutState } : {}),
      running: d.runningCount ?? 0,
      desired: d.desiredCount ?? 0,
    })),
    events: (s.events ?? []).map((e) => e.message ?? ''),
    tags: fromKeyValue(s.tags),
  };
}
