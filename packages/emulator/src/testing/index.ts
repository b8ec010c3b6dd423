// The testing API for users' and our own tests, and fakes for unit tests of loops.
export { startStack, StackNotReadyError, type StartStackOptions, type StartedStack } from './start-stack.js';
export { FakeContainerRuntime } from './fake-container-runtime.js';
export { FakeLoadBalancer } from './fake-load-balancer.js';
