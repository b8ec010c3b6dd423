import type { DeploymentRecord } from '../state/index.js';
import { primaryDeployment } from './rollout.js';

// ECS's deployment circuit breaker (aws-fidelity.md §3), as pure functions over
// a service's deployments. The controller calls `countTaskFailure` when a task of
// a deployment fails and `countHealthyTask` when one becomes healthy; the
// outcome says whether the PRIMARY deployment failed and what replaced it.

/** What the manifest's `deployment.circuitBreaker` says (ECS DeploymentCircuitBreaker). */
export interface CircuitBreakerSettings {
  readonly enable: boolean;
  readonly rollback: boolean;
  /** A task of the deployment reaching healthy resets its failure count. @default true (ECS) */
  readonly resetOnHealthyTask?: boolean;
}

/** The two failures ECS counts: tasks that never reach RUNNING (stage 1), then failed health checks (stage 2). */
export type TaskFailureKind = 'failed-to-start' | 'failed-health-checks';

export const CIRCUIT_BREAKER_REASON: Record<TaskFailureKind, string> = {
  'failed-to-start': 'ECS deployment circuit breaker: tasks failed to start.',
  'failed-health-checks': 'ECS deployment circuit breaker: tasks failed health checks.',
};

/** 0.5 x desiredCount (BOUNDED_PERCENT 50), rounded up, clamped to 3..200. */
export function circuitBreakerThreshold(desiredCount: number): number {
  return Math.min(200, Math.max(3, Math.ceil(desiredCount * 0.5)));
}

export interface TaskFailureInput {
  /** The service's deployments, PRIMARY first. */
  readonly deployments: readonly DeploymentRecord[];
  readonly deploymentId: string;
  readonly kind: TaskFailureKind;
  readonly desiredCount: number;
  readonly circuitBreaker: CircuitBreakerSettings;
  /** Task definition of the service's last COMPLETED deployment: the rollback target. */
  readonly lastCompletedTaskDefinition?: string;
  readonly now: number;
  readonly newDeploymentId: () => string;
}

export type CircuitBreakerOutcome =
  /** Counted (or not monitored); the deployment goes on. */
  | { readonly kind: 'counted'; readonly failedTasks: number; readonly threshold: number; readonly monitored: boolean }
  /** Threshold reached, no rollback: the deployment is FAILED and launches no more tasks. */
  | { readonly kind: 'failed'; readonly failed: DeploymentRecord; readonly reason: string }
  /** Threshold reached: FAILED, and a new PRIMARY deployment of the last completed revision took over. */
  | { readonly kind: 'rolled-back'; readonly failed: DeploymentRecord; readonly rollback: DeploymentRecord; readonly reason: string };

export interface CircuitBreakerResult {
  readonly deployments: readonly DeploymentRecord[];
  readonly outcome: CircuitBreakerOutcome;
}

/**
 * Counts one failed task. Only the PRIMARY deployment while IN_PROGRESS is
 * monitored (an old ACTIVE deployment's tasks failing is no verdict on the new
 * revision); its count still shows in `failedTasks`.
 */
export function countTaskFailure(input: TaskFailureInput): CircuitBreakerResult {
  const threshold = circuitBreakerThreshold(input.desiredCount);
  const deployments = input.deployments.map((d) =>
    d.id === input.deploymentId ? { ...d, failedTasks: d.failedTasks + 1, updatedAt: input.now } : d,
  );
  const primary = deployments[0];
  const monitored =
    input.circuitBreaker.enable && primary !== undefined && primary.id === input.deploymentId && primary.rolloutState === 'IN_PROGRESS';
  const failedTasks = deployments.find((d) => d.id === input.deploymentId)?.failedTasks ?? 0;
  if (!monitored || failedTasks < threshold) {
    return { deployments, outcome: { kind: 'counted', failedTasks, threshold, monitored } };
  }
  const reason = CIRCUIT_BREAKER_REASON[input.kind];
  const failed: DeploymentRecord = { ...primary, rolloutState: 'FAILED', rolloutStateReason: reason, updatedAt: input.now };
  const target = input.lastCompletedTaskDefinition;
  if (!input.circuitBreaker.rollback || !target || target === failed.taskDefinition) {
    return { deployments: [failed, ...deployments.slice(1)], outcome: { kind: 'failed', failed, reason } };
  }
  const rollback = primaryDeployment(
    target,
    input.now,
    input.newDeploymentId(),
    `ECS deployment circuit breaker: rolling back to ${target} after deployment ${failed.id} failed.`,
  );
  // Older deployments already running the target revision fold into the rollback:
  // their tasks are adopted (the scheduler maps a task of an unknown deployment onto
  // the one running its revision), so healthy old tasks are kept, not replaced.
  const others = deployments
    .slice(1)
    .filter((d) => d.taskDefinition !== target)
    .map((d) => ({ ...d, status: 'ACTIVE' as const }));
  return {
    deployments: [rollback, { ...failed, status: 'ACTIVE' }, ...others],
    outcome: { kind: 'rolled-back', failed: { ...failed, status: 'ACTIVE' }, rollback, reason },
  };
}

/** A task of `deploymentId` became healthy: with resetOnHealthyTask (ECS default), its failure count goes back to 0. */
export function countHealthyTask(
  deployments: readonly DeploymentRecord[],
  deploymentId: string,
  circuitBreaker: CircuitBreakerSettings,
): readonly DeploymentRecord[] {
  if (circuitBreaker.resetOnHealthyTask === false) return deployments;
  const target = deployments.find((d) => d.id === deploymentId);
  if (!target || target.failedTasks === 0 || target.rolloutState !== 'IN_PROGRESS') return deployments;
  return deployments.map((d) => (d === target ? { ...d, failedTasks: 0 } : d));
}
