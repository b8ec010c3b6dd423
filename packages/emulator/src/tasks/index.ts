export * from './task.js';
export { newTaskId, newDeploymentId } from './task-id.js';
export { exitedTaskReason } from './stopped-reason.js';
export { imageName, mainContainer, taskContainerPort, taskContainerSpec, type TaskSpecInput } from './task-spec.js';
export { containerLastStatus, isEssential } from './container-status.js';
export { ImageMissingError } from './image-missing-error.js';
