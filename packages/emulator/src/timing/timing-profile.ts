import type { HealthCheckSpec, TargetGroupSpec } from '@ecs-twin/manifest';

// Two timing profiles. `aws` uses AWS's own periods and thresholds
// (shared/docs/aws-fidelity.md); `local` (the default) compresses time so a
// developer sees health, drains, scaling and deployments within a minute.
export type TimingProfileName = 'local' | 'aws';

export interface AutoscalingTiming {
  /** Length of one metric datapoint (CloudWatch period). */
  readonly periodSeconds: number;
  /** High alarm: this many consecutive datapoints above target. */
  readonly highDatapoints: number;
  /** Low alarm: this many consecutive datapoints below 0.9 x target. */
  readonly lowDatapoints: number;
  /** Overrides the policy cooldowns when set (local profile); undefined = honour the manifest. */
  readonly scaleOutCooldownSeconds?: number;
  readonly scaleInCooldownSeconds?: number;
}

export interface TimingProfile {
  readonly name: TimingProfileName;
  /** The health check actually run for a target group. */
  healthCheck(targetGroup: TargetGroupSpec): HealthCheckSpec;
  /** The drain time actually used for a target group. */
  deregistrationDelaySeconds(targetGroup: TargetGroupSpec): number;
  /** A task with no load balancer and no container health check counts healthy this long after RUNNING. */
  readonly healthyWithoutChecksSeconds: number;
  readonly autoscaling: AutoscalingTiming;
  /**
   * Local profile only: health checks of a new target wait (polling) until it
   * answers at all, then the first check counts at once. Absent (aws): the first
   * check comes one interval after registration, as on ALB.
   */
  readonly awaitTargetListening?: { readonly pollMs: number; readonly maxWaitMs: number };
  /** How often the scheduler compares desired and running tasks. */
  readonly schedulerIntervalMs: number;
}

export const awsTiming: TimingProfile = {
  name: 'aws',
  healthCheck: (tg) => tg.healthCheck,
  deregistrationDelaySeconds: (tg) => tg.deregistrationDelaySeconds,
  healthyWithoutChecksSeconds: 40,
  autoscaling: { periodSeconds: 60, highDatapoints: 3, lowDatapoints: 15 },
  schedulerIntervalMs: 5_000,
};

export const localTiming: TimingProfile = {
  name: 'local',
  // 2 s checks with a 2 s timeout: a target goes unhealthy after ~4-6 s, and a
  // busy 0.25-vCPU task (a CFS quota slice is 100 ms) still answers in time.
  // A 1 s timeout flapped healthy tasks under the tutorial's stress test.
  healthCheck: (tg) => ({
    ...tg.healthCheck,
    intervalSeconds: Math.min(tg.healthCheck.intervalSeconds, 2),
    timeoutSeconds: Math.min(tg.healthCheck.timeoutSeconds, 2),
    healthyThresholdCount: Math.min(tg.healthCheck.healthyThresholdCount, 2),
  }),
  deregistrationDelaySeconds: (tg) => Math.min(tg.deregistrationDelaySeconds, 2),
  healthyWithoutChecksSeconds: 2,
  // A booting app is not checked into `unhealthy` (2 failures at 2 s, then 2 passes to
  // recover: ~4 s lost on every start). Bounded by 20 s (the NestJS services boot in
  // ~4 s on 0.25 vCPU): a task that never listens is still found unhealthy, and a bad
  // revision (3 such tasks trip the circuit breaker) rolls back in about a minute, not three.
  // A poll is one refused connection to 127.0.0.1; every 50 ms a serving app is seen ~25 ms
  // after it listens, on average.
  awaitTargetListening: { pollMs: 50, maxWaitMs: 20_000 },
  // AWS's target tracking with time compressed 20x: 60 s periods -> 3 s (three
  // 1 s Docker stats samples per datapoint, so one late sample never makes a
  // period "missing"), 300 s cooldowns -> 15 s, the same 3-of-3 high alarm
  // (scale-out ~10 s into the load). The low alarm takes 10 of 10 instead of
  // 15 of 15 so the service is back to its minimum ~30 s after the load ends.
  autoscaling: {
    periodSeconds: 3,
    highDatapoints: 3,
    lowDatapoints: 10,
    scaleOutCooldownSeconds: 15,
    scaleInCooldownSeconds: 15,
  },
  schedulerIntervalMs: 500,
};

export function timingProfile(name: TimingProfileName): TimingProfile {
  return name === 'aws' ? awsTiming : localTiming;
}
