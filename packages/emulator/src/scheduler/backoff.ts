import type { TimingProfileName } from '../timing/index.js';
import type { LaunchThrottle } from './scheduler-types.js';

export interface BackoffPolicy {
  /** Delay after the second consecutive failure; doubles after each further one. */
  readonly baseMs: number;
  /** ECS caps the time between launch attempts at 15 minutes. */
  readonly maxMs: number;
}

export const BACKOFF: Record<TimingProfileName, BackoffPolicy> = {
  aws: { baseMs: 10_000, maxMs: 15 * 60_000 },
  local: { baseMs: 1_000, maxMs: 30_000 },
};

export const NO_THROTTLE: LaunchThrottle = { failures: 0, notBefore: 0 };

/**
 * After a task stopped without ever becoming healthy: the first failure is
 * retried at once, then the wait doubles up to the cap. A task that becomes
 * healthy resets it.
 */
export function afterLaunchFailure(throttle: LaunchThrottle, now: number, policy: BackoffPolicy): LaunchThrottle {
  const failures = throttle.failures + 1;
  const delay = failures < 2 ? 0 : Math.min(policy.maxMs, policy.baseMs * 2 ** (failures - 2));
  return { failures, notBefore: now + delay };
}

export function afterHealthyTask(): LaunchThrottle {
  return NO_THROTTLE;
}
