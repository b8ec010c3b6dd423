// The plan is plain data: what happens to each AWS resource, and which fields change.

/** Every kind of AWS resource the deployer manages, in the order apply creates them. */
export const RESOURCE_KINDS = [
  'role',
  'repository',
  'image',
  'log-group',
  'cluster',
  'namespace',
  'security-group',
  'load-balancer',
  'target-group',
  'listener',
  'task-definition',
  'service',
  'scalable-target',
  'scaling-policy',
] as const;

export type ResourceKind = (typeof RESOURCE_KINDS)[number];

export type PlanAction = 'create' | 'update' | 'replace' | 'delete' | 'noop';

/** One field that differs between what AWS has and what the manifest wants. */
export interface FieldChange {
  readonly field: string;
  readonly from?: unknown;
  readonly to?: unknown;
}

export interface PlanStep {
  readonly kind: ResourceKind;
  /** The resource's name as the manifest spells it (listeners: the port; policies: `service/policy`). */
  readonly name: string;
  readonly action: PlanAction;
  readonly changes: readonly FieldChange[];
  /** Why this action, when the field list alone doesn't say it (adopted, not owned, ...). */
  readonly note?: string;
}

/** Position of a kind in the creation order; deletions run in the reverse. */
export function kindRank(kind: ResourceKind): number {
  return RESOURCE_KINDS.indexOf(kind);
}

/** True when the step will call a mutating API. */
export function isChange(step: PlanStep): boolean {
  return step.action !== 'noop';
}

/** Counts per action, for summaries ("3 to create, 1 to update, ..."). */
export function summarize(steps: readonly PlanStep[]): Record<PlanAction, number> {
  const counts: Record<PlanAction, number> = { create: 0, update: 0, replace: 0, delete: 0, noop: 0 };
  for (const s of steps) counts[s.action] += 1;
  return counts;
}
