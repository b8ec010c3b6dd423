// Cluster, namespace, task definitions, services and autoscaling.
import { stackTags } from '../../aws/tags.js';
import { scalableResourceId } from '@ecs-twin/manifest';
import { serviceClientToken } from '../../aws/ecs/service-shapes.js';
import { desiredCountFor, serviceSpecHash, type DesiredService, type PlanStep } from '../../plan/index.js';
import type { ServiceInput, ServiceUpdate } from '../../ports/index.js';
import type { ApplyContext } from '../context.js';
import { retryWhile } from '../retry.js';
import { serviceConnectRestarts } from '../service-connect-order.js';
import { waitUntilInactive } from '../wait-inactive.js';

/**
 * On a fresh account CreateCluster creates the ECS service-linked role
 * asynchronously; a CreateService with load balancers seconds later fails with
 * this message until the role exists.
 */
export const SERVICE_LINKED_ROLE_NOT_READY = /unable to assume the service linked role/i;
const SERVICE_LINKED_ROLE_WAIT_MS = 60_000;

export async function clusterStep(step: PlanStep, ctx: ApplyContext): Promise<string | void> {
  if (step.action === 'delete') {
    // Deleted services stay DRAINING for a while; the cluster refuses until they are gone.
    return retryWhile(() => ctx.ports.ecs.deleteCluster(step.name), {
      codes: ['ClusterContainsServicesException', 'ClusterContainsTasksException', 'UpdateInProgressException'],
      timeoutMs: ctx.deleteTimeoutMs, what: `delete cluster ${step.name}`,
    }, ctx.clock, ctx.emit);
  }
  // Services behind a load balancer need AWSServiceRoleForECS; create it first rather than rely on CreateCluster.
  await ctx.ports.roles.ensureServiceLinkedRole('ecs.amazonaws.com');
  return ctx.ports.ecs.createCluster(step.name, stackTags(ctx.desired.stack));
}

export async function namespaceStep(step: PlanStep, ctx: ApplyContext): Promise<string | void> {
  if (step.action === 'delete') {
    const id = ctx.observed.namespace!.id;
    // Service Connect deregisters its Cloud Map services asynchronously after the ECS services go.
    return retryWhile(() => ctx.ports.namespaces.delete(id), {
      codes: ['ResourceInUse'], timeoutMs: ctx.deleteTimeoutMs, what: `delete namespace ${step.name}`,
    }, ctx.clock, ctx.emit);
  }
  const ns = await ctx.ports.namespaces.create(step.name, stackTags(ctx.desired.stack));
  ctx.refs.namespaceArn = ns.arn;
  ctx.refs.namespaceId = ns.id;
  return ns.arn;
}

export async function taskDefinitionStep(step: PlanStep, ctx: ApplyContext): Promise<string | void> {
  if (step.action === 'delete') {
    return ctx.ports.ecs.deregisterTaskDefinitions(ctx.observed.taskDefinitions[step.name]!.activeRevisions);
  }
  const td = ctx.desired.taskDefinitions.find((t) => t.family === step.name)!;
  // The role's ARN as IAM reported it (a role with a path has more than its name in it).
  const content = ctx.refs.roleArn && td.content.executionRoleArn.endsWith(`/${ctx.desired.role.name}`)
    ? { ...td.content, executionRoleArn: ctx.refs.roleArn }
    : td.content;
  const registered = await ctx.ports.ecs.registerTaskDefinition(content, stackTags(ctx.desired.stack));
  ctx.refs.taskDefinitionArns.set(td.family, registered.arn);
  return `${td.family}:${registered.revision}`;
}

export function serviceInput(s: DesiredService, ctx: ApplyContext, desiredCount: number | undefined): ServiceInput {
  const cfg = s.config;
  return {
    cluster: s.cluster,
    serviceName: s.serviceName,
    taskDefinitionArn: ctx.refs.need(ctx.refs.taskDefinitionArns.get(s.family), `task definition ${s.family}`),
    ...(desiredCount !== undefined ? { desiredCount } : {}),
    launchType: cfg.launchType,
    platformVersion: cfg.platformVersion,
    subnets: cfg.network.subnets,
    securityGroupIds: cfg.network.securityGroups.map((n) => ctx.refs.groupId(n)),
    assignPublicIp: cfg.network.assignPublicIp,
    loadBalancers: cfg.loadBalancers.map((l) => ({ targetGroupArn: ctx.refs.targetGroupArn(l.targetGroupName), containerName: l.containerName, containerPort: l.containerPort })),
    ...(cfg.serviceConnect
      ? { serviceConnect: { ...cfg.serviceConnect, namespace: ctx.refs.namespaceArn ?? cfg.serviceConnect.namespace } }
      : {}),
    deployment: cfg.deployment,
    healthCheckGracePeriodSeconds: cfg.healthCheckGracePeriodSeconds,
  };
}

