export { stackManifestSchema, type StackManifest, type ServiceManifest } from './stack-manifest.js';
