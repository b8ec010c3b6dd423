export * from './contract.js';
export { ApplicationLoadBalancer, ALB_CONNECT_TIMEOUT_MS, type ApplicationLoadBalancerOptions } from './application-load-balancer.js';
export type { ListenerSockets } from './listener.js';
export { ListenerPortInUseError, UnknownTargetGroupError, InvalidMatcherError } from './errors.js';
export { httpHealthProbe, type HealthProbe, type HealthProbeRequest } from './health-probe.js';
export { albErrorBody } from './alb-responses.js';
export { parseMatcher, type StatusMatcher } from './matcher.js';
export {
  applyHealthCheck,
  drainingHealth,
  healthCheckingStarted,
  registeredHealth,
  unusedHealth,
  type HealthCheckOutcome,
  type HealthThresholds,
  type TargetHealth,
  type TargetHealthReason,
} from './health-state.js';
export { isTraceSegment, newTraceSegment, traceHeader } from './trace-id.js';
