import type { TargetHealthDescription } from '../load-balancer/contract.js';
import type { DeploymentRecord } from '../state/index.js';
import type { Task, TaskHealthStatus } from '../tasks/index.js';

/** Launch throttling after tasks fail to start (ECS: up to 15 minutes between attempts). */
export interface LaunchThrottle {
  /** Consecutive tasks that stopped before ever becoming healthy. */
  readonly failures: number;
  /** Epoch ms before which no task is launched. */
  readonly notBefore: number;
}

/** What `decide` needs to know about one service. */
export interface SchedulerService {
  readonly serviceName: string;
  readonly desiredCount: number;
  /** PRIMARY first, then ACTIVE ones (older revisions still running). */
  readonly deployments: readonly DeploymentRecord[];
  readonly minimumHealthyPercent: number;
  readonly maximumPercent: number;
  /** Target group of the service, when it is load balanced. */
  readonly targetGroupName?: string;
  /** ELB health failures are ignored this long after a task is RUNNING. */
  readonly healthCheckGracePeriodMs: number;
  /** Without a load balancer, a task counts healthy this long after RUNNING. */
  readonly healthyWithoutChecksMs: number;
  readonly throttle: LaunchThrottle;
  /** Most tasks this step may launch (host-aware admission); absent = no bound. */
  readonly launchLimit?: number;
}

/** A task as `decide` sees it: the Task plus whether its target is registered. */
export interface ObservedTask extends Task {
  /** Registered in the service's target group (by this emulator process). */
  readonly registered: boolean;
}

export type SchedulerAction =
  | { readonly kind: 'start-task'; readonly deploymentId: string; readonly taskDefinition: string }
  | {
      readonly kind: 'stop-task';
      readonly taskId: string;
      readonly reason: string;
      /** Stopped for failing its health checks: counts toward the deployment circuit breaker. */
      readonly failedHealthChecks?: boolean;
    }
  | { readonly kind: 'register-target'; readonly taskId: string };

export interface Decision {
  readonly actions: readonly SchedulerAction[];
  /** The service's deployments after this step (rollout states updated, finished ones dropped). */
  readonly deployments: readonly DeploymentRecord[];
  /** One deployment, every wanted task running and healthy, nothing starting or leaving. */
  readonly steady: boolean;
  /** Health per active task id, as used for the decision. */
  readonly health: ReadonlyMap<string, TaskHealthStatus>;
}

export type TargetHealthInput = readonly TargetHealthDescription[];
