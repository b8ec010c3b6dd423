import type { ServiceSpec, TaskDefinitionSpec } from '@ecs-twin/manifest';
import type { EmitEvent } from '../events/index.js';
import { buildServiceImage, type BuildServiceImageOptions, type BuiltImage } from '@ecs-twin/images';
import { imageRef } from '@ecs-twin/manifest/model/image-ref';
import { ImageMissingError, mainContainer } from '../tasks/index.js';

/** The image calls a deploy needs (consumer-side port; the CLI passes Docker's). */
export interface DeployImages {
  imageExists(image: string): Promise<boolean>;
  build(options: BuildServiceImageOptions): Promise<BuiltImage>;
}

export const dockerDeployImages = (exists: (image: string) => Promise<boolean>): DeployImages => ({
  imageExists: exists,
  build: buildServiceImage,
});

export interface PreparedImage {
  /** `repository:tag` the new revision runs. */
  readonly image: string;
  readonly tag: string;
  /** A build ran and produced a new image for the tag (the tag moved): the revision must be redeployed. */
  readonly changed: boolean;
}

/**
 * Makes sure the image the deployment needs exists: with `rebuild`, always
 * through the images module (content-hash cached, so unchanged sources cost
 * nothing); otherwise only when the tag is missing. A service without a build
 * context can only deploy images that are already there.
 */
export async function prepareDeployImage(
  service: ServiceSpec,
  current: TaskDefinitionSpec,
  options: { imageTag?: string; rebuild: boolean; images: DeployImages; emit: EmitEvent },
): Promise<PreparedImage> {
  const container = mainContainer(service, current);
  const tag = options.imageTag ?? container.image.tag;
  const image = imageRef({ repository: container.image.repository, tag });
  const exists = await options.images.imageExists(image);
  if (exists && !options.rebuild) return { image, tag, changed: false };
  if (!service.build) throw new ImageMissingError(image, service.serviceName);
  options.emit({ kind: 'stack', serviceName: service.serviceName, message: `Building image ${image} from ${service.build.context}…` });
  const started = Date.now();
  const built = await options.images.build({
    context: service.build.context,
    dockerfile: service.build.dockerfile,
    repository: container.image.repository,
    tag,
    service: service.key,
    onProgress: (line) => options.emit({ kind: 'stack', serviceName: service.serviceName, message: `  ${line}`, detail: { progress: true } }),
  });
  const took = ((Date.now() - started) / 1000).toFixed(1);
  options.emit({
    kind: 'stack',
    serviceName: service.serviceName,
    message: built.cached ? `Image ${image} is up to date (${took} s).` : `Built image ${image} in ${took} s.`,
  });
  return { image, tag, changed: !built.cached };
}
