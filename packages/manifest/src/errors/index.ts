export { TwinError, hintsOf, isTwinError, type TwinErrorOptions } from './twin-error.js';
export { ManifestError } from './manifest-error.js';
export { formatIssue, sortIssues, type ManifestIssue } from './manifest-issue.js';
export { error, warning, type PathSegment, type RawIssue } from './raw-issue.js';
