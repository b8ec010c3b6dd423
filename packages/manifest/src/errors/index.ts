export { ManifestError } from './manifest-error.js';
export { formatIssue, sortIssues, type ManifestIssue } from './manifest-issue.js';
