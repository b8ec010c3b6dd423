// Application Auto Scaling target tracking for the emulator: alarms on the
// service's CPU and memory datapoints, the desired-count decision, and the
// clock-driven loop that applies it through the core's ServiceScaler.
export { Autoscaler, type AutoscalerOptions } from './autoscaler.js';
export type { ServiceScaler } from './service-scaler.js';
export * from './alarm.js';
export * from './alarm-names.js';
export { policyAlarms, SCALE_IN_THRESHOLD_RATIO } from './policy-alarms.js';
export {
  decideDesiredCount,
  targetCapacity,
  cause as scalingCause,
  type Decision,
  type DecisionInput,
  type Direction,
  type PolicyStatus,
} from './decide-desired-count.js';
export { ServiceAutoscaling, type AlarmTransition } from './service-autoscaling.js';
export type * from './snapshot.js';
