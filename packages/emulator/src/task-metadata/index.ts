// Task metadata endpoint v4: ECS_CONTAINER_METADATA_URI_V4 for every task, served
// by one helper container per stack on the namespace network.
export * from './contract.js';
export { DockerTaskMetadataRegistry, METADATA_IMAGE, type DockerTaskMetadataOptions } from './docker-task-metadata.js';
export { metadataEnvironment, metadataContainerId, METADATA_HOST } from './container-id.js';
export { renderTaskMetadata, clusterArn, taskArn, LOCAL_ACCOUNT_ID, type V4Task, type V4Container } from './render-task.js';
export { taskMetadataRecord, taskMetadataListener, type TaskFacts } from './task-lifecycle.js';
