import type { TaskDefinitionSpec } from '@ecs-twin/manifest';
import type { EmitEvent } from '../events/index.js';
import { registerTaskDefinition, type StackState } from '../state/index.js';
import { deploymentStartedEvent } from './deployment-events.js';
import { withNewPrimaryDeployment } from './rollout.js';

// UpdateService's deployment half, on the state store: register the task
// definition (an unchanged one reuses its revision) and put a new PRIMARY
// deployment of it in front; the service's loop rolls it out.

export interface RolloutStore {
  readonly state: StackState;
  update(change: (state: StackState) => StackState): Promise<void>;
}

/**
 * Registers `taskDefinition` and starts a rolling deployment to it, unless the
 * PRIMARY already runs that revision and `forceNewDeployment` is off (ECS
 * --force-new-deployment: a rebuilt image under the same tag).
 */
export async function startRollout(
  store: RolloutStore,
  emit: EmitEvent,
  serviceName: string,
  change: { readonly taskDefinition: TaskDefinitionSpec; readonly forceNewDeployment?: boolean; readonly now: number },
): Promise<void> {
  const { taskDefinition, now } = change;
  const registered = registerTaskDefinition(store.state, taskDefinition, now);
  const ref = `${taskDefinition.family}:${registered.revision}`;
  let started = false;
  await store.update((s) => {
    const next = registerTaskDefinition(s, taskDefinition, now).state;
    const rec = next.services[serviceName]!;
    if (rec.deployments[0]?.taskDefinition === ref && !change.forceNewDeployment) return next;
    started = true;
    return { ...next, services: { ...next.services, [serviceName]: { ...rec, deployments: withNewPrimaryDeployment(rec.deployments, ref, now) } } };
  });
  if (started) emit(deploymentStartedEvent(serviceName, store.state.services[serviceName]!.deployments[0]!.id, ref));
}
