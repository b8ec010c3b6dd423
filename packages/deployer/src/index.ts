// Public face of @ecs-twin/deployer: plan (pure), observe, apply/destroy, status,
// the AWS adapters and the typed errors. The CLI is src/cli/main.ts.
export * from './plan/index.js';
export * from './errors/index.js';
export * from './events/index.js';
export { observe, type ObserveOptions } from './observe/index.js';
export {
  prepareApply, prepareDestroy, executeApply, executeDestroy, AWS_WAIT,
  type ApplyResult, type DeployerOptions, type Prepared, type WaitSettings,
} from './apply/index.js';
export { stackStatus, type StackStatus } from './status/index.js';
export { AwsClients, ApiCallRecorder, awsPorts, type AwsConfig, type ApiCall } from './aws/index.js';
export type { AwsPorts } from './ports/index.js';
export { DockerImagePublisher, DockerodePushEngine, EmulatorImageBuilder, type ImagePublisher } from './image/index.js';
export { deployLocal } from './local/index.js';
export { systemClock, type Clock } from './clock.js';
