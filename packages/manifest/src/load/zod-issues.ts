import type * as z from 'zod';
import { didYouMean } from '../util/index.js';
import { knownKeysAt } from './schema-keys.js';
import { error, type PathSegment, type RawIssue } from '../errors/index.js';

/**
 * Turns zod issues into one user-facing message per problem (one per unknown
 * key). A misspelt required key is reported once, as the unknown key with its
 * suggestion, not again as the missing field.
 */
export function fromZodIssues(issues: readonly z.core.$ZodIssue[], schema: z.ZodType): RawIssue[] {
  const all = convert(issues, schema);
  const suggested = new Set(all.flatMap((i) => (i.suggestion ? [pathKey([...i.path.slice(0, -1), i.suggestion])] : [])));
  return all
    .filter((i) => !(i.message === 'is required' && suggested.has(pathKey(i.path))))
    .map(({ suggestion: _suggestion, ...issue }) => issue);
}

const pathKey = (path: readonly PathSegment[]) => JSON.stringify(path.map(String));

function convert(issues: readonly z.core.$ZodIssue[], schema: z.ZodType): (RawIssue & { suggestion?: string })[] {
  const out: (RawIssue & { suggestion?: string })[] = [];
  for (const issue of issues) {
    const path = issue.path.filter((s): s is PathSegment => typeof s !== 'symbol');
    if (issue.code === 'unrecognized_keys') {
      const known = knownKeysAt(schema, path);
      for (const key of issue.keys) {
        const hint = didYouMean(key, known);
        const message = hint ? `unknown key "${key}" (did you mean "${hint}"?)` : `unknown key "${key}" (expected one of: ${known.join(', ')})`;
        out.push({ ...error([...path, key], message), ...(hint ? { suggestion: hint } : {}) });
      }
      continue;
    }
    if (issue.code === 'invalid_key') {
      const inner = issue.issues[0]?.message ?? 'invalid key';
      out.push(error(path, `key ${inner}`));
      continue;
    }
    const input = (issue as { input?: unknown }).input;
    if (issue.code === 'invalid_type' && input === undefined) {
      out.push(error(path, 'is required'));
      continue;
    }
    out.push(error(path, input === undefined ? issue.message : `${issue.message}, got ${show(input)}`));
  }
  return out;
}

/** A short rendering of a user's value for "got ..." suffixes. */
export function show(value: unknown): string {
  if (value === null) return 'null (empty value)';
  if (Array.isArray(value)) return value.length === 0 ? 'an empty list' : `a list of ${value.length}`;
  if (typeof value === 'object') return 'a map';
  const text = JSON.stringify(value);
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}
