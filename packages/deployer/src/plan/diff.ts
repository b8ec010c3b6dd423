// Field-by-field comparison of desired and observed plain data. Pure.
import { createHash } from 'node:crypto';
import type { FieldChange } from './plan-step.js';

/** JSON with sorted keys, so equal data always gives equal text. */
export function stableStringify(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableStringify).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${stableStringify(v)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

export function sameValue(a: unknown, b: unknown): boolean {
  return stableStringify(a) === stableStringify(b);
}

/** Short content hash stored in the `ecs-twin:spec-hash` tag. */
export function specHash(value: unknown): string {
  return createHash('sha256').update(stableStringify(value)).digest('hex').slice(0, 16);
}

/** Shown as the "from" of a field AWS does not report (the spec-hash tag said it changed). */
export const NOT_REPORTED = '(not reported by AWS)';

/**
 * Compares each desired field with the observed one. A field AWS did not report
 * (undefined) is compared through the spec hashes: it counts as changed only when
 * the resource's spec-hash tag differs from the desired hash.
 */
export function diffFields(
  desired: Readonly<Record<string, unknown>>,
  observed: Readonly<Record<string, unknown>>,
  hashes?: { readonly desired: string; readonly observed?: string },
): FieldChange[] {
  const changes: FieldChange[] = [];
  for (const [field, to] of Object.entries(desired)) {
    if (to === undefined) continue;
    const from = observed[field];
    if (from === undefined) {
      if (hashes && hashes.desired !== hashes.observed) changes.push({ field, from: NOT_REPORTED, to });
      continue;
    }
    if (!sameValue(from, to)) changes.push({ field, from, to });
  }
  return changes;
}
