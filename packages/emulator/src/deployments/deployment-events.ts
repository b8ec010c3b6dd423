import type { EmulatorEvent } from '../events/index.js';
import type { DeploymentRecord } from '../state/index.js';
import type { CircuitBreakerOutcome } from './circuit-breaker.js';
import type { DeploymentFailure } from './deployment-failure.js';

type EventInput = Omit<EmulatorEvent, 'at'>;

// Service events of the circuit breaker, worded as ECS words them
// ("(service X) (deployment ecs-svc/…) deployment failed: tasks failed to start."),
// with the machine-readable part in `detail` for `emulate deploy` and --json.

export function circuitBreakerEvents(serviceName: string, outcome: CircuitBreakerOutcome): EventInput[] {
  if (outcome.kind === 'counted') return [];
  const why = outcome.reason.replace(/^ECS deployment circuit breaker: /, '').replace(/\.$/, '');
  const failure: DeploymentFailure = {
    deploymentId: outcome.failed.id,
    reason: outcome.reason,
    ...(outcome.kind === 'rolled-back'
      ? { rollback: { deploymentId: outcome.rollback.id, taskDefinition: outcome.rollback.taskDefinition } }
      : {}),
  };
  const events: EventInput[] = [
    {
      kind: 'deployment',
      serviceName,
      message: `(service ${serviceName}) (deployment ${outcome.failed.id}) deployment failed: ${why}.`,
      detail: { rolloutState: 'FAILED', taskDefinition: outcome.failed.taskDefinition, failure },
    },
  ];
  if (outcome.kind === 'rolled-back') {
    events.push({
      kind: 'deployment',
      serviceName,
      message: `(service ${serviceName}) rolling back to ${outcome.rollback.taskDefinition} (deployment ${outcome.rollback.id}).`,
      detail: { deploymentId: outcome.rollback.id, rolloutState: 'IN_PROGRESS', taskDefinition: outcome.rollback.taskDefinition, rollbackOf: outcome.failed.id },
    });
  }
  return events;
}

/** A rolling deployment to `taskDefinition` started (UpdateService, or `up` with an edited manifest). */
export function deploymentStartedEvent(serviceName: string, deploymentId: string, taskDefinition: string): EventInput {
  return {
    kind: 'deployment',
    serviceName,
    message: `(service ${serviceName}) (deployment ${deploymentId}) started a deployment of ${taskDefinition}.`,
    detail: { deploymentId, rolloutState: 'IN_PROGRESS', taskDefinition },
  };
}

/** The PRIMARY's rollout completed (`deployment completed`, as ECS says it). */
export function deploymentCompletedEvent(serviceName: string, deployment: DeploymentRecord): EventInput {
  return {
    kind: 'deployment',
    serviceName,
    message: `(service ${serviceName}) (deployment ${deployment.id}) deployment completed.`,
    detail: { deploymentId: deployment.id, rolloutState: 'COMPLETED', taskDefinition: deployment.taskDefinition },
  };
}

/** The failure a `deployment` event reports for `deploymentId`, if it is that one. */
export function failureFromEvent(event: Pick<EmulatorEvent, 'kind' | 'detail'>, deploymentId: string): DeploymentFailure | undefined {
  if (event.kind !== 'deployment') return undefined;
  const failure = event.detail?.failure as DeploymentFailure | undefined;
  return failure && failure.deploymentId === deploymentId ? failure : undefined;
}
