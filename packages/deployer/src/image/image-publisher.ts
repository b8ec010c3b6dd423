// Build an image, tag it for ECR, push it: the tutorial's deploy.sh as code.
import { imageRef } from '@ecs-twin/manifest';
import { ImageArchitectureError, ImagePushError } from '../errors/index.js';
import type { DesiredImage } from '../plan/index.js';
import type { RegistryAuth } from '../ports/index.js';

export type ProgressFn = (message: string) => void;

/** Builds `repository:tag` locally from a build context. */
export interface ImageBuilder {
  build(image: DesiredImage, onProgress: ProgressFn): Promise<void>;
}

/** The two Docker engine calls a push needs. */
export interface DockerPushEngine {
  tag(source: string, repository: string, tag: string): Promise<void>;
  /** `linux/amd64`: the OS and architecture the local image was built for. */
  platformOf(ref: string): Promise<string>;
  /** Pushes `repository:tag`; resolves when the registry has it, rejects with the engine's error. */
  push(repository: string, tag: string, auth: { username: string; password: string; serveraddress: string }, onProgress: ProgressFn): Promise<void>;
}

export interface ImagePublisher {
  /** Builds and pushes the image; resolves to the pushed reference. */
  publish(image: DesiredImage, auth: RegistryAuth, onProgress: ProgressFn): Promise<string>;
}

export class DockerImagePublisher implements ImagePublisher {
  constructor(private readonly builder: ImageBuilder, private readonly engine: DockerPushEngine) {}

  async publish(image: DesiredImage, auth: RegistryAuth, onProgress: ProgressFn): Promise<string> {
    const local = imageRef(image);
    await this.builder.build(image, onProgress);
    // Fargate runs the task definition's architecture: a wrong one dies with "exec format error".
    const built = await this.engine.platformOf(local);
    if (built !== image.platform) throw new ImageArchitectureError(local, built, image.platform);
    const remote = `${auth.registry}/${image.repository}`;
    try {
      await this.engine.tag(local, remote, image.tag);
      onProgress(`pushing ${remote}:${image.tag}`);
      await this.engine.push(remote, image.tag, { username: auth.username, password: auth.password, serveraddress: auth.registry }, onProgress);
    } catch (e) {
      throw new ImagePushError(`${remote}:${image.tag}`, (e as Error).message ?? String(e));
    }
    onProgress(`pushed ${remote}:${image.tag}`);
    return `${remote}:${image.tag}`;
  }
}
