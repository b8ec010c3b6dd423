// Which Docker engine we talk to, and the error when none answers there: one
// definition for the image builder and the emulator's Docker adapter alike.
import { TwinError } from '@ecs-twin/manifest/twin-error';

/** No Docker engine answers on the socket / DOCKER_HOST. */
export class DockerUnavailableError extends TwinError {
  override readonly name = 'DockerUnavailableError';
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

/** dockerode's own choice: DOCKER_HOST, else the local socket. */
export function dockerEndpoint(): string {
  return process.env.DOCKER_HOST ?? 'unix:///var/run/docker.sock';
}
