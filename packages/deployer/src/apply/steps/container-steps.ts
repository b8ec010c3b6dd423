// Cluster, namespace, task definitions, services and autoscaling.
import { stackTags } from '../../aws/tags.js';
import { scalableResourceId } from '@ecs-twin/manifest';
import { desiredCountFor, serviceSpecHash, type DesiredService, type PlanStep } from '../../plan/index.js';
import type { ServiceInput } from '../../ports/index.js';
import type { ApplyContext } from '../context.js';
import { retryWhile } from '../retry.js';

export async function clusterStep(step: PlanStep, ctx: ApplyContext): Promise<string | void> {
  if (step.action === 'delete') {
    // Deleted services stay DRAINING for a while; the cluster refuses until they are gone.
    return retryWhile(() => ctx.ports.ecs.deleteCluster(step.name), {
      codes: ['ClusterContainsServicesException', 'ClusterContainsTasksException', 'UpdateInProgressException'],
      timeoutMs: ctx.deleteTimeoutMs, what: `delete cluster ${step.name}`,
    }, ctx.clock, ctx.emit);
  }
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
  const registered = await ctx.ports.ecs.registerTaskDefinition(td.content, stackTags(ctx.desired.stack));
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

/** Service creates and updates; deletes are batched so all services drain at once. */
export async function serviceSteps(steps: readonly PlanStep[], ctx: ApplyContext): Promise<void> {
  const ecs = ctx.ports.ecs;
  for (const step of steps.filter((s) => s.action !== 'delete')) {
    ctx.emit({ type: 'step-started', step });
    const s = ctx.desired.services.find((x) => x.serviceName === step.name)!;
    const observed = ctx.observed.services[s.serviceName];
    const hash = stackTags(ctx.desired.stack, serviceSpecHash(s));
    if (step.action === 'create') {
      ctx.refs.serviceArns.set(s.serviceName, await ecs.createService(serviceInput(s, ctx, s.desiredCount), hash));
    } else {
      // Only send a count when the plan changes it: autoscaling owns it otherwise.
      const count = step.changes.some((c) => c.field === 'desiredCount') ? desiredCountFor(s, observed) : undefined;
      await ecs.updateService(serviceInput(s, ctx, count));
      if (observed?.specHash !== hash['ecs-twin:spec-hash']) await ecs.tagService(observed!.arn, hash);
    }
    ctx.emit({ type: 'step-done', step });
  }
  const deletes = steps.filter((s) => s.action === 'delete');
  if (deletes.length === 0) return;
  const cluster = ctx.desired.cluster.name;
  for (const step of deletes) {
    ctx.emit({ type: 'step-started', step });
    await ecs.scaleToZeroAndDelete(cluster, step.name);
  }
  ctx.emit({ type: 'progress', message: `waiting for ${deletes.map((s) => s.name).join(', ')} to drain and become INACTIVE` });
  await ecs.waitInactive(cluster, deletes.map((s) => s.name), Math.round(ctx.deleteTimeoutMs / 1000));
  for (const step of deletes) ctx.emit({ type: 'step-done', step });
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
