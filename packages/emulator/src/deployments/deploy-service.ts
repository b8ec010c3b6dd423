import type { ServiceSpec, Stack } from '@ecs-twin/manifest';
import type { Clock } from '../clock/index.js';
import type { EmitEvent, EmulatorEvent } from '../events/index.js';
import type { StackState } from '../state/index.js';
import type { TimingProfileName } from '../timing/index.js';
import { prepareDeployImage, type DeployImages } from './deploy-image.js';
import type { DeploymentFailure } from './deployment-failure.js';
import { baseDefinition, currentDefinition, type DeployRequest, type DeployResult } from './start-deployment.js';
import { waitForDeployment, type DeploymentObserver } from './wait-for-deployment.js';
import { TwinError } from '@ecs-twin/manifest/twin-error';

/** The running emulator, as a deploy reaches it (ControlClient implements it). */
export interface DeploymentClient extends DeploymentObserver {
  deploy(service: string, request: DeployRequest): Promise<DeployResult>;
}

/** How long `deploy` waits for a rollout (aws: a 300 s drain per step, 6-7 min per deployment is normal). */
export const DEPLOY_TIMEOUT_MS: Record<TimingProfileName, number> = { local: 10 * 60_000, aws: 45 * 60_000 };

/** The name given matches no service of the manifest. */
export class UnknownServiceError extends TwinError {
  readonly name = 'UnknownServiceError';
  constructor(
    readonly service: string,
    readonly known: readonly string[],
  ) {
    super(`deploy ${service}: no such service in the manifest (services: ${known.join(', ')})`, {
      hints: ['Name the service by its manifest key (`users`) or its ECS name (`service-users-ecs`).'],
    });
  }
}

/** The circuit breaker failed the deployment (and rolled it back, when rollback is on). */
export class DeploymentFailedError extends TwinError {
  readonly name = 'DeploymentFailedError';
  constructor(
    readonly serviceName: string,
    readonly taskDefinition: string,
    readonly failure: DeploymentFailure,
  ) {
    const tail = failure.rollback ? `; rolled back to ${failure.rollback.taskDefinition}` : '';
    super(`deploy ${taskDefinition} to ${serviceName}: deployment ${failure.deploymentId} failed: ${failure.reason.replace(/\.$/, '')}${tail}`, {
      hints: [
        failure.rollback
          ? `${serviceName} serves ${failure.rollback.taskDefinition} again, as before the deploy.`
          : `${serviceName} keeps its old tasks; the failed revision launches no more tasks.`,
        `\`emulate logs ${serviceName}\` and \`emulate status\` show why the new tasks failed.`,
      ],
    });
  }
}

/** A second deployment replaced this one before it finished. */
export class DeploymentSupersededError extends TwinError {
  readonly name = 'DeploymentSupersededError';
  constructor(serviceName: string, deploymentId: string, by: string) {
    super(`deploy to ${serviceName}: deployment ${deploymentId} was replaced by deployment ${by} before it finished`);
  }
}

export interface DeployServiceOptions {
  readonly stack: Stack;
  /** The state file's content (the revision the PRIMARY runs, for --rebuild without --image-tag). */
  readonly state: StackState;
  readonly client: DeploymentClient;
  readonly images: DeployImages;
  readonly clock: Clock;
  /** Progress (image builds, the emulator's events during the rollout). */
  readonly emit: EmitEvent;
  readonly onEmulatorEvent?: (e: EmulatorEvent) => void;
  readonly service: string;
  readonly imageTag?: string;
  readonly environment?: Readonly<Record<string, string>>;
  readonly rebuild?: boolean;
  readonly timeoutMs: number;
}

export interface DeployOutcome extends DeployResult {
  readonly rolloutState: 'COMPLETED';
  /** From the request to the deployment's completion. */
  readonly durationMs: number;
}

/**
 * What `emulate deploy` and `up --watch` do: make sure the image exists
 * (building it when asked or missing), ask the emulator for the new revision
 * and deployment, and wait until it completes. Throws DeploymentFailedError
 * when the circuit breaker failed it.
 */
export async function deployService(options: DeployServiceOptions): Promise<DeployOutcome> {
  const spec = findService(options.stack, options.service);
  const primary = options.state.services[spec.serviceName]?.deployments[0]?.taskDefinition;
  const current = baseDefinition(options.state, spec.serviceName, spec.taskDefinition) ?? currentDefinition(spec, options.state, primary);
  const image = await prepareDeployImage(spec, current, {
    imageTag: options.imageTag,
    rebuild: options.rebuild === true,
    images: options.images,
    emit: options.emit,
  });
  const requestedAt = options.clock.now();
  const result = await options.client.deploy(spec.serviceName, {
    imageTag: image.tag,
    environment: options.environment,
    forceNewDeployment: image.changed,
    manifestTaskDefinition: spec.taskDefinition,
  });
  // Unchanged (result.started false): the wait returns at once for a completed
  // PRIMARY, or follows the rollout already going on for the same revision.
  const progress = await waitForDeployment(options.client, {
    serviceName: result.serviceName,
    deploymentId: result.deploymentId,
    timeoutMs: options.timeoutMs,
    clock: options.clock,
    since: requestedAt,
    onEvent: options.onEmulatorEvent,
  });
  if (progress.state === 'failed') throw new DeploymentFailedError(result.serviceName, result.taskDefinition, progress.failure);
  if (progress.state === 'superseded') throw new DeploymentSupersededError(result.serviceName, result.deploymentId, progress.by);
  return { ...result, rolloutState: 'COMPLETED', durationMs: options.clock.now() - requestedAt };
}

export function findService(stack: Stack, name: string): ServiceSpec {
  const spec = stack.services.find((s) => s.key === name || s.serviceName === name);
  if (!spec) throw new UnknownServiceError(name, stack.services.map((s) => s.key));
  return spec;
}
