export { toStack, parseImageRef, type Origin } from './to-stack.js';
export { resolveServiceConnect, type ResolvedServiceConnect, type ServiceConnectMode } from './service-connect.js';
