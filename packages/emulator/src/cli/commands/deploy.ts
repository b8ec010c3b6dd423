import { join } from 'node:path';
import { systemClock } from '../../clock/index.js';
import { DEPLOY_TIMEOUT_MS, UnknownServiceError, deployService, dockerDeployImages, findService, type DeployOutcome } from '../../deployments/index.js';
import { DockerRuntime, dockerClient } from '../../docker/index.js';
import { EventBus } from '../../events/index.js';
import { readState } from '../../state/index.js';
import { UsageError, type Command } from '../args.js';
import { openContext, type CliIo } from '../context.js';
import { EXIT } from '../exit-codes.js';
import { isProgressWorthy, renderEvent } from '../../events/index.js';
import { NotRunningError } from './not-running.js';

/**
 * `emulate deploy <service>`: a new task-definition revision (image tag and/or
 * environment), rolled out by the running emulator; waits until the deployment
 * completes (exit 0) or the circuit breaker fails it (exit 1, rolled back).
 * Progress on stderr; the result on stdout (JSON with --json).
 */
export async function deploy(command: Extract<Command, { name: 'deploy' }>, io: CliIo): Promise<number> {
  const { stack, dir, daemon, client } = await openContext(command.file);
  let serviceName: string;
  try {
    serviceName = findService(stack, command.service).serviceName;
  } catch (error) {
    if (error instanceof UnknownServiceError) throw new UsageError(error.message); // exit 2, like any bad argument
    throw error;
  }
  if (!client || !daemon) throw new NotRunningError(stack.stack);
  const docker = new DockerRuntime(dockerClient());
  const progress = new EventBus(systemClock);
  progress.subscribe((e) => renderEvent(e, io.err));
  const outcome: DeployOutcome = await deployService({
    stack,
    state: await readState(join(dir, 'state.json'), stack.stack),
    client,
    images: dockerDeployImages((image) => docker.imageExists(image)),
    clock: systemClock,
    emit: progress.emit,
    onEmulatorEvent: (e) => {
      // The rollout of this service (and stack-wide errors), not the rest of the stack's chatter.
      if (isProgressWorthy(e) && (e.serviceName === serviceName || (!e.serviceName && e.kind === 'error'))) renderEvent(e, io.err);
    },
    service: command.service,
    imageTag: command.imageTag,
    environment: Object.keys(command.environment).length > 0 ? command.environment : undefined,
    rebuild: command.rebuild,
    timeoutMs: DEPLOY_TIMEOUT_MS[daemon.timing === 'aws' ? 'aws' : 'local'],
  });
  if (command.json) {
    io.out(JSON.stringify(outcome, null, 2));
  } else {
    const how = outcome.started
      ? `deployment ${outcome.deploymentId} COMPLETED in ${(outcome.durationMs / 1000).toFixed(1)} s`
      : `already running it (deployment ${outcome.deploymentId}): nothing to deploy`;
    io.err(`${outcome.serviceName}: ${outcome.taskDefinition} (${outcome.image}) ${how}.`);
    io.out(`${outcome.serviceName} ${outcome.taskDefinition} ${outcome.rolloutState}`);
  }
  return EXIT.ok;
}
