// Whether a task definition needs a new revision: compares the content of the
// latest ACTIVE revision with the desired content, container by container. Pure.
import type { ContainerContent, DesiredTaskDefinition } from './desired-types.js';
import { diffFields, sameValue } from './diff.js';
import type { ObservedTaskDefinition } from './observed-types.js';
import type { FieldChange, PlanStep } from './plan-step.js';

export function planTaskDefinition(desired: DesiredTaskDefinition, observed: ObservedTaskDefinition | undefined): PlanStep {
  const name = desired.family;
  if (!observed) return { kind: 'task-definition', name, action: 'create', changes: [] };
  const changes = taskDefinitionChanges(desired, observed);
  if (changes.length === 0) return { kind: 'task-definition', name, action: 'noop', changes };
  // A new revision, not a replacement: revisions are how ECS versions task definitions.
  return {
    kind: 'task-definition', name, action: 'update', changes,
    note: `registers revision ${observed.revision + 1} (latest is ${observed.revision})`,
  };
}

export function taskDefinitionChanges(desired: DesiredTaskDefinition, observed: ObservedTaskDefinition): FieldChange[] {
  const { containers, ...top } = desired.content;
  const { containers: seen, ...seenTop } = observed.content;
  const changes = diffFields(top, seenTop);
  const byName = new Map(seen.map((c) => [c.name, c]));
  for (const c of containers) {
    const o = byName.get(c.name);
    byName.delete(c.name);
    if (!o) {
      changes.push({ field: `containers[${c.name}]`, to: 'added' });
      continue;
    }
    for (const ch of containerChanges(c, o)) changes.push({ ...ch, field: `containers[${c.name}].${ch.field}` });
  }
  for (const gone of byName.keys()) changes.push({ field: `containers[${gone}]`, from: 'present', to: 'removed' });
  return changes;
}

/**
 * A container read back from ECS holds exactly the fields we set (see
 * task-definition-content.ts), so a field on one side only is a change: an
 * added health check, entryPoint or command as much as a removed one.
 */
function containerChanges(desired: ContainerContent, observed: ContainerContent): FieldChange[] {
  const changes: FieldChange[] = [];
  const fields = new Set([...Object.keys(desired), ...Object.keys(observed)] as (keyof ContainerContent)[]);
  for (const field of fields) {
    const to = desired[field];
    const from = observed[field];
    if (sameValue(from ?? null, to ?? null)) continue;
    changes.push({ field, ...(from !== undefined ? { from } : {}), ...(to !== undefined ? { to } : {}) });
  }
  return changes;
}
