import Docker from 'dockerode';

let shared: Docker | undefined;

/**
 * The one dockerode client of the process (DOCKER_HOST or the default socket),
 * handed to the adapters that speak Docker (Service Connect, metrics, images).
 */
export function dockerClient(): Docker {
  shared ??= new Docker();
  return shared;
}
