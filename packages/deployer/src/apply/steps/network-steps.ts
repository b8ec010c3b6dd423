// Security groups, the load balancer, target groups and listeners.
import { stackTags } from '../../aws/tags.js';
import { specHash, type DesiredIngressRule, type DesiredTargetGroup, type PlanStep } from '../../plan/index.js';
import type { IngressPermission, TargetGroupInput } from '../../ports/index.js';
import type { ApplyContext } from '../context.js';
import { retryWhile } from '../retry.js';

const ruleKey = (r: DesiredIngressRule) => `${r.port}/${r.from}`;

function permission(r: DesiredIngressRule, ctx: ApplyContext): IngressPermission {
  if (r.from === 'anywhere') return { port: r.port, cidr: '0.0.0.0/0' };
  if (/^\d+\.\d+\.\d+\.\d+\/\d+$/.test(r.from)) return { port: r.port, cidr: r.from };
  return { port: r.port, groupId: ctx.refs.securityGroupIds.get(r.from) ?? r.from };
}

/** All groups first, then their rules: a rule may name a group created in the same run. */
export async function securityGroupSteps(steps: readonly PlanStep[], ctx: ApplyContext): Promise<void> {
  const net = ctx.ports.network;
  const vpcId = ctx.observed.network.vpcId;
  const deletes = steps.filter((s) => s.action === 'delete');
  for (const step of steps.filter((s) => s.action === 'create')) {
    const g = ctx.desired.securityGroups.find((x) => x.name === step.name)!;
    ctx.refs.securityGroupIds.set(g.name, await net.createSecurityGroup(vpcId, g.name, g.description, stackTags(ctx.desired.stack)));
  }
  for (const step of steps.filter((s) => s.action === 'create' || s.action === 'update')) {
    const g = ctx.desired.securityGroups.find((x) => x.name === step.name)!;
    const seen = step.action === 'update' ? ctx.observed.securityGroups[g.name]!.ingress : [];
    const have = new Set(seen.map(ruleKey));
    const want = new Set(g.ingress.map(ruleKey));
    const id = ctx.refs.groupId(g.name);
    await net.authorize(id, g.ingress.filter((r) => !have.has(ruleKey(r))).map((r) => permission(r, ctx)));
    await net.revoke(id, seen.filter((r) => !want.has(ruleKey(r))).map((r) => permission(r, ctx)));
  }
  // Rules that name a group keep it alive: revoke them all before deleting any.
  for (const step of deletes) {
    const seen = ctx.observed.securityGroups[step.name]!;
    await net.revoke(seen.id, seen.ingress.map((r) => permission(r, ctx)));
  }
  for (const step of deletes) {
    const id = ctx.observed.securityGroups[step.name]!.id;
    // Task and load-balancer network interfaces take minutes to go away on AWS.
    await retryWhile(() => net.deleteSecurityGroup(id), { codes: ['DependencyViolation'], timeoutMs: ctx.deleteTimeoutMs, what: `delete security group ${step.name}` }, ctx.clock, ctx.emit);
  }
}

export async function loadBalancerStep(step: PlanStep, ctx: ApplyContext): Promise<string | void> {
  const lbs = ctx.ports.loadBalancing;
  const want = ctx.desired.loadBalancer;
  if (step.action === 'delete') return lbs.deleteLoadBalancer(ctx.observed.loadBalancer!.arn);
  const groupIds = want.securityGroups.map((n) => ctx.refs.groupId(n));
  if (step.action === 'create') {
    const lb = await lbs.createLoadBalancer(
      { name: want.name, scheme: want.scheme, subnetIds: want.subnets, securityGroupIds: groupIds, idleTimeoutSeconds: want.idleTimeoutSeconds },
      stackTags(ctx.desired.stack, specHash(want)),
    );
    ctx.refs.loadBalancerArn = lb.arn;
    ctx.refs.loadBalancerDns = lb.dnsName;
    return lb.dnsName;
  }
  const arn = ctx.observed.loadBalancer!.arn;
  const fields = new Set(step.changes.map((c) => c.field));
  if (fields.has('securityGroups')) await lbs.setSecurityGroups(arn, groupIds);
  if (fields.has('subnets')) await lbs.setSubnets(arn, want.subnets);
  if (fields.has('idleTimeoutSeconds')) await lbs.setIdleTimeout(arn, want.idleTimeoutSeconds);
  await lbs.tag(arn, stackTags(ctx.desired.stack, specHash(want)));
}

function targetGroupInput(t: DesiredTargetGroup, vpcId: string): TargetGroupInput {
  return {
    name: t.name, port: t.port, protocol: t.protocol, targetType: t.targetType, vpcId, healthCheck: t.healthCheck,
    deregistrationDelaySeconds: t.deregistrationDelaySeconds, loadBalancingAlgorithm: t.loadBalancingAlgorithm,
  };
}

export async function targetGroupStep(step: PlanStep, ctx: ApplyContext): Promise<string | void> {
  const lbs = ctx.ports.loadBalancing;
  if (step.action === 'delete') {
    const arn = ctx.observed.targetGroups[step.name]!.arn;
    // Still "in use" while a deleted service drains or a listener goes away.
    return retryWhile(() => lbs.deleteTargetGroup(arn), { codes: ['ResourceInUse', 'ResourceInUseException'], timeoutMs: ctx.deleteTimeoutMs, what: `delete target group ${step.name}` }, ctx.clock, ctx.emit);
  }
  const t = ctx.desired.targetGroups.find((x) => x.name === step.name)!;
  const input = targetGroupInput(t, ctx.observed.network.vpcId);
  if (step.action === 'create') {
    const arn = await lbs.createTargetGroup(input, stackTags(ctx.desired.stack));
    ctx.refs.targetGroupArns.set(t.name, arn);
    return arn;
  }
  await lbs.modifyTargetGroup(ctx.refs.targetGroupArn(t.name), input);
}

export async function listenerStep(step: PlanStep, ctx: ApplyContext): Promise<string | void> {
  const lbs = ctx.ports.loadBalancing;
  if (step.action === 'delete') return lbs.deleteListener(ctx.observed.listeners[step.name]!.arn);
  const l = ctx.desired.listeners.find((x) => String(x.port) === step.name)!;
  const tg = ctx.refs.targetGroupArn(l.targetGroupName);
  if (step.action === 'create') {
    const lbArn = ctx.refs.need(ctx.refs.loadBalancerArn, 'load balancer');
    const arn = await lbs.createListener(lbArn, l.port, l.protocol, tg, stackTags(ctx.desired.stack));
    ctx.refs.listenerArns.set(step.name, arn);
    return arn;
  }
  await lbs.modifyListener(ctx.refs.need(ctx.refs.listenerArns.get(step.name), `listener ${step.name}`), l.protocol, tg);
}
