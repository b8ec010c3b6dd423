export { DockerImagePublisher, type DockerPushEngine, type ImageBuilder, type ImagePublisher, type ProgressFn } from './image-publisher.js';
export { DockerodePushEngine } from './dockerode-push-engine.js';
export { EmulatorImageBuilder } from './emulator-image-builder.js';
