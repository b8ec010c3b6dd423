export { stackStatus, type ServiceStatus, type StackStatus, type TargetGroupStatus } from './status.js';
