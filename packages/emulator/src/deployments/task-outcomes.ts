import type { EmitEvent } from '../events/index.js';
import type { DeploymentRecord, StackState } from '../state/index.js';
import { newDeploymentId } from '../tasks/index.js';
import { countHealthyTask, countTaskFailure, type CircuitBreakerSettings, type TaskFailureKind } from './circuit-breaker.js';
import { circuitBreakerEvents, deploymentCompletedEvent } from './deployment-events.js';
import { newlyCompleted, withStepDeployments } from './rollout.js';

// The effectful side of a rollout, for a service's control loop: apply a task's
// outcome (the circuit breaker) or a scheduler step's deployments to the
// service's record in the state store, and emit what ECS would say. The
// decisions themselves are the pure functions of circuit-breaker.ts and rollout.ts.

/** What the service loop hands over (ServiceController's context fits). */
export interface TaskOutcomeContext {
  readonly serviceName: string;
  readonly circuitBreaker: CircuitBreakerSettings;
  readonly state: { readonly state: StackState; update(change: (s: StackState) => StackState): Promise<void> };
  readonly now: () => number;
  readonly emit: EmitEvent;
}

/** Counts a failed task of `deploymentId`; true when the breaker tripped (the deployments changed shape). */
export function recordTaskFailure(ctx: TaskOutcomeContext, deploymentId: string, kind: TaskFailureKind): boolean {
  let tripped = false;
  let events: ReturnType<typeof circuitBreakerEvents> = [];
  void ctx.state.update((s) => {
    const rec = s.services[ctx.serviceName];
    if (!rec) return s;
    const result = countTaskFailure({
      deployments: rec.deployments,
      deploymentId,
      kind,
      desiredCount: rec.desiredCount,
      circuitBreaker: ctx.circuitBreaker,
      lastCompletedTaskDefinition: rec.lastCompletedTaskDefinition ?? lastCompletedOf(rec.deployments),
      now: ctx.now(),
      newDeploymentId,
    });
    tripped = result.outcome.kind !== 'counted';
    events = circuitBreakerEvents(ctx.serviceName, result.outcome);
    return withDeployments(s, ctx.serviceName, result.deployments);
  });
  for (const event of events) ctx.emit(event);
  return tripped;
}

/** A task of `deploymentId` became healthy (resetOnHealthyTask). */
export function recordHealthyTask(ctx: TaskOutcomeContext, deploymentId: string): void {
  const rec = ctx.state.state.services[ctx.serviceName];
  if (!rec) return;
  const next = countHealthyTask(rec.deployments, deploymentId, ctx.circuitBreaker);
  if (next !== rec.deployments) void ctx.state.update((s) => withDeployments(s, ctx.serviceName, next));
}

/**
 * Saves a scheduler step's deployments (a completed PRIMARY, old ones dropped out).
 * False when a deploy or the circuit breaker changed them since the step read them:
 * nothing is saved and the next step decides again.
 */
export function recordStepDeployments(ctx: TaskOutcomeContext, before: readonly DeploymentRecord[], after: readonly DeploymentRecord[]): boolean {
  if (JSON.stringify(before) === JSON.stringify(after)) return true;
  let saved = false;
  void ctx.state.update((s) => {
    const rec = s.services[ctx.serviceName];
    const next = rec && withStepDeployments(rec, before, after);
    if (!next) return s;
    saved = true;
    return { ...s, services: { ...s.services, [ctx.serviceName]: next } };
  });
  if (saved && newlyCompleted(before, after)) ctx.emit(deploymentCompletedEvent(ctx.serviceName, after[0]!));
  return saved;
}

/** States written before lastCompletedTaskDefinition existed: an older COMPLETED deployment still listed. */
function lastCompletedOf(deployments: readonly DeploymentRecord[]): string | undefined {
  return deployments.slice(1).find((d) => d.rolloutState === 'COMPLETED')?.taskDefinition;
}

function withDeployments(s: StackState, serviceName: string, deployments: readonly DeploymentRecord[]): StackState {
  const rec = s.services[serviceName];
  return rec ? { ...s, services: { ...s.services, [serviceName]: { ...rec, deployments } } } : s;
}
