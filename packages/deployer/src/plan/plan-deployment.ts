// planDeployment(desired, observed): what apply will do, resource by resource. Pure.
import { imageRef, type Stack } from '@ecs-twin/manifest';
import { ConflictError } from '../errors/index.js';
import type { DesiredStack } from './desired-types.js';
import { specHash } from './diff.js';
import type { ObservedStack } from './observed-types.js';
import { planService, NEW_REVISION } from './plan-service.js';
import { kindRank, type PlanStep } from './plan-step.js';
import { planTaskDefinition } from './plan-task-definition.js';
import { ADOPTED_NOTE, stepFor, type OwnershipConflict } from './step-for.js';
import { toDesired } from './to-desired.js';

export interface PlanOptions {
  /** Leave images out: the tags are assumed to be in the registry already. */
  readonly skipPush?: boolean;
}

/** The desired resources for a stack, given what the account looks like. */
export function desiredFor(stack: Stack, observed: ObservedStack): DesiredStack {
  return toDesired(stack, {
    account: observed.account, region: observed.region, subnets: observed.network.subnets,
    ...(observed.role ? { roleArns: { [observed.role.name]: observed.role.arn } } : {}),
  });
}

export function planDeployment(stack: Stack, observed: ObservedStack, options: PlanOptions = {}): PlanStep[] {
  return planDesired(desiredFor(stack, observed), observed, options);
}

export function planDesired(d: DesiredStack, o: ObservedStack, options: PlanOptions = {}): PlanStep[] {
  const conflicts: OwnershipConflict[] = [];
  const steps: PlanStep[] = [];
  const add = (s: PlanStep) => steps.push(s);
  const none = () => ({});

  add(stepFor({
    kind: 'role', name: d.role.name, observed: o.role,
    desiredFields: { trustedServices: [d.role.trustedService], managedPolicies: d.role.managedPolicies },
    observedFields: () => ({ trustedServices: o.role?.trustedServices, managedPolicies: o.role?.managedPolicies }),
  }, conflicts));
  for (const r of d.repositories) {
    add(stepFor({ kind: 'repository', name: r.name, observed: o.repositories[r.name], desiredFields: {}, observedFields: none }, conflicts));
  }
  if (!options.skipPush) {
    for (const i of d.images) {
      const ref = imageRef(i);
      add({ kind: 'image', name: ref, action: o.images.includes(ref) ? 'noop' : 'create', changes: [] });
    }
  }
  for (const g of d.logGroups) {
    add(stepFor({ kind: 'log-group', name: g.name, observed: o.logGroups[g.name], desiredFields: {}, observedFields: none }, conflicts));
  }
  add(stepFor({ kind: 'cluster', name: d.cluster.name, observed: o.cluster, desiredFields: {}, observedFields: none }, conflicts));
  add(stepFor({ kind: 'namespace', name: d.namespace.name, observed: o.namespace, desiredFields: {}, observedFields: none }, conflicts));
  for (const g of d.securityGroups) {
    const seen = o.securityGroups[g.name];
    add(stepFor({
      kind: 'security-group', name: g.name, observed: seen,
      desiredFields: { description: g.description, ingress: sortRules(g.ingress) },
      observedFields: () => ({ description: seen?.description, ingress: sortRules(seen?.ingress ?? []) }),
      immutable: ['description'],
    }, conflicts));
  }
  const lb = d.loadBalancer;
  add(stepFor({
    kind: 'load-balancer', name: lb.name, observed: o.loadBalancer,
    desiredFields: { scheme: lb.scheme, securityGroups: lb.securityGroups, subnets: lb.subnets, idleTimeoutSeconds: lb.idleTimeoutSeconds },
    observedFields: () => ({
      scheme: o.loadBalancer?.scheme,
      securityGroups: o.loadBalancer?.securityGroups,
      subnets: o.loadBalancer?.subnets,
      idleTimeoutSeconds: o.loadBalancer?.idleTimeoutSeconds,
    }),
    immutable: ['scheme'],
    desiredHash: specHash(lb),
  }, conflicts));
  for (const tg of d.targetGroups) {
    const seen = o.targetGroups[tg.name];
    add(stepFor({
      kind: 'target-group', name: tg.name, observed: seen,
      desiredFields: {
        port: tg.port, protocol: tg.protocol, targetType: tg.targetType, vpc: o.network.vpcId,
        healthCheck: tg.healthCheck, deregistrationDelaySeconds: tg.deregistrationDelaySeconds,
        loadBalancingAlgorithm: tg.loadBalancingAlgorithm,
      },
      observedFields: () => ({
        port: seen?.port, protocol: seen?.protocol, targetType: seen?.targetType, vpc: seen?.vpcId,
        healthCheck: seen?.healthCheck, deregistrationDelaySeconds: seen?.deregistrationDelaySeconds,
        loadBalancingAlgorithm: seen?.loadBalancingAlgorithm,
      }),
      immutable: ['port', 'protocol', 'targetType', 'vpc'],
    }, conflicts));
  }
  for (const l of d.listeners) {
    const seen = o.listeners[String(l.port)];
    add(stepFor({
      kind: 'listener', name: String(l.port), observed: seen,
      desiredFields: { protocol: l.protocol, targetGroupName: l.targetGroupName },
      observedFields: () => ({ protocol: seen?.protocol, targetGroupName: seen?.targetGroupName }),
    }, conflicts));
  }
  const tdRefs = new Map<string, string>();
  for (const td of d.taskDefinitions) {
    const seen = o.taskDefinitions[td.family];
    const step = planTaskDefinition(td, seen);
    tdRefs.set(td.family, step.action === 'noop' && seen ? `${td.family}:${seen.revision}` : `${td.family}:${NEW_REVISION}`);
    add(step);
  }
  for (const s of d.services) {
    add(planService(s, o.services[s.serviceName], { ref: tdRefs.get(s.family) ?? `${s.family}:${NEW_REVISION}` }, conflicts));
  }
  // Autoscaling changes a service: never put it on an adopted (untagged) one.
  const adopted = (service: string) => o.services[service]?.ownership === 'unowned';
  for (const t of d.scalableTargets) {
    if (adopted(t.serviceName)) {
      add({ kind: 'scalable-target', name: t.serviceName, action: 'noop', changes: [], note: `not registered: the service is ${ADOPTED_NOTE.split(':')[0]}` });
      continue;
    }
    const seen = o.scalableTargets[t.serviceName];
    add(stepFor({
      kind: 'scalable-target', name: t.serviceName, observed: seen && { ownership: 'stack' },
      desiredFields: { minCapacity: t.minCapacity, maxCapacity: t.maxCapacity },
      observedFields: () => ({ minCapacity: seen?.minCapacity, maxCapacity: seen?.maxCapacity }),
    }, conflicts));
  }
  for (const p of d.scalingPolicies) {
    const key = `${p.serviceName}/${p.policyName}`;
    if (adopted(p.serviceName)) {
      add({ kind: 'scaling-policy', name: key, action: 'noop', changes: [], note: `not put: the service is ${ADOPTED_NOTE.split(':')[0]}` });
      continue;
    }
    const seen = o.scalingPolicies[key];
    add(stepFor({
      kind: 'scaling-policy', name: key, observed: seen && { ownership: 'stack' },
      desiredFields: {
        metric: p.metric, targetValue: p.targetValue, scaleOutCooldownSeconds: p.scaleOutCooldownSeconds,
        scaleInCooldownSeconds: p.scaleInCooldownSeconds, disableScaleIn: p.disableScaleIn,
      },
      observedFields: () => ({
        metric: seen?.metric, targetValue: seen?.targetValue, scaleOutCooldownSeconds: seen?.scaleOutCooldownSeconds,
        scaleInCooldownSeconds: seen?.scaleInCooldownSeconds, disableScaleIn: seen?.disableScaleIn,
      }),
    }, conflicts));
  }
  if (conflicts.length > 0) throw new ConflictError(d.stack, conflicts);
  return [...steps, ...orphans(d, o)];
}

