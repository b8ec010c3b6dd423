import type { TaskDefinitionSpec } from '@ecs-twin/manifest';

// What Docker cannot hold: registered task-definition revisions, each service's
// desired count and deployments. Persisted per stack so a restarted emulator
// re-attaches with the same desired count (an autoscaled 3 stays 3) and revisions.

export type DeploymentStatus = 'PRIMARY' | 'ACTIVE';
export type RolloutState = 'IN_PROGRESS' | 'COMPLETED' | 'FAILED';

export interface DeploymentRecord {
  /** `ecs-svc/<19 digits>`. */
  readonly id: string;
  readonly status: DeploymentStatus;
  /** `family:revision`. */
  readonly taskDefinition: string;
  readonly rolloutState: RolloutState;
  readonly rolloutStateReason?: string;
  /** Epoch ms. */
  readonly createdAt: number;
  readonly updatedAt: number;
  /** Tasks of this deployment that stopped before becoming healthy (circuit breaker input). */
  readonly failedTasks: number;
}

export interface ServiceRecord {
  readonly desiredCount: number;
  /** The manifest's desiredCount at the last `up`: a changed manifest value wins over the stored one. */
  readonly manifestDesiredCount: number;
  /** PRIMARY first. */
  readonly deployments: readonly DeploymentRecord[];
  /**
   * The revision registered from the manifest at the last `up`: a restart re-deploys
   * only when the manifest's task definition changed, not over an `emulate deploy`.
   */
  readonly manifestTaskDefinition?: string;
  /** Task definition of the last deployment that COMPLETED: the circuit breaker rolls back to it. */
  readonly lastCompletedTaskDefinition?: string;
}

export interface RegisteredRevision {
  readonly revision: number;
  /** Content hash of the definition: a changed definition is a new revision. */
  readonly hash: string;
  readonly registeredAt: number;
  readonly definition: TaskDefinitionSpec;
}

export interface StoppedTaskRecord {
  readonly stopCode: string;
  readonly stoppedReason: string;
  /** The essential container's exit code, when it exited on its own or was killed. */
  readonly exitCode?: number;
  readonly at: number;
}

export interface StackState {
  readonly version: 1;
  readonly stack: string;
  readonly taskDefinitions: Readonly<Record<string, readonly RegisteredRevision[]>>;
  readonly services: Readonly<Record<string, ServiceRecord>>;
  /** Why the emulator stopped a task (Docker only knows the exit code), bounded. */
  readonly stoppedTasks: Readonly<Record<string, StoppedTaskRecord>>;
}

/** Stopped tasks whose reasons state.json keeps; the oldest go first. */
export const STOPPED_TASKS_KEPT = 100;

/** `state` with why `taskId` stopped, keeping the newest STOPPED_TASKS_KEPT records. */
export function withStoppedTask(state: StackState, taskId: string, record: StoppedTaskRecord): StackState {
  const newestLast = Object.entries({ ...state.stoppedTasks, [taskId]: record }).sort(([, a], [, b]) => a.at - b.at);
  return { ...state, stoppedTasks: Object.fromEntries(newestLast.slice(-STOPPED_TASKS_KEPT)) };
}

export function emptyState(stack: string): StackState {
  return { version: 1, stack, taskDefinitions: {}, services: {}, stoppedTasks: {} };
}
