import { createHash } from 'node:crypto';
import type { TaskDefinitionSpec } from '@ecs-twin/manifest';
import type { RegisteredRevision, StackState } from './stack-state.js';

/** Stable JSON (sorted keys) so the hash depends on content, not key order. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

export function taskDefinitionHash(definition: TaskDefinitionSpec): string {
  return createHash('sha256').update(canonical(definition)).digest('hex').slice(0, 16);
}

/**
 * Registers a task definition as ECS's RegisterTaskDefinition does, except that
 * an unchanged definition reuses the latest revision (so `up` twice registers
 * nothing). A changed one gets the next number; numbers never go back.
 */
export function registerTaskDefinition(
  state: StackState,
  definition: TaskDefinitionSpec,
  now: number,
): { state: StackState; revision: number; registered: boolean } {
  const revisions = state.taskDefinitions[definition.family] ?? [];
  const hash = taskDefinitionHash(definition);
  const latest = revisions[revisions.length - 1];
  if (latest && latest.hash === hash) return { state, revision: latest.revision, registered: false };
  const entry: RegisteredRevision = { revision: (latest?.revision ?? 0) + 1, hash, registeredAt: now, definition };
  return {
    state: { ...state, taskDefinitions: { ...state.taskDefinitions, [definition.family]: [...revisions, entry] } },
    revision: entry.revision,
    registered: true,
  };
}

/** `family:revision` -> the registered definition. */
export function findRevision(state: StackState, ref: string): RegisteredRevision | undefined {
  const [family, revision] = splitRef(ref);
  return state.taskDefinitions[family]?.find((r) => r.revision === revision);
}

export function splitRef(ref: string): [string, number] {
  const at = ref.lastIndexOf(':');
  return [ref.slice(0, at), Number(ref.slice(at + 1))];
}