/** Resources this stack owns that the manifest no longer names: deleted, in reverse order. */
function orphans(d: DesiredStack, o: ObservedStack): PlanStep[] {
  const out: PlanStep[] = [];
  const del = (kind: PlanStep['kind'], name: string) => out.push({ kind, name, action: 'delete', changes: [], note: 'no longer in the manifest' });
  const names = <T>(xs: readonly T[], f: (x: T) => string) => new Set(xs.map(f));
  const sgs = names(d.securityGroups, (g) => g.name);
  for (const g of Object.values(o.securityGroups)) if (g.ownership === 'stack' && !sgs.has(g.name)) del('security-group', g.name);
  const tgs = names(d.targetGroups, (t) => t.name);
  for (const t of Object.values(o.targetGroups)) if (t.ownership === 'stack' && !tgs.has(t.name)) del('target-group', t.name);
  const ports = names(d.listeners, (l) => String(l.port));
  for (const l of Object.values(o.listeners)) if (l.ownership === 'stack' && !ports.has(String(l.port))) del('listener', String(l.port));
  const svcs = names(d.services, (s) => s.serviceName);
  for (const s of Object.values(o.services)) if (s.ownership === 'stack' && !svcs.has(s.serviceName)) del('service', s.serviceName);
  const targets = names(d.scalableTargets, (t) => t.serviceName);
  for (const t of Object.values(o.scalableTargets)) if (!targets.has(t.serviceName)) del('scalable-target', t.serviceName);
  const policies = names(d.scalingPolicies, (p) => `${p.serviceName}/${p.policyName}`);
  for (const key of Object.keys(o.scalingPolicies)) if (!policies.has(key)) del('scaling-policy', key);
  return out.sort((a, b) => kindRank(b.kind) - kindRank(a.kind));
}

function sortRules(rules: readonly { port: number; from: string }[]): { port: number; from: string }[] {
  return [...rules].sort((a, b) => a.port - b.port || a.from.localeCompare(b.from));
}

