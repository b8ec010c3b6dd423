import type { DeploymentRecord, ServiceRecord } from '../state/index.js';
import { newDeploymentId } from '../tasks/index.js';

// A service's rolling update (ECS deployment type ECS), as pure functions over
// its deployments, PRIMARY first: how one starts, how far the scheduler may go
// (maximumPercent, minimumHealthyPercent), when the PRIMARY completes and the
// old ones drop out, and what the service record keeps of it. The circuit
// breaker's transitions (FAILED, rollback) are in circuit-breaker.ts; the
// scheduler's step (scheduler/decide.ts) applies these rules to tasks.

/** A new PRIMARY deployment of `taskDefinition`, IN_PROGRESS. */
export function primaryDeployment(
  taskDefinition: string,
  now: number,
  id: string = newDeploymentId(),
  reason = 'ECS deployment in progress.',
): DeploymentRecord {
  return {
    id,
    status: 'PRIMARY',
    taskDefinition,
    rolloutState: 'IN_PROGRESS',
    rolloutStateReason: reason,
    createdAt: now,
    updatedAt: now,
    failedTasks: 0,
  };
}

/** A new PRIMARY in front; the previous ones become ACTIVE until their tasks are gone. */
export function withNewPrimaryDeployment(deployments: readonly DeploymentRecord[], taskDefinition: string, now: number): DeploymentRecord[] {
  return [primaryDeployment(taskDefinition, now), ...deployments.map((d) => ({ ...d, status: 'ACTIVE' as const, updatedAt: now }))];
}

export interface RolloutLimits {
  /** Tasks RUNNING or PENDING at most (maximumPercent of desiredCount, never below desiredCount). */
  readonly maxTotal: number;
  /** Healthy tasks kept while old ones are stopped (minimumHealthyPercent, never above desiredCount). */
  readonly minHealthy: number;
}

export function rolloutLimits(desiredCount: number, maximumPercent: number, minimumHealthyPercent: number): RolloutLimits {
  return {
    maxTotal: Math.max(desiredCount, Math.floor((desiredCount * maximumPercent) / 100)),
    minHealthy: Math.min(desiredCount, Math.ceil((desiredCount * minimumHealthyPercent) / 100)),
  };
}

/**
 * A deployment the circuit breaker FAILED (rollback off) launches no more tasks while an
 * older deployment still serves, as on ECS; with nothing else to run it keeps retrying (backoff).
 */
export function launchesHeld(deployments: readonly DeploymentRecord[]): boolean {
  return deployments[0]?.rolloutState === 'FAILED' && deployments.length > 1;
}

/** A rollout is under way: a deployment still IN_PROGRESS, or an older one with tasks left (the autoscaler waits). */
export function isRolloutInProgress(deployments: readonly DeploymentRecord[]): boolean {
  return deployments.length > 1 || deployments[0]?.rolloutState === 'IN_PROGRESS';
}

/**
 * The deployments after a scheduler step. PRIMARY completes once it runs
 * desiredCount healthy tasks and no older task is left, draining ones included
 * (on ECS a deployment's time includes the drain); an ACTIVE deployment with no
 * task left, running or leaving, drops out of the list (AWS waiters wait for
 * exactly one deployment).
 */
export function deploymentsAfterStep<T extends { readonly deploymentId: string }>(input: {
  readonly deployments: readonly DeploymentRecord[];
  readonly desiredCount: number;
  /** Active tasks the step keeps. */
  readonly remaining: readonly T[];
  /** Tasks DEACTIVATING or STOPPING (draining, stopping). */
  readonly leaving: readonly T[];
  readonly isHealthy: (task: T) => boolean;
  /** The step stops tasks itself. */
  readonly stoppingNow: boolean;
  readonly now: number;
}): DeploymentRecord[] {
  const { remaining, leaving } = input;
  const [primary, ...old] = input.deployments;
  if (!primary) return [];
  const keptOld = old.filter((d) => remaining.some((t) => t.deploymentId === d.id) || leaving.some((t) => t.deploymentId === d.id));
  const primaryTasks = remaining.filter((t) => t.deploymentId === primary.id);
  const done =
    keptOld.length === 0 &&
    !input.stoppingNow &&
    leaving.length === 0 &&
    primaryTasks.length === input.desiredCount &&
    primaryTasks.every(input.isHealthy);
  let next = primary;
  if (done && primary.rolloutState === 'IN_PROGRESS') {
    next = { ...primary, rolloutState: 'COMPLETED', rolloutStateReason: 'ECS deployment completed.', updatedAt: input.now };
  }
  return [next, ...keptOld];
}

/** The task definition the PRIMARY just completed, when it did between `before` and `after`. */
export function newlyCompleted(before: readonly DeploymentRecord[], after: readonly DeploymentRecord[]): string | undefined {
  const primary = after[0];
  if (!primary || primary.rolloutState !== 'COMPLETED') return undefined;
  const was = before.find((d) => d.id === primary.id);
  return was?.rolloutState === 'COMPLETED' ? undefined : primary.taskDefinition;
}

/**
 * The service record with a step's deployments; it remembers a completed
 * revision as the circuit breaker's rollback target. Undefined when the record's
 * deployments are no longer the ones the step read (a deploy or the circuit
 * breaker changed them meanwhile): the next step decides again.
 */
export function withStepDeployments(
  record: ServiceRecord,
  before: readonly DeploymentRecord[],
  after: readonly DeploymentRecord[],
): ServiceRecord | undefined {
  if (record.deployments !== before) return undefined;
  const completed = newlyCompleted(before, after);
  return { ...record, deployments: after, ...(completed ? { lastCompletedTaskDefinition: completed } : {}) };
}
