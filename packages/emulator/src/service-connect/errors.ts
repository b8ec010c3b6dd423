// Typed errors of Service Connect and of the helper containers it shares with
// the task metadata endpoint. Messages are "{what}: {why}"; hints for users.
import { TwinError } from '@ecs-twin/manifest/twin-error';

/** A helper container (Service Connect agent, task metadata endpoint) could not be made ready. */
export class HelperContainerError extends TwinError {
  override readonly name = 'HelperContainerError';
  constructor(
    readonly containerName: string,
    readonly reason: string,
    options?: ErrorOptions,
  ) {
    super(`start ${containerName}: ${reason}`, {
      cause: options?.cause,
      hints: [`Look at its log: docker logs ${containerName}`, 'Then run `emulate down` and `emulate up` again.'],
    });
  }
}

/** The image of a helper program (plain node on the node runtime image) could not be built. */
export class HelperImageError extends TwinError {
  override readonly name = 'HelperImageError';
  constructor(
    readonly image: string,
    readonly reason: string,
    options?: ErrorOptions,
  ) {
    super(`build image ${image}: ${reason}`, { cause: options?.cause });
  }
}

/** setEndpoints/describeEndpoints for a discovery name that has no agent in this stack. */
export class AgentNotFoundError extends TwinError {
  override readonly name = 'AgentNotFoundError';
  constructor(
    readonly stack: string,
    readonly discoveryName: string,
  ) {
    super(`Service Connect ${discoveryName}: stack ${stack} has no agent for this discovery name`, {
      hints: ['Call ensureAgent(spec) for the discovery name before pushing endpoints.'],
    });
  }
}

/** An admin call to a helper container failed (after retries). */
export class AdminCallError extends TwinError {
  override readonly name = 'AdminCallError';
  constructor(
    readonly target: string,
    readonly call: string,
    readonly reason: string,
    options?: ErrorOptions,
  ) {
    super(`${call} on ${target}: ${reason}`, { cause: options?.cause });
  }
}

/** The namespace network still has containers that are not Service Connect's own. */
export class NamespaceInUseError extends TwinError {
  override readonly name = 'NamespaceInUseError';
  constructor(
    readonly networkName: string,
    readonly containers: readonly string[],
  ) {
    super(`remove network ${networkName}: still used by ${containers.join(', ')}`, {
      hints: ['Stop the stack\'s tasks and remove the task metadata endpoint first; Service Connect removes only its own agents.'],
    });
  }
}
