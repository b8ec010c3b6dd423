export * from './scheduler-types.js';
export { decide } from './decide.js';
export { taskHealth } from './task-health.js';
export { BACKOFF, NO_THROTTLE, afterHealthyTask, afterLaunchFailure, type BackoffPolicy } from './backoff.js';
export { LaunchAdmission, admittedLaunches, taskVcpusOnHost } from './admission.js';
