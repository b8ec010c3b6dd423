export { ServiceController, type ServiceSnapshot } from './service-controller.js';
export type { ServiceContext, TaskEnvironmentProvider, TaskLifecycleListener } from './service-context.js';
export { observeTasks, type ObserveInput, type Overlay } from './observe-tasks.js';
export { serviceConnectEndpoints, sameEndpoints } from './endpoints.js';
export { serviceMessages } from './service-events.js';
export { discoveryNameSpecs } from './discovery-specs.js';
