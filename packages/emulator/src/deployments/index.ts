// Rolling deployments: `emulate deploy` (new revision, rollout, wait), the
// deployment circuit breaker with rollback, and `up --watch`.
export * from './circuit-breaker.js';
export * from './rollout.js';
export * from './deployment-events.js';
export * from './deployment-failure.js';
export * from './deployment-progress.js';
export * from './task-definition-change.js';
export { baseDefinition, currentDefinition, parseDeployRequest, startDeployment, type DeployRequest, type DeployResult, type DeploymentHost } from './start-deployment.js';
export { dockerDeployImages, prepareDeployImage, type DeployImages, type PreparedImage } from './deploy-image.js';
export { DeploymentTimeoutError, waitForDeployment, type DeploymentObserver, type WaitOptions } from './wait-for-deployment.js';
export {
  DEPLOY_TIMEOUT_MS,
  DeploymentFailedError,
  DeploymentSupersededError,
  UnknownServiceError,
  deployService,
  findService,
  type DeployOutcome,
  type DeployServiceOptions,
  type DeploymentClient,
} from './deploy-service.js';
