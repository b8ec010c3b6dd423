// Turns one desired/observed pair into a plan step. Pure.
import { diffFields } from './diff.js';
import type { ObservedBase } from './observed-types.js';
import type { FieldChange, PlanStep, ResourceKind } from './plan-step.js';

export const ADOPTED_NOTE = 'adopted: exists without this stack\'s tag, used as it is and never changed or deleted';

/** A resource of the manifest that another ecs-twin stack already owns. */
export interface OwnershipConflict {
  readonly kind: ResourceKind;
  readonly name: string;
}

export interface StepInput {
  readonly kind: ResourceKind;
  readonly name: string;
  readonly observed: ObservedBase | undefined;
  readonly desiredFields: Readonly<Record<string, unknown>>;
  readonly observedFields: () => Readonly<Record<string, unknown>>;
  /** Fields AWS cannot modify: a change means replacing the resource. */
  readonly immutable?: readonly string[];
  /** Compare unreported fields through the spec-hash tag. */
  readonly desiredHash?: string;
  /** Extra field changes computed by the caller (nested diffs). */
  readonly extraChanges?: readonly FieldChange[];
}

export function stepFor(input: StepInput, conflicts: OwnershipConflict[]): PlanStep {
  const { kind, name, observed } = input;
  if (!observed) return { kind, name, action: 'create', changes: [] };
  if (observed.ownership === 'other-stack') {
    conflicts.push({ kind, name });
    return { kind, name, action: 'noop', changes: [], note: 'owned by another ecs-twin stack' };
  }
  if (observed.ownership === 'unowned') return { kind, name, action: 'noop', changes: [], note: ADOPTED_NOTE };
  const hashes = input.desiredHash !== undefined
    ? { desired: input.desiredHash, ...(observed.specHash !== undefined ? { observed: observed.specHash } : {}) }
    : undefined;
  const changes = [...diffFields(input.desiredFields, input.observedFields(), hashes), ...(input.extraChanges ?? [])];
  if (changes.length === 0) return { kind, name, action: 'noop', changes };
  const immutable = new Set(input.immutable ?? []);
  const replace = changes.filter((c) => immutable.has(c.field));
  if (replace.length > 0) {
    return { kind, name, action: 'replace', changes, note: `AWS cannot change ${replace.map((c) => c.field).join(', ')} in place` };
  }
  return { kind, name, action: 'update', changes };
}
