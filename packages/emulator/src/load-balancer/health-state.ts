// The health of one target as ALB tracks it: a pure state machine, no I/O and
// no clock. The health checker feeds it check outcomes; the target group reads
// `state` to decide where requests may go.
//
// ALB's rules (shared/docs/aws-fidelity.md §2):
// - a new target is `initial` and becomes `healthy` after ONE passing check;
// - the healthy threshold applies only to recovery from `unhealthy`;
// - `unhealthyThresholdCount` consecutive failures make it `unhealthy`
//   (from `initial` as well as from `healthy`);
// - deregistration moves it to `draining`, then `unused`; checks no longer count.
import type { TargetState } from './contract.js';

/** What one health check observed. */
export type HealthCheckOutcome =
  | { readonly kind: 'pass'; readonly statusCode: number }
  /** The target answered with a code the matcher rejects. */
  | { readonly kind: 'mismatch'; readonly statusCode: number }
  /** No complete response within the health check timeout. */
  | { readonly kind: 'timeout' }
  /** Connection refused, reset, or a malformed response. */
  | { readonly kind: 'error'; readonly message: string }
  /**
   * A timeout the emulator's host caused, not the target (every core busy, or the
   * emulator's own timers late): neither a pass nor a failure (health-checker.ts).
   */
  | { readonly kind: 'not-counted'; readonly why: string };

export interface HealthThresholds {
  readonly healthyThresholdCount: number;
  readonly unhealthyThresholdCount: number;
}

/** ALB reason codes, as DescribeTargetHealth reports them. */
export type TargetHealthReason =
  | 'Elb.RegistrationInProgress'
  | 'Elb.InitialHealthChecking'
  | 'Target.ResponseCodeMismatch'
  | 'Target.Timeout'
  | 'Target.FailedHealthChecks'
  | 'Target.DeregistrationInProgress'
  | 'Target.NotRegistered';

export interface TargetHealth {
  readonly state: TargetState;
  /** Absent when healthy, as in DescribeTargetHealth. */
  readonly reason?: TargetHealthReason;
  readonly description?: string;
  readonly consecutivePasses: number;
  readonly consecutiveFailures: number;
}

/** A target just registered, before its first check started. */
export function registeredHealth(): TargetHealth {
  return {
    state: 'initial',
    reason: 'Elb.RegistrationInProgress',
    description: 'Target registration is in progress',
    consecutivePasses: 0,
    consecutiveFailures: 0,
  };
}

/** The first check is under way: `initial` now reports the initial health checking reason. */
export function healthCheckingStarted(health: TargetHealth): TargetHealth {
  if (health.state !== 'initial' || health.reason !== 'Elb.RegistrationInProgress') return health;
  return { ...health, reason: 'Elb.InitialHealthChecking', description: 'Initial health checks in progress' };
}

/** The next health after one check. Draining and unused targets ignore checks. */
export function applyHealthCheck(health: TargetHealth, outcome: HealthCheckOutcome, thresholds: HealthThresholds): TargetHealth {
  if (health.state === 'draining' || health.state === 'unused' || health.state === 'unavailable') return health;
  if (outcome.kind === 'not-counted') return health;
  if (outcome.kind === 'pass') return afterPass(health, thresholds);
  return afterFailure(health, outcome, thresholds);
}

function afterPass(health: TargetHealth, thresholds: HealthThresholds): TargetHealth {
  const consecutivePasses = health.consecutivePasses + 1;
  const recovered = health.state !== 'unhealthy' || consecutivePasses >= thresholds.healthyThresholdCount;
  if (recovered) return { state: 'healthy', consecutivePasses, consecutiveFailures: 0 };
  // Still unhealthy: keep the reason that made it so until the threshold is met.
  return { ...health, consecutivePasses, consecutiveFailures: 0 };
}

function afterFailure(
  health: TargetHealth,
  outcome: Failure,
  thresholds: HealthThresholds,
): TargetHealth {
  const consecutiveFailures = health.consecutiveFailures + 1;
  const failed = health.state === 'unhealthy' || consecutiveFailures >= thresholds.unhealthyThresholdCount;
  if (!failed) {
    // Below the threshold the state (and, for `initial`, the reason) is unchanged.
    return { ...healthCheckingStarted(health), consecutivePasses: 0, consecutiveFailures };
  }
  return { state: 'unhealthy', ...failureReason(outcome), consecutivePasses: 0, consecutiveFailures };
}

type Failure = Exclude<HealthCheckOutcome, { kind: 'pass' | 'not-counted' }>;

function failureReason(outcome: Failure): Pick<TargetHealth, 'reason' | 'description'> {
  switch (outcome.kind) {
    case 'mismatch':
      return { reason: 'Target.ResponseCodeMismatch', description: `Health checks failed with these codes: [${outcome.statusCode}]` };
    case 'timeout':
      return { reason: 'Target.Timeout', description: 'Request timed out' };
    case 'error':
      return { reason: 'Target.FailedHealthChecks', description: 'Health checks failed' };
  }
}

/** Deregistration started: no new requests, in-flight ones may finish. */
export function drainingHealth(health: TargetHealth): TargetHealth {
  return {
    state: 'draining',
    reason: 'Target.DeregistrationInProgress',
    description: 'Target deregistration is in progress',
    consecutivePasses: health.consecutivePasses,
    consecutiveFailures: health.consecutiveFailures,
  };
}

/** Drained and removed from the target group. */
export function unusedHealth(): TargetHealth {
  return {
    state: 'unused',
    reason: 'Target.NotRegistered',
    description: 'Target is not registered to the target group',
    consecutivePasses: 0,
    consecutiveFailures: 0,
  };
}

/** Whether a state change is worth an event (counters alone are not). */
export function healthStateChanged(before: TargetHealth, after: TargetHealth): boolean {
  return before.state !== after.state || before.reason !== after.reason;
}
