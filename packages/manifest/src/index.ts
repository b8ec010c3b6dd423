// Public face of @ecs-twin/manifest: the Stack model, loading stack.yaml into it,
// and the typed error that lists every problem with file:line:column.
export * from './model/stack.js';
export { ManifestError, formatIssue, sortIssues, type ManifestIssue } from './errors/index.js';
export { checkManifest, loadStack, loadStackFromString, type ManifestCheck } from './load/index.js';
export { parseImageRef } from './transform/index.js';
export { DEFAULTS, FARGATE_MEMORY_BY_CPU } from './defaults/index.js';
