// planDestroy(observed): every resource this stack owns, in reverse dependency
// order. Adopted (untagged) and other stacks' resources are never touched. Pure.
import type { ObservedStack } from './observed-types.js';
import { kindRank, type PlanStep, type ResourceKind } from './plan-step.js';

export function planDestroy(o: ObservedStack): PlanStep[] {
  const steps: PlanStep[] = [];
  const del = (kind: ResourceKind, name: string, note?: string) =>
    steps.push({ kind, name, action: 'delete', changes: [], ...(note ? { note } : {}) });
  const owned = <T extends { ownership: string }>(x: T | undefined): x is T => x?.ownership === 'stack';

  // The observer reads scaling targets and policies of owned services only.
  for (const key of Object.keys(o.scalingPolicies)) del('scaling-policy', key);
  for (const name of Object.keys(o.scalableTargets)) del('scalable-target', name);
  for (const s of Object.values(o.services)) if (owned(s)) del('service', s.serviceName, 'scaled to 0, drained, then deleted');
  for (const td of Object.values(o.taskDefinitions)) {
    // Revisions are owned one by one: the latest may be hand-made while older ones are ours.
    if (td.ownership !== 'other-stack' && td.activeRevisions.length > 0) {
      del('task-definition', td.family, `deregisters and deletes ${td.activeRevisions.length} revision(s) tagged with this stack`);
    }
  }
  for (const l of Object.values(o.listeners)) if (owned(l)) del('listener', String(l.port));
  for (const tg of Object.values(o.targetGroups)) if (owned(tg)) del('target-group', tg.name);
  if (owned(o.loadBalancer)) del('load-balancer', o.loadBalancer.name);
  for (const g of Object.values(o.securityGroups)) if (owned(g)) del('security-group', g.name);
  if (owned(o.namespace)) del('namespace', o.namespace.name);
  if (owned(o.cluster)) del('cluster', o.cluster.name);
  for (const g of Object.values(o.logGroups)) if (owned(g)) del('log-group', g.name);
  for (const r of Object.values(o.repositories)) if (owned(r)) del('repository', r.name, 'with its images');
  if (owned(o.role)) del('role', o.role.name);
  // Stable sort keeps the within-kind order above; kinds go in reverse creation order.
  return steps.sort((a, b) => kindRank(b.kind) - kindRank(a.kind));
}
