import type * as z from 'zod';
import type { PathSegment } from '../errors/index.js';

export interface Repaired<T> {
  /** The manifest with bad fields removed, when that made it schema-valid. */
  readonly data?: T;
  /** The input with bad fields removed (for a per-section parse when `data` is absent). */
  readonly value: unknown;
  /** Values removed because they were invalid (unknown keys are not listed: removing them changes nothing). */
  readonly removed: readonly (readonly PathSegment[])[];
}

/**
 * Removes the fields the schema rejected, so cross-field rules can still run
 * on the rest and a user sees every problem in one pass. A removed optional
 * field takes its default; a removed required field takes its parent object
 * with it, up to the first optional one (or a map entry such as one service).
 */
export function repair<T>(schema: z.ZodType<T>, raw: unknown, issues: readonly z.core.$ZodIssue[]): Repaired<T> {
  const value: unknown = structuredClone(raw);
  const removed: PathSegment[][] = [];
  let pending = issues;
  for (let round = 0; round < 10 && pending.length > 0; round++) {
    let changed = false;
    for (const issue of pending) {
      const path = issue.path.filter((s): s is PathSegment => typeof s !== 'symbol');
      const targets = issue.code === 'unrecognized_keys' ? issue.keys.map((k) => [...path, k]) : [path];
      for (const target of targets) {
        const at = removable(value, target);
        if (at && remove(value, at)) {
          if (issue.code !== 'unrecognized_keys') removed.push(at);
          changed = true;
        }
      }
    }
    if (!changed) break;
    const again = schema.safeParse(value);
    if (again.success) return { data: again.data, value, removed };
    pending = again.error.issues;
  }
  return { value, removed };
}

/** The nearest object key at or above `path` that exists (array items go with their whole list). */
function removable(root: unknown, path: readonly PathSegment[]): PathSegment[] | undefined {
  let at = [...path];
  if (!exists(root, at)) at = at.slice(0, -1);
  while (at.length > 0 && typeof at[at.length - 1] === 'number') at = at.slice(0, -1);
  return at.length > 0 ? at : undefined;
}

function exists(root: unknown, path: readonly PathSegment[]): boolean {
  let node = root;
  for (const segment of path) {
    if (typeof node !== 'object' || node === null || !(segment in node)) return false;
    node = (node as Record<PathSegment, unknown>)[segment];
  }
  return true;
}

function remove(root: unknown, path: readonly PathSegment[]): boolean {
  if (!exists(root, path)) return false;
  let node = root as Record<PathSegment, unknown>;
  for (const segment of path.slice(0, -1)) node = node[segment] as Record<PathSegment, unknown>;
  return delete node[path[path.length - 1]!];
}
