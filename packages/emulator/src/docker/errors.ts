import { TwinError } from '@ecs-twin/manifest/twin-error';

/** No Docker engine answers on the socket / DOCKER_HOST the emulator uses. */
export class DockerUnavailableError extends TwinError {
  readonly name = 'DockerUnavailableError';
  constructor(
    readonly endpoint: string,
    options?: ErrorOptions,
  ) {
    super(`connect to Docker: no engine answers at ${endpoint}`, {
      cause: options?.cause,
      hints: [
        process.env.DOCKER_HOST
          ? `Check DOCKER_HOST (${process.env.DOCKER_HOST}) or unset it to use /var/run/docker.sock.`
          : 'Start a Docker engine (Docker Desktop, `sudo systemctl start docker`, or `sudo dockerd &`), or set DOCKER_HOST.',
      ],
    });
  }
}

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

export function dockerEndpoint(): string {
  return process.env.DOCKER_HOST ?? 'unix:///var/run/docker.sock';
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