/** UpdateService with only what the plan changes: every other field would start a full rolling deployment. */
export function serviceUpdate(s: DesiredService, step: PlanStep, ctx: ApplyContext): ServiceUpdate {
  const changed = new Set(step.changes.map((c) => c.field));
  const full = serviceInput(s, ctx, undefined);
  const observed = ctx.observed.services[s.serviceName];
  return {
    cluster: s.cluster,
    serviceName: s.serviceName,
    ...(changed.has('taskDefinition') || changed.has('forceNewDeployment') ? { taskDefinitionArn: full.taskDefinitionArn } : {}),
    ...(changed.has('desiredCount') ? { desiredCount: desiredCountFor(s, observed) } : {}),
    ...(changed.has('platformVersion') ? { platformVersion: full.platformVersion } : {}),
    ...(changed.has('network') ? { network: { subnets: full.subnets, securityGroupIds: full.securityGroupIds, assignPublicIp: full.assignPublicIp } } : {}),
    ...(changed.has('loadBalancers') ? { loadBalancers: full.loadBalancers } : {}),
    ...(changed.has('serviceConnect') && full.serviceConnect ? { serviceConnect: full.serviceConnect } : {}),
    ...(changed.has('serviceConnect') && !full.serviceConnect ? { serviceConnect: { enabled: false, namespace: '', services: [] } } : {}),
    ...(changed.has('deployment') ? { deployment: full.deployment } : {}),
    // ECS accepts a grace period only for services behind a load balancer.
    ...(changed.has('healthCheckGracePeriodSeconds') && full.loadBalancers.length > 0 ? { healthCheckGracePeriodSeconds: full.healthCheckGracePeriodSeconds! } : {}),
    ...(changed.has('forceNewDeployment') ? { forceNewDeployment: true } : {}),
  };
}

/** Service creates and updates; deletes are batched so all services drain at once. */
export async function serviceSteps(steps: readonly PlanStep[], ctx: ApplyContext): Promise<void> {
  const ecs = ctx.ports.ecs;
  const cluster = ctx.desired.cluster.name;
  const creates = steps.filter((s) => s.action === 'create').map((s) => s.name);
  // A service deleted moments ago (apply right after destroy) is still DRAINING: its name is not free yet.
  const draining = ctx.observed.drainingServices.filter((n) => creates.includes(n));
  if (draining.length > 0) {
    ctx.emit({ type: 'progress', message: `${draining.join(', ')} still DRAINING from a delete: waiting until INACTIVE before creating` });
    await waitUntilInactive(ecs, cluster, draining, ctx.deleteTimeoutMs, ctx.clock, ctx.emit);
  }
  for (const step of steps.filter((s) => s.action !== 'delete')) {
    ctx.emit({ type: 'step-started', step });
    const s = ctx.desired.services.find((x) => x.serviceName === step.name)!;
    const observed = ctx.observed.services[s.serviceName];
    const specHash = serviceSpecHash(s);
    const hash = stackTags(ctx.desired.stack, specHash);
    if (step.action === 'create') {
      const input = serviceInput(s, ctx, s.desiredCount);
      const token = serviceClientToken(ctx.desired.stack, s.serviceName, `${specHash}:${input.taskDefinitionArn}`);
      const arn = await retryWhile(() => ecs.createService(input, hash, token), {
        codes: ['InvalidParameterException'], message: SERVICE_LINKED_ROLE_NOT_READY,
        timeoutMs: SERVICE_LINKED_ROLE_WAIT_MS, what: `create service ${s.serviceName} (the ECS service-linked role is not usable yet)`,
      }, ctx.clock, ctx.emit);
      ctx.refs.serviceArns.set(s.serviceName, arn);
    } else {
      await ecs.updateService(serviceUpdate(s, step, ctx));
      if (observed?.specHash !== hash['ecs-twin:spec-hash']) await ecs.tagService(observed!.arn, hash);
    }
    ctx.emit({ type: 'step-done', step });
  }
  await restartForServiceConnect(steps, ctx);
  const deletes = steps.filter((s) => s.action === 'delete');
  if (deletes.length === 0) return;
  for (const step of deletes) {
    ctx.emit({ type: 'step-started', step });
    await ecs.scaleToZeroAndDelete(cluster, step.name);
  }
  ctx.emit({ type: 'progress', message: `waiting for ${deletes.map((s) => s.name).join(', ')} to drain and become INACTIVE` });
  await waitUntilInactive(ecs, cluster, deletes.map((s) => s.name), ctx.deleteTimeoutMs, ctx.clock, ctx.emit);
  for (const step of deletes) ctx.emit({ type: 'step-done', step });
}

/** New discovery names are resolved only by tasks started after they exist: replace the earlier ones. */
async function restartForServiceConnect(steps: readonly PlanStep[], ctx: ApplyContext): Promise<void> {
  const restart = serviceConnectRestarts(steps, ctx.desired.services, ctx.observed);
  if (restart.length === 0) return;
  ctx.emit({ type: 'progress', message: `new Service Connect names appeared: new deployment of ${restart.join(', ')} so their tasks resolve them` });
  for (const name of restart) {
    const s = ctx.desired.services.find((x) => x.serviceName === name)!;
    const taskDefinitionArn = ctx.refs.need(ctx.refs.taskDefinitionArns.get(s.family), `task definition ${s.family}`);
    await ctx.ports.ecs.updateService({ cluster: s.cluster, serviceName: name, taskDefinitionArn, forceNewDeployment: true });
    ctx.refs.restartedServices.add(name);
  }
}

export async function scalableTargetStep(step: PlanStep, ctx: ApplyContext): Promise<void> {
  const resourceId = scalableResourceId(ctx.desired.cluster.name, step.name);
  if (step.action === 'delete') return ctx.ports.scaling.deregisterTarget(resourceId);
  const t = ctx.desired.scalableTargets.find((x) => x.serviceName === step.name)!;
  // Tags can only be given when the target is first registered.
  const tags = step.action === 'create' ? stackTags(ctx.desired.stack) : {};
  await ctx.ports.scaling.registerTarget(t.resourceId, t.minCapacity, t.maxCapacity, tags);
}

export async function scalingPolicyStep(step: PlanStep, ctx: ApplyContext): Promise<void> {
  if (step.action === 'delete') {
    const p = ctx.observed.scalingPolicies[step.name]!;
    return ctx.ports.scaling.deletePolicy(p.resourceId, p.policyName);
  }
  const p = ctx.desired.scalingPolicies.find((x) => `${x.serviceName}/${x.policyName}` === step.name)!;
  await ctx.ports.scaling.putPolicy(p);
}
