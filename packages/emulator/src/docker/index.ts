export * from './container-runtime.js';
export { DockerRuntime } from './docker-runtime.js';
export { DockerUnavailableError, TaskStartError, dockerEndpoint } from './errors.js';
export { LogDemuxer } from './log-demux.js';
export { dockerClient } from './docker-client.js';
