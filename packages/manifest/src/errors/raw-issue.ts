/** One segment of a field path: a map key or a list index. */
export type PathSegment = string | number;

/** A problem found by the schema or a rule, before it is pinned to a file position. */
export interface RawIssue {
  readonly path: readonly PathSegment[];
  readonly message: string;
  readonly severity: 'error' | 'warning';
}

export const error = (path: readonly PathSegment[], message: string): RawIssue => ({ path, message, severity: 'error' });
export const warning = (path: readonly PathSegment[], message: string): RawIssue => ({ path, message, severity: 'warning' });
