// An ObservedStack exactly as the observer would report a fully applied stack:
// the "identical" side of plan tests.
import { imageRef } from '@ecs-twin/manifest';
import {
  emptyObserved,
  serviceSpecHash,
  specHash,
  type DesiredStack,
  type ObservedStack,
} from '../plan/index.js';

export const ACCOUNT = '123456789012';
export const NETWORK = {
  vpcId: 'vpc-1',
  subnets: { 'us-west-1a': 'subnet-a', 'us-west-1b': 'subnet-b' },
};

export function emptyAccount(region = 'us-west-1'): ObservedStack {
  return emptyObserved(ACCOUNT, region, NETWORK);
}

export function observedFromDesired(d: DesiredStack, region = 'us-west-1'): ObservedStack {
  const own = { ownership: 'stack' as const };
  const arn = (x: string) => `arn:aws:test:${region}:${ACCOUNT}:${x}`;
  return {
    ...emptyAccount(region),
    role: { ...own, name: d.role.name, arn: `arn:aws:iam::${ACCOUNT}:role/${d.role.name}`, trustedServices: [d.role.trustedService], managedPolicies: d.role.managedPolicies },
    repositories: Object.fromEntries(d.repositories.map((r) => [r.name, { ...own, name: r.name, uri: `${ACCOUNT}.dkr.ecr/${r.name}` }])),
    images: d.images.map(imageRef),
    logGroups: Object.fromEntries(d.logGroups.map((g) => [g.name, { ...own, name: g.name }])),
    cluster: { ...own, name: d.cluster.name, arn: arn(`cluster/${d.cluster.name}`) },
    namespace: { ...own, name: d.namespace.name, id: 'ns-1', arn: arn('namespace/ns-1') },
    securityGroups: Object.fromEntries(d.securityGroups.map((g) => [g.name, { ...own, name: g.name, id: `sg-${g.name}`, description: g.description, ingress: g.ingress }])),
    loadBalancer: {
      ...own, specHash: specHash(d.loadBalancer), name: d.loadBalancer.name, arn: arn('lb'), dnsName: 'alb.example',
      scheme: d.loadBalancer.scheme, securityGroups: d.loadBalancer.securityGroups, subnets: d.loadBalancer.subnets,
      idleTimeoutSeconds: d.loadBalancer.idleTimeoutSeconds,
    },
    targetGroups: Object.fromEntries(d.targetGroups.map((t) => [t.name, {
      ...own, name: t.name, arn: arn(`tg/${t.name}`), port: t.port, protocol: t.protocol, targetType: t.targetType,
      vpcId: NETWORK.vpcId, healthCheck: t.healthCheck, deregistrationDelaySeconds: t.deregistrationDelaySeconds,
      loadBalancingAlgorithm: t.loadBalancingAlgorithm,
    }])),
    listeners: Object.fromEntries(d.listeners.map((l) => [String(l.port), { ...own, arn: arn(`listener/${l.port}`), port: l.port, protocol: l.protocol, targetGroupName: l.targetGroupName }])),
    taskDefinitions: Object.fromEntries(d.taskDefinitions.map((t) => [t.family, {
      ...own, family: t.family, arn: arn(`task-definition/${t.family}:1`), revision: 1, content: t.content,
      activeRevisions: [arn(`task-definition/${t.family}:1`)],
    }])),
    services: Object.fromEntries(d.services.map((s) => [s.serviceName, {
      ...own, specHash: serviceSpecHash(s), serviceName: s.serviceName, arn: arn(`service/${s.serviceName}`),
      taskDefinition: `${s.family}:1`, desiredCount: s.desiredCount, runningCount: s.desiredCount, pendingCount: 0,
      launchType: s.config.launchType, platformVersion: s.config.platformVersion, network: s.config.network,
      loadBalancers: s.config.loadBalancers, ...(s.config.serviceConnect ? { serviceConnect: s.config.serviceConnect } : {}),
      deployment: s.config.deployment, healthCheckGracePeriodSeconds: s.config.healthCheckGracePeriodSeconds,
    }])),
    scalableTargets: Object.fromEntries(d.scalableTargets.map((t) => [t.serviceName, { ...t }])),
    scalingPolicies: Object.fromEntries(d.scalingPolicies.map((p) => [`${p.serviceName}/${p.policyName}`, { ...p }])),
  };
}
