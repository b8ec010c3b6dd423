import Docker from 'dockerode';
import { DockerUnavailableError, dockerEndpoint } from './errors.js';

/** dockerode honours DOCKER_HOST itself; default /var/run/docker.sock. */
export function connectDocker(): Docker {
  return new Docker();
}

/** Fails with DockerUnavailableError (one line, with a hint) when no engine answers. */
export async function assertDockerReachable(docker: Docker, timeoutMs = 5000): Promise<void> {
  try {
    await withTimeout(docker.ping(), timeoutMs, 'ping timed out');
  } catch (cause) {
    // An HTTP status means an engine answered (even if unhappy); anything else means nobody is there.
    if (typeof (cause as { statusCode?: unknown }).statusCode === 'number') return;
    throw new DockerUnavailableError(dockerEndpoint(), { cause });
  }
}

export function withTimeout<T>(promise: Promise<T>, ms: number, message: string, onTimeout?: () => void): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      onTimeout?.();
      reject(new Error(message));
    }, ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/** Docker's 404 (no such image/container). */
export function isNotFound(error: unknown): boolean {
  return (error as { statusCode?: unknown } | undefined)?.statusCode === 404;
}

/** Image inspect, or undefined when there is no such image. */
export async function inspectImage(docker: Docker, name: string): Promise<Docker.ImageInspectInfo | undefined> {
  try {
    return await docker.getImage(name).inspect();
  } catch (error) {
    if (isNotFound(error)) return undefined;
    throw error;
  }
}
