import { readFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { LineCounter, parseDocument } from 'yaml';
import type * as z from 'zod';
import { ManifestError, sortIssues, type ManifestIssue, type RawIssue } from '../errors/index.js';
import type { Stack } from '../model/stack.js';
import { stackManifestSchema, type StackManifest } from '../schema/index.js';
import { toStack } from '../transform/index.js';
import { runRules } from '../validate/index.js';
import { manifestParts } from './parts.js';
import { repair } from './repair.js';
import { taintOf, within } from './taint.js';
import { fromZodIssues } from './zod-issues.js';
import { formatPath, locate } from './yaml-positions.js';

/** Everything learned from one manifest: the stack when it is valid, and every issue. */
export interface ManifestCheck {
  readonly stack?: Stack;
  readonly errors: readonly ManifestIssue[];
  readonly warnings: readonly ManifestIssue[];
}

/**
 * Parses and validates manifest text without throwing. `fileName` is what
 * issues show (keep it as the user typed it); relative build contexts
 * resolve against the directory of `sourcePath` (default: `fileName` from the cwd).
 */
export function checkManifest(text: string, fileName: string, sourcePath = resolve(fileName)): ManifestCheck {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: true, uniqueKeys: true });
  const pin = (severity: 'error' | 'warning', offset: number, message: string): ManifestIssue => {
    const { line, col } = lineCounter.linePos(offset);
    return { file: fileName, line, column: col, path: '', message, severity };
  };
  const yamlWarnings = doc.warnings.map((w) => pin('warning', w.pos[0], yamlMessage(w.message)));
  if (doc.errors.length > 0) {
    const errors = doc.errors.map((e) => pin('error', e.pos[0], `YAML syntax error: ${yamlMessage(e.message)}`));
    return { errors: sortIssues(errors), warnings: yamlWarnings };
  }
  const raw: unknown = doc.toJS({ maxAliasCount: 1000 });
  const placed = (issues: RawIssue[]): ManifestIssue[] =>
    issues.map((i) => ({ file: fileName, ...locate(doc, lineCounter, i.path), path: formatPath(i.path), message: i.message, severity: i.severity }));

  if (raw === null || raw === undefined || typeof raw !== 'object' || Array.isArray(raw)) {
    return { errors: [pin('error', 0, 'the manifest must be a YAML map with keys stack, cluster, services, ...')], warnings: yamlWarnings };
  }
  const parsed = stackManifestSchema.safeParse(raw, { reportInput: true });
  const schemaIssues = parsed.success ? [] : fromZodIssues(parsed.error.issues, stackManifestSchema);
  const found = placed([...schemaIssues, ...ruleIssues(raw, parsed.success ? parsed.data : undefined, parsed.error?.issues ?? [], schemaIssues)]);
  const errors = sortIssues(found.filter((i) => i.severity === 'error'));
  const warnings = sortIssues([...yamlWarnings, ...found.filter((i) => i.severity === 'warning')]);
  if (!parsed.success || errors.length > 0) return { errors, warnings };
  const sourceFile = resolve(sourcePath);
  const stack = toStack(parsed.data, { sourceFile, baseDir: dirname(sourceFile) });
  return { stack, errors, warnings };
}

/**
 * Cross-field findings. On a schema failure they run on the repaired manifest,
 * minus findings on the fields the schema already reported or that the repair
 * made unreliable.
 */
function ruleIssues(
  raw: unknown,
  data: StackManifest | undefined,
  issues: readonly z.core.$ZodIssue[],
  reported: readonly RawIssue[],
): RawIssue[] {
  const original = raw as Record<string, unknown>;
  if (data) return runRules(manifestParts(original, data));
  const fixed = repair(stackManifestSchema, raw, issues);
  const taint = taintOf(fixed.removed);
  const parts = manifestParts(fixed.value as Record<string, unknown>, fixed.data, original);
  const found = runRules({ ...parts, allServices: parts.allServices && taint.servicesIntact });
  return found.filter((f) => !taint.scopes.some((s) => within(s, f.path)) && !reported.some((r) => within(r.path, f.path)));
}

export interface LoadOptions {
  /** Called with the warnings of a valid manifest (a ManifestError carries them otherwise). */
  readonly onWarnings?: (warnings: readonly ManifestIssue[]) => void;
}

/** Parses manifest text into a Stack with every default filled in; throws ManifestError. */
export function loadStackFromString(text: string, fileName: string, options: LoadOptions = {}): Stack {
  const result = checkManifest(text, fileName);
  if (!result.stack || result.errors.length > 0) throw new ManifestError(fileName, result.errors, result.warnings);
  if (result.warnings.length > 0) options.onWarnings?.(result.warnings);
  return result.stack;
}

/** Reads, parses and validates a stack.yaml; throws ManifestError listing every problem. */
export async function loadStack(file: string, options: LoadOptions = {}): Promise<Stack> {
  return loadStackFromString(await readManifest(file), file, options);
}

/** Reads a manifest file, turning I/O failures into a ManifestError a user can act on. */
export async function readManifest(file: string, displayName = file): Promise<string> {
  try {
    return await readFile(file, 'utf8');
  } catch (cause) {
    const code = (cause as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'file not found' : code === 'EISDIR' ? 'is a directory' : String(cause);
    const issue: ManifestIssue = { file: displayName, line: 1, column: 1, path: '', message: `cannot read manifest: ${why}`, severity: 'error' };
    throw new ManifestError(displayName, [issue], [], { cause });
  }
}

/** The yaml package's first line carries the message; the rest is a code excerpt we don't need. */
function yamlMessage(message: string): string {
  return message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '');
}
