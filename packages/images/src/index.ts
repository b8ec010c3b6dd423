// Image builder: service images from a stack's build contexts, the base they are
// built FROM (official node image, or an offline one made from the host's node),
// and a plain node runtime image for helper containers.
export { buildServiceImage, type BuildServiceImageOptions, type BuiltImage } from './build-image.js';
export {
  ensureBaseImage,
  DEFAULT_BASE_IMAGE,
  OFFLINE_BASE_REPOSITORY,
  type BaseImage,
  type BaseImageSource,
  type EnsureBaseImageOptions,
} from './base-image.js';
export { ensureNodeRuntimeImage, NODE_PATH_IN_IMAGE } from './node-runtime.js';
export { ImageBuildError, StagingError, BaseImageError, DockerUnavailableError } from './errors.js';
export { IMAGE_LABEL } from './labels.js';
export { buildStackImages, type StackImageResult } from './stack-images.js';
export type { ProgressFn } from './progress.js';
export { hostPlatform, imagePlatform } from './platform.js';
