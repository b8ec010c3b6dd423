export { observe, type ObserveOptions } from './observe.js';
export { resolveNetwork } from './resolve-network.js';
export { taskDefinitionRef } from './translate.js';
