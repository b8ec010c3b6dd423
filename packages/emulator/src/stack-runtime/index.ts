export { StackRuntime, type StackRuntimeOptions } from './stack-runtime.js';
export type { TaskUtilizationSource } from './metrics-listener.js';
export type { StackAdapters } from './adapters.js';
export { ServiceNotFoundError } from './service-not-found-error.js';
export type { ServiceScaler } from '../autoscaler/service-scaler.js';
export { prepareState, type PreparedChange } from './prepare-state.js';
export { createStackRuntime, withStackName, type OpenStackOptions, type PortsMode } from './open-stack.js';
export { ensureStackImages, waitForStackImages } from './images.js';
export { ImageMissingError } from '../tasks/index.js';
