// Typed errors of Service Connect and of the helper containers it shares with
// the task metadata endpoint. Messages are "{what}: {why}"; hints for users.

/** A helper container (Service Connect agent, task metadata endpoint) could not be made ready. */
export class HelperContainerError extends Error {
  override readonly name = 'HelperContainerError';
  constructor(
    readonly containerName: string,
    readonly reason: string,
    options?: ErrorOptions,
  ) {
    super(`start ${containerName}: ${reason}`, options);
  }

  recommendActions(): string[] {
    return [`Look at its log: docker logs ${this.containerName}`, 'Then run `emulate down` and `emulate up` again.'];
  }
}

/** The image of a helper program (plain node on the node runtime image) could not be built. */
export class HelperImageError extends Error {
  override readonly name = 'HelperImageError';
  constructor(
    readonly image: string,
    readonly reason: string,
    options?: ErrorOptions,
  ) {
    super(`build image ${image}: ${reason}`, options);
  }
}

/** setEndpoints/describeEndpoints for a discovery name that has no agent in this stack. */
export class AgentNotFoundError extends Error {
  override readonly name = 'AgentNotFoundError';
  constructor(
    readonly stack: string,
    readonly discoveryName: string,
  ) {
    super(`Service Connect ${discoveryName}: stack ${stack} has no agent for this discovery name`);
  }

  recommendActions(): string[] {
    return ['Call ensureAgent(spec) for the discovery name before pushing endpoints.'];
  }
}

/** An admin call to a helper container failed (after retries). */
export class AdminCallError extends Error {
  override readonly name = 'AdminCallError';
  constructor(
    readonly target: string,
    readonly call: string,
    readonly reason: string,
    options?: ErrorOptions,
  ) {
    super(`${call} on ${target}: ${reason}`, options);
  }
}

/** The namespace network still has containers that are not Service Connect's own. */
export class NamespaceInUseError extends Error {
  override readonly name = 'NamespaceInUseError';
  constructor(
    readonly networkName: string,
    readonly containers: readonly string[],
  ) {
    super(`remove network ${networkName}: still used by ${containers.join(', ')}`);
  }

  recommendActions(): string[] {
    return ['Stop the stack\'s tasks and remove the task metadata endpoint first; Service Connect removes only its own agents.'];
  }
}
