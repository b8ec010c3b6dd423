import type { Stack } from '@ecs-twin/manifest';
import { mainContainer } from '@ecs-twin/manifest/main-container';
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
 * image is the main container's (the load-balanced one), as the emulator runs it.
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
    const { image } = mainContainer(service, service.taskDefinition);
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
