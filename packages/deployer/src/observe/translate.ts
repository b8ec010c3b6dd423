// Ids and ARNs -> the manifest's names, so the plan compares like with like. Pure.
import { ownedBy } from '../aws/tags.js';
import type { DesiredIngressRule, ObservedListener, ObservedLoadBalancer, ObservedSecurityGroup, ObservedService } from '../plan/index.js';
import type { ListenerRecord, LoadBalancerRecord, SecurityGroupRecord, ServiceRecord } from '../ports/index.js';

export interface Names {
  /** Security group id -> name. */
  readonly securityGroups: ReadonlyMap<string, string>;
  /** Target group ARN -> name. */
  readonly targetGroups: ReadonlyMap<string, string>;
  /** Namespace ARN -> name. */
  readonly namespaces: ReadonlyMap<string, string>;
}

const nameOr = (m: ReadonlyMap<string, string>, id: string) => m.get(id) ?? id;
const sorted = (xs: readonly string[]) => [...xs].sort();

/** `arn:aws:ecs:r:a:task-definition/family:3` -> `family:3` */
export function taskDefinitionRef(arn: string): string {
  return arn.slice(arn.lastIndexOf('/') + 1);
}

export function toObservedSecurityGroup(g: SecurityGroupRecord, names: Names, stack: string): ObservedSecurityGroup {
  const ingress: DesiredIngressRule[] = g.ingress.map((r) => ({
    port: r.port,
    from: r.groupId ? nameOr(names.securityGroups, r.groupId) : r.cidr === '0.0.0.0/0' ? 'anywhere' : (r.cidr ?? ''),
  }));
  return { ...ownedBy(g.tags, stack), name: g.name, id: g.id, description: g.description, ingress };
}

export function toObservedLoadBalancer(lb: LoadBalancerRecord, names: Names, stack: string): ObservedLoadBalancer {
  return {
    ...ownedBy(lb.tags, stack),
    name: lb.name,
    arn: lb.arn,
    dnsName: lb.dnsName,
    scheme: lb.scheme,
    securityGroups: sorted(lb.securityGroupIds.map((id) => nameOr(names.securityGroups, id))),
    subnets: sorted(lb.subnetIds),
    ...(lb.idleTimeoutSeconds !== undefined ? { idleTimeoutSeconds: lb.idleTimeoutSeconds } : {}),
  };
}

export function toObservedListener(l: ListenerRecord, names: Names, stack: string): ObservedListener {
  return {
    ...ownedBy(l.tags, stack),
    arn: l.arn,
    port: l.port,
    protocol: l.protocol,
    ...(l.targetGroupArn ? { targetGroupName: nameOr(names.targetGroups, l.targetGroupArn) } : {}),
  };
}

export function toObservedService(s: ServiceRecord, names: Names, stack: string): ObservedService {
  return {
    ...ownedBy(s.tags, stack),
    serviceName: s.serviceName,
    arn: s.arn,
    taskDefinition: taskDefinitionRef(s.taskDefinitionArn),
    desiredCount: s.desiredCount,
    runningCount: s.runningCount,
    pendingCount: s.pendingCount,
    ...(s.launchType ? { launchType: s.launchType } : {}),
    ...(s.platformVersion ? { platformVersion: s.platformVersion } : {}),
    ...(s.network
      ? {
          network: {
            subnets: sorted(s.network.subnets),
            securityGroups: sorted(s.network.securityGroups.map((id) => nameOr(names.securityGroups, id))),
            assignPublicIp: s.network.assignPublicIp,
          },
        }
      : {}),
    ...(s.loadBalancers
      ? { loadBalancers: s.loadBalancers.map((l) => ({ targetGroupName: nameOr(names.targetGroups, l.targetGroupArn), containerName: l.containerName, containerPort: l.containerPort })) }
      : {}),
    ...(s.serviceConnect ? { serviceConnect: { ...s.serviceConnect, namespace: nameOr(names.namespaces, s.serviceConnect.namespace) } } : {}),
    ...(s.deployment ? { deployment: s.deployment } : {}),
    ...(s.healthCheckGracePeriodSeconds !== undefined ? { healthCheckGracePeriodSeconds: s.healthCheckGracePeriodSeconds } : {}),
    ...(s.deployments.length > 0 ? { rollout: rolloutOf(s) } : {}),
  };
}

function rolloutOf(s: ServiceRecord): NonNullable<ObservedService['rollout']> {
  const primary = s.deployments.find((d) => d.status === 'PRIMARY');
  return {
    ...(primary?.rolloutState ? { primary: primary.rolloutState } : {}),
    ...(primary?.rolloutStateReason ? { reason: primary.rolloutStateReason } : {}),
    inProgress: s.deployments.some((d) => d.rolloutState === 'IN_PROGRESS'),
  };
}
