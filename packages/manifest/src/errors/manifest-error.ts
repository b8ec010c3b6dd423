import { formatIssue, type ManifestIssue } from './manifest-issue.js';
import { TwinError } from './twin-error.js';

/** A manifest that cannot become a Stack: every error found, plus any warnings. */
export class ManifestError extends TwinError {
  readonly name = 'ManifestError';
  readonly file: string;
  readonly issues: readonly ManifestIssue[];
  readonly warnings: readonly ManifestIssue[];

  constructor(file: string, issues: readonly ManifestIssue[], warnings: readonly ManifestIssue[] = [], options?: ErrorOptions) {
    const noun = issues.length === 1 ? 'error' : 'errors';
    super(`invalid manifest ${file}: ${issues.length} ${noun}\n${issues.map(formatIssue).join('\n')}`, {
      cause: options?.cause,
      exitCode: 2,
      hints: [
        'Fix the fields listed above; each line is file:line:column followed by the field path.',
        'Run `pnpm manifest validate <file>` to re-check; editors with yaml-language-server complete and check fields from packages/manifest/stack.schema.json.',
      ],
    });
    this.file = file;
    this.issues = issues;
    this.warnings = warnings;
  }
}
