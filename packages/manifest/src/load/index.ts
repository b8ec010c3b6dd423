export { checkManifest, loadStack, loadStackFromString, readManifest, type ManifestCheck } from './load-stack.js';
