// An ECS service: which fields change, and how the desired count and task
// definition are compared. Pure.
import type { DesiredService } from './desired-types.js';
import { specHash } from './diff.js';
import type { ObservedService } from './observed-types.js';
import type { PlanStep } from './plan-step.js';
import { stepFor, type OwnershipConflict } from './step-for.js';

/** What the task-definition step decided, which the service must follow. */
export interface TaskDefinitionTarget {
  /** `family:revision` the service should run, or `family:(new revision)`. */
  readonly ref: string;
}

export const NEW_REVISION = '(new revision)';

/** The hash stored on the service: its configuration, without revision and count. */
export function serviceSpecHash(desired: DesiredService): string {
  return specHash(desired.config);
}

export function planService(
  desired: DesiredService,
  observed: ObservedService | undefined,
  taskDefinition: TaskDefinitionTarget,
  conflicts: OwnershipConflict[],
): PlanStep {
  const cfg = desired.config;
  const desiredFields: Record<string, unknown> = {
    launchType: cfg.launchType,
    platformVersion: cfg.platformVersion,
    network: cfg.network,
    loadBalancers: cfg.loadBalancers,
    serviceConnect: cfg.serviceConnect ?? { enabled: false },
    deployment: cfg.deployment,
    healthCheckGracePeriodSeconds: cfg.healthCheckGracePeriodSeconds,
    taskDefinition: taskDefinition.ref,
    desiredCount: desiredCountFor(desired, observed),
  };
  return stepFor(
    {
      kind: 'service',
      name: desired.serviceName,
      observed,
      desiredFields,
      observedFields: () => ({
        launchType: observed?.launchType,
        platformVersion: observed?.platformVersion,
        network: observed?.network,
        loadBalancers: observed?.loadBalancers,
        serviceConnect: observed?.serviceConnect,
        deployment: observed?.deployment,
        healthCheckGracePeriodSeconds: observed?.healthCheckGracePeriodSeconds,
        taskDefinition: observed?.taskDefinition,
        desiredCount: observed?.desiredCount,
      }),
      immutable: ['launchType'],
      desiredHash: serviceSpecHash(desired),
      extraChanges: restartReason(observed) ? [{ field: 'forceNewDeployment', from: restartReason(observed), to: true }] : [],
    },
    conflicts,
  );
}

/**
 * A service the circuit breaker left with nothing running stays that way: ECS
 * launches no more tasks for a FAILED deployment, and a re-run that compares only
 * configuration would say "no changes". Such a service gets a new deployment.
 */
export function restartReason(observed: ObservedService | undefined): string | undefined {
  const r = observed?.rollout;
  if (!observed || !r) return undefined;
  if (r.primary === 'FAILED') return `PRIMARY deployment FAILED${r.reason ? `: ${r.reason}` : ''}`;
  if (observed.desiredCount > 0 && observed.runningCount === 0 && !r.inProgress) return `0 of ${observed.desiredCount} running and no deployment in progress`;
  return undefined;
}

/**
 * With autoscaling, Application Auto Scaling owns the desired count: a count
 * inside [min, max] is left alone (re-applying must not undo a scale-out), one
 * outside is brought to the nearest bound. Without autoscaling the manifest wins.
 */
export function desiredCountFor(desired: DesiredService, observed: ObservedService | undefined): number {
  const range = desired.scalingRange;
  if (!range || !observed) return desired.desiredCount;
  return Math.min(range.max, Math.max(range.min, observed.desiredCount));
}
