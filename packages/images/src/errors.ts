import { TwinError } from '@ecs-twin/manifest/twin-error';

/** `docker build` of a service image failed; the message carries the end of the build log. */
export class ImageBuildError extends TwinError {
  override readonly name = 'ImageBuildError';
  constructor(
    readonly image: string,
    readonly reason: string,
    /** Last lines of the build log (at most {@link LOG_TAIL_LINES}). */
    readonly logTail: readonly string[],
    options?: ErrorOptions,
  ) {
    super(
      `build image ${image}: ${reason}` +
        (logTail.length ? `\n--- last ${logTail.length} lines of the build log ---\n${logTail.join('\n')}` : ''),
      { cause: options?.cause },
    );
  }
}

export const LOG_TAIL_LINES = 20;

/** Staging a build context (tsc, `pnpm deploy --prod`) failed before Docker was involved. */
export class StagingError extends TwinError {
  override readonly name = 'StagingError';
  constructor(
    readonly context: string,
    readonly step: string,
    readonly output: string,
    options?: ErrorOptions,
  ) {
    super(`stage build context ${context}: ${step} failed\n${tail(output, LOG_TAIL_LINES).join('\n')}`, { cause: options?.cause });
  }
}

/** No base image could be found, pulled or made offline. */
export class BaseImageError extends TwinError {
  override readonly name = 'BaseImageError';
  constructor(
    readonly image: string,
    readonly reason: string,
    options?: ErrorOptions,
  ) {
    super(`base image ${image}: ${reason}`, { cause: options?.cause });
  }
}

/** Last `n` non-empty lines of a log. */
export function tail(text: string | readonly string[], n: number): string[] {
  const lines = (typeof text === 'string' ? text.split('\n') : text.flatMap((l) => l.split('\n')))
    .map((l) => l.replace(/\s+$/, ''))
    .filter((l) => l.length > 0);
  return lines.slice(-n);
}

export { DockerUnavailableError, dockerEndpoint } from './docker-unavailable.js';
