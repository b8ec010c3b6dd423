// Where one service's rollout stands, judged from one DescribeServices answer. Pure.
// "Stable" (one deployment, running = desired) is not "done": after a circuit-breaker
// rollback the service is stable on the OLD revision, so the applied task definition
// must be the PRIMARY one and its rollout COMPLETED.
import type { ServiceRecord } from '../ports/index.js';

export type RolloutState =
  | { readonly state: 'done' }
  | { readonly state: 'waiting'; readonly why: string }
  | { readonly state: 'failed'; readonly reason: string };

const revisionOf = (arn: string) => arn.slice(arn.lastIndexOf('/') + 1);

/** `expectedTaskDefinition`: the ARN apply set; undefined when this run did not choose one. */
export function rolloutState(record: ServiceRecord | undefined, expectedTaskDefinition: string | undefined): RolloutState {
  if (!record) return { state: 'failed', reason: 'the service is MISSING' };
  if (record.status !== 'ACTIVE') return { state: 'failed', reason: `the service is ${record.status}` };
  const primary = record.deployments.find((d) => d.status === 'PRIMARY');
  if (!primary) return { state: 'waiting', why: 'no PRIMARY deployment yet' };
  if (primary.rolloutState === 'FAILED') {
    return { state: 'failed', reason: `deployment FAILED: ${primary.rolloutStateReason ?? 'no reason given'}` };
  }
  if (expectedTaskDefinition && primary.taskDefinitionArn && primary.taskDefinitionArn !== expectedTaskDefinition) {
    // A rollback makes the old revision the service's again; a PRIMARY that merely lags (moto never updates
    // its deployment's revision) leaves the service on the applied one.
    const rolledBack = record.taskDefinitionArn !== expectedTaskDefinition || record.deployments.some((d) => d.rolloutState === 'FAILED');
    if (!rolledBack) return { state: 'waiting', why: `the PRIMARY deployment still shows ${revisionOf(primary.taskDefinitionArn)}` };
    return {
      state: 'failed',
      reason: `rolled back: ECS runs ${revisionOf(primary.taskDefinitionArn)} instead of the applied ${revisionOf(expectedTaskDefinition)}`
        + (primary.rolloutStateReason ? ` (${primary.rolloutStateReason})` : ''),
    };
  }
  const settled = record.deployments.length === 1 && record.runningCount === record.desiredCount;
  // Without a circuit breaker ECS reports no rolloutState: one deployment at full count is all there is.
  const completed = primary.rolloutState === undefined || primary.rolloutState === 'COMPLETED';
  if (settled && completed) return { state: 'done' };
  return {
    state: 'waiting',
    why: `${record.runningCount}/${record.desiredCount} running, ${record.deployments.length} deployment(s), rollout ${primary.rolloutState ?? 'n/a'}`,
  };
}

/** Targets of one target group that answer the health check. */
export function healthyTargets(targets: readonly { state: string }[]): number {
  return targets.filter((t) => t.state === 'healthy').length;
}
