import { formatIssue, type ManifestIssue } from '../errors/index.js';
import type { Stack } from '../model/stack.js';
import type { CliIo } from './io.js';

/** Every error and warning, one per line, then a count and what to do next. */
export function reportIssues(io: CliIo, file: string, errors: readonly ManifestIssue[], warnings: readonly ManifestIssue[]): void {
  for (const issue of [...errors, ...warnings]) io.stderr(`${formatIssue(issue)}\n`);
  if (errors.length > 0) {
    io.stderr(`\n${file}: invalid manifest: ${count(errors.length, 'error')}, ${count(warnings.length, 'warning')}\n`);
    io.stderr('Fix each line above (file:line:column field.path: problem), then run `pnpm manifest validate` again.\n');
  }
}

/** `stack.yaml: valid stack "ecs-tutorial": 2 services (users, products), listeners 8000, 8001` */
export function summary(file: string, stack: Stack, warnings: number): string {
  const services = stack.services.map((s) => s.key).join(', ');
  const listeners = stack.loadBalancer.listeners.map((l) => l.port).join(', ') || 'none';
  const warned = warnings > 0 ? `, ${count(warnings, 'warning')}` : '';
  return `${file}: valid stack "${stack.stack}": ${count(stack.services.length, 'service')} (${services}), listeners ${listeners}${warned}`;
}

function count(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}
