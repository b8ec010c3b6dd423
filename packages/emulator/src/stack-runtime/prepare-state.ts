import type { Stack } from '@ecs-twin/manifest';
import { newDeploymentId } from '../tasks/index.js';
import { registerTaskDefinition, type DeploymentRecord, type ServiceRecord, type StackState } from '../state/index.js';

export interface PreparedChange {
  readonly serviceName: string;
  readonly kind: 'created' | 'new-revision' | 'desired-count';
  readonly detail: string;
}

/**
 * What `up` does to the stored state before any loop runs (pure): registers
 * each service's task definition (a changed one becomes a new revision and a
 * new PRIMARY deployment), creates missing service records, and applies a
 * desiredCount changed in the manifest. An unchanged manifest changes nothing:
 * an autoscaled 3 stays 3.
 */
export function prepareState(stack: Stack, state: StackState, now: number): { state: StackState; changes: PreparedChange[] } {
  let next = state;
  const changes: PreparedChange[] = [];
  for (const service of stack.services) {
    const registered = registerTaskDefinition(next, service.taskDefinition, now);
    next = registered.state;
    const ref = `${service.taskDefinition.family}:${registered.revision}`;
    const existing = next.services[service.serviceName];
    let record: ServiceRecord;
    if (!existing) {
      record = { desiredCount: service.desiredCount, manifestDesiredCount: service.desiredCount, deployments: [primaryDeployment(ref, now)] };
      changes.push({ serviceName: service.serviceName, kind: 'created', detail: ref });
    } else {
      record = existing;
      if (existing.manifestDesiredCount !== service.desiredCount) {
        record = { ...record, desiredCount: service.desiredCount, manifestDesiredCount: service.desiredCount };
        changes.push({ serviceName: service.serviceName, kind: 'desired-count', detail: String(service.desiredCount) });
      }
      if (record.deployments[0]?.taskDefinition !== ref) {
        record = { ...record, deployments: startDeployment(record.deployments, ref, now) };
        changes.push({ serviceName: service.serviceName, kind: 'new-revision', detail: ref });
      }
    }
    next = { ...next, services: { ...next.services, [service.serviceName]: record } };
  }
  return { state: next, changes };
}

export function primaryDeployment(taskDefinition: string, now: number): DeploymentRecord {
  return {
    id: newDeploymentId(),
    status: 'PRIMARY',
    taskDefinition,
    rolloutState: 'IN_PROGRESS',
    rolloutStateReason: 'ECS deployment in progress.',
    createdAt: now,
    updatedAt: now,
    failedTasks: 0,
  };
}

/** A new PRIMARY in front; the previous ones become ACTIVE until their tasks are gone. */
export function startDeployment(deployments: readonly DeploymentRecord[], taskDefinition: string, now: number): DeploymentRecord[] {
  return [primaryDeployment(taskDefinition, now), ...deployments.map((d) => ({ ...d, status: 'ACTIVE' as const, updatedAt: now }))];
}
