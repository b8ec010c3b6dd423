import { TwinError } from '@ecs-twin/manifest/twin-error';

export { DockerUnavailableError, dockerEndpoint } from '@ecs-twin/images/docker-unavailable';

/** A task container could not be created or started (ECS would say CannotPullContainerError / CannotStartContainerError). */
export class TaskStartError extends TwinError {
  readonly name = 'TaskStartError';
  constructor(
    readonly containerName: string,
    /** ECS-style stopped reason, e.g. "CannotPullContainerError: ..." */
    readonly stoppedReason: string,
    options?: ErrorOptions,
  ) {
    super(`start task container ${containerName}: ${stoppedReason}`, { cause: options?.cause });
  }
}

/** True for errors that mean "no engine there" rather than "the engine said no". */
export function isConnectionError(error: unknown): boolean {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  return code === 'ENOENT' || code === 'ECONNREFUSED' || code === 'EACCES' || code === 'ECONNRESET' || code === 'EPIPE';
}

/** Docker's HTTP status on an engine error (dockerode puts it in statusCode). */
export function statusCode(error: unknown): number | undefined {
  const code = (error as { statusCode?: unknown } | undefined)?.statusCode;
  return typeof code === 'number' ? code : undefined;
}
