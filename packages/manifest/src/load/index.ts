export { checkManifest, loadStack, loadStackFromString, readManifest, type LoadOptions, type ManifestCheck } from './load-stack.js';
