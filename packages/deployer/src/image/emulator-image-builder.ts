// Builds service images with the shared image builder (@ecs-twin/images, the one
// `pnpm images` and the emulator use): it stages the context (tsc + pnpm deploy
// --prod) and works offline. Loaded lazily so plan, status and destroy never touch Docker.
import { imageRef } from '@ecs-twin/manifest';
import { ImageBuildError } from '../errors/index.js';
import type { DesiredImage } from '../plan/index.js';
import type { ImageBuilder, ProgressFn } from './image-publisher.js';

export interface EmulatorImages {
  buildServiceImage(o: { context: string; dockerfile?: string; repository: string; tag: string; platform?: string; onProgress?: ProgressFn }): Promise<unknown>;
}

// Loaded lazily so that plan, status and destroy never load the Docker client.
const loadImageBuilder = async (): Promise<EmulatorImages> => import('@ecs-twin/images');

export class EmulatorImageBuilder implements ImageBuilder {
  constructor(private readonly load: () => Promise<EmulatorImages> = loadImageBuilder) {}

  async build(image: DesiredImage, onProgress: ProgressFn): Promise<void> {
    const mod = await this.load();
    const ref = imageRef(image);
    try {
      // The platform goes to the build and the base pull, and into the cache key.
      await mod.buildServiceImage({ context: image.context, dockerfile: image.dockerfile, repository: image.repository, tag: image.tag, platform: image.platform, onProgress });
    } catch (e) {
      const err = e as { name?: string; message?: string; logTail?: readonly string[]; reason?: string; output?: string };
      const tail = err.logTail ?? (err.output ? err.output.split('\n').slice(-20) : []);
      throw new ImageBuildError(ref, err.reason ?? err.message?.split('\n')[0] ?? String(e), tail);
    }
  }
}
