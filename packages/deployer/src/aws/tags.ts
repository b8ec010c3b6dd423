// The tags that mark what a stack owns.
import type { Ownership } from '../plan/observed-types.js';

export const STACK_TAG = 'ecs-twin:stack';
export const MANAGED_BY_TAG = 'ecs-twin:managed-by';
export const SPEC_HASH_TAG = 'ecs-twin:spec-hash';

export type Tags = Readonly<Record<string, string>>;

export function stackTags(stack: string, specHash?: string): Tags {
  return { [STACK_TAG]: stack, [MANAGED_BY_TAG]: 'ecs-twin', ...(specHash ? { [SPEC_HASH_TAG]: specHash } : {}) };
}

export function ownershipOf(tags: Tags, stack: string): Ownership {
  const owner = tags[STACK_TAG];
  if (owner === undefined) return 'unowned';
  return owner === stack ? 'stack' : 'other-stack';
}

/** `{ ownership, specHash? }` for an observed resource. */
export function ownedBy(tags: Tags, stack: string): { ownership: Ownership; specHash?: string } {
  const hash = tags[SPEC_HASH_TAG];
  return { ownership: ownershipOf(tags, stack), ...(hash ? { specHash: hash } : {}) };
}

/** `[{Key, Value}]` (most APIs) */
export const keyValue = (t: Tags) => Object.entries(t).map(([Key, Value]) => ({ Key, Value }));
/** `[{key, value}]` (ECS, ECR's lowercase variant is `{Key, Value}`) */
export const lowerKeyValue = (t: Tags) => Object.entries(t).map(([key, value]) => ({ key, value }));

export function fromKeyValue(list: readonly { Key?: string; Value?: string; key?: string; value?: string }[] | undefined): Tags {
  const out: Record<string, string> = {};
  for (const t of list ?? []) {
    const k = t.Key ?? t.key;
    if (k !== undefined) out[k] = t.Value ?? t.value ?? '';
  }
  return out;
}
