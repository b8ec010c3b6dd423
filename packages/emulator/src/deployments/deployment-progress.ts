import type { DeploymentFailure } from './deployment-failure.js';

// Where a deployment stands, from what `status` shows (pure): what `emulate
// deploy` waits on. "Completed" is the AWS SDK's ServicesStable condition for
// the service (one deployment, runningCount == desiredCount) with that one
// deployment being ours and COMPLETED.

/** What the wait reads of a service in `status` (its ServiceStatusView fits): the deployments and the counts. */
export interface ServiceDeploymentsView {
  readonly serviceName: string;
  readonly desiredCount: number;
  readonly runningCount: number;
  /** PRIMARY first. */
  readonly deployments: readonly { readonly id: string; readonly rolloutState: string; readonly rolloutStateReason?: string }[];
}

export type DeploymentProgress =
  | { readonly state: 'in-progress' }
  | { readonly state: 'completed' }
  /** `settled`: nothing left to wait for (the rollback completed, or there is none). */
  | { readonly state: 'failed'; readonly failure: DeploymentFailure; readonly settled: boolean }
  /** Another deployment replaced ours before it finished (a second `deploy`). */
  | { readonly state: 'superseded'; readonly by: string };

export function isServiceStable(service: ServiceDeploymentsView): boolean {
  return service.deployments.length === 1 && service.runningCount === service.desiredCount;
}

export function deploymentProgress(
  service: ServiceDeploymentsView,
  deploymentId: string,
  failure: DeploymentFailure | undefined,
): DeploymentProgress {
  const ours = service.deployments.find((d) => d.id === deploymentId);
  const primary = service.deployments[0];
  const failed: DeploymentFailure | undefined =
    failure ?? (ours?.rolloutState === 'FAILED' ? { deploymentId, reason: ours.rolloutStateReason ?? 'deployment failed' } : undefined);
  if (failed) {
    const rollback = failed.rollback;
    const settled = rollback
      ? primary?.id === rollback.deploymentId
        ? primary.rolloutState === 'COMPLETED' && isServiceStable(service)
        : primary !== undefined && primary.id !== deploymentId // a later deployment took over: nothing to wait for
      : true;
    return { state: 'failed', failure: failed, settled };
  }
  if (primary?.id === deploymentId && primary.rolloutState === 'COMPLETED' && isServiceStable(service)) return { state: 'completed' };
  if (!ours && primary) return { state: 'superseded', by: primary.id };
  return { state: 'in-progress' };
}
