import type { Stack } from '@ecs-twin/manifest';
import type Docker from 'dockerode';
import { buildServiceImage, type BuiltImage } from './build-image.js';
import type { ProgressFn } from './progress.js';

export interface StackImageResult extends BuiltImage {
  /** Manifest service key (`users`). */
  readonly service: string;
  readonly seconds: number;
}

/**
 * Builds the image of every service that has `build:` in the manifest, one after
 * the other (2 cores: parallel tsc runs only slow each other down). The built
 * container is the task definition's first one, whose image names repository:tag.
 */
export async function buildStackImages(
  stack: Stack,
  options: { docker?: Docker; onProgress?: ProgressFn; only?: readonly string[]; now?: () => number } = {},
): Promise<StackImageResult[]> {
  const now = options.now ?? (() => performance.now());
  const results: StackImageResult[] = [];
  for (const service of stack.services) {
    if (!service.build) continue;
    if (options.only?.length && !options.only.includes(service.key)) continue;
    const image = service.taskDefinition.containers[0]?.image;
    if (!image) continue;
    const started = now();
    const built = await buildServiceImage({
      context: service.build.context,
      dockerfile: service.build.dockerfile,
      repository: image.repository,
      tag: image.tag,
      service: service.key,
      docker: options.docker,
      onProgress: options.onProgress,
    });
    results.push({ ...built, service: service.key, seconds: (now() - started) / 1000 });
  }
  return results;
}
