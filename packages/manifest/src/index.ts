// Public face of @ecs-twin/manifest: the Stack model, loading stack.yaml into it
// (every default filled in), the typed error that lists every problem with
// file:line:column, the editor JSON Schema and the docker-compose generator.
export * from './model/stack.js';
export { mainContainer } from './model/main-container.js';
export { CPU_UNITS_PER_VCPU, nanoCpusOf, vcpusOf } from './model/cpu-units.js';
export { imageRef } from './model/image-ref.js';
export { scalableResourceId } from './model/scalable-resource-id.js';
export { TwinError, hintsOf, isTwinError, type TwinErrorOptions } from './errors/index.js';
export { ManifestError, formatIssue, sortIssues, type ManifestIssue } from './errors/index.js';
export { checkManifest, loadStack, loadStackFromString, type LoadOptions, type ManifestCheck } from './load/index.js';
export { parseImageRef } from './transform/index.js';
export { DEFAULTS, FARGATE_MEMORY_BY_CPU } from './defaults/index.js';
export { stackManifestSchema, type StackManifest } from './schema/index.js';
export { stackJsonSchema, stackJsonSchemaText } from './json-schema/index.js';
export { composeLabels, composeYaml, generateCompose, type ComposeFile, type ComposeOptions } from './compose/index.js';
