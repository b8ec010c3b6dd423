/** One problem found in a manifest, pinned to the place a user must edit. */
export interface ManifestIssue {
  /** The manifest file as the user named it (e.g. `stack.yaml`). */
  readonly file: string;
  /** 1-based line of the offending key (or of its parent when the key is missing). */
  readonly line: number;
  /** 1-based column. */
  readonly column: number;
  /** Field path, e.g. `services.users.taskDefinition.containers[0].image`; "" for the whole document. */
  readonly path: string;
  readonly message: string;
  readonly severity: 'error' | 'warning';
}

/** `stack.yaml:14:7 services.users.taskDefinition.memory: 300 is not valid ...` */
export function formatIssue(issue: ManifestIssue): string {
  const where = `${issue.file}:${issue.line}:${issue.column}`;
  const tag = issue.severity === 'warning' ? ' warning:' : '';
  return issue.path ? `${where}${tag} ${issue.path}: ${issue.message}` : `${where}${tag} ${issue.message}`;
}

/** Issues in file order (line, then column), so a user can fix them top to bottom. */
export function sortIssues(issues: readonly ManifestIssue[]): ManifestIssue[] {
  return [...issues].sort((a, b) => a.line - b.line || a.column - b.column || a.path.localeCompare(b.path));
}
