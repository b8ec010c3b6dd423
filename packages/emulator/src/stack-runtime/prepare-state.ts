import type { Stack } from '@ecs-twin/manifest';
import { primaryDeployment, withNewPrimaryDeployment } from '../deployments/rollout.js';
import {
  findRevision,
  registerTaskDefinition,
  taskDefinitionHash,
  type ServiceRecord,
  type StackState,
} from '../state/index.js';

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
    // The manifest's task definition unchanged since the last `up`: what `emulate deploy`
    // (or a rollback) made PRIMARY since then stays, and nothing is registered again.
    const known = next.services[service.serviceName]?.manifestTaskDefinition;
    const unchanged = known !== undefined && findRevision(next, known)?.hash === taskDefinitionHash(service.taskDefinition);
    const registered = unchanged ? undefined : registerTaskDefinition(next, service.taskDefinition, now);
    if (registered) next = registered.state;
    const ref = registered ? `${service.taskDefinition.family}:${registered.revision}` : known!;
    const existing = next.services[service.serviceName];
    let record: ServiceRecord;
    if (!existing) {
      record = {
        desiredCount: service.desiredCount,
        manifestDesiredCount: service.desiredCount,
        deployments: [primaryDeployment(ref, now)],
        manifestTaskDefinition: ref,
      };
      changes.push({ serviceName: service.serviceName, kind: 'created', detail: ref });
    } else {
      record = existing;
      if (existing.manifestDesiredCount !== service.desiredCount) {
        record = { ...record, desiredCount: service.desiredCount, manifestDesiredCount: service.desiredCount };
        changes.push({ serviceName: service.serviceName, kind: 'desired-count', detail: String(service.desiredCount) });
      }
      if (!unchanged && record.deployments[0]?.taskDefinition !== ref) {
        record = { ...record, deployments: withNewPrimaryDeployment(record.deployments, ref, now) };
        changes.push({ serviceName: service.serviceName, kind: 'new-revision', detail: ref });
      }
      if (record.manifestTaskDefinition !== ref) record = { ...record, manifestTaskDefinition: ref };
    }
    next = { ...next, services: { ...next.services, [service.serviceName]: record } };
  }
  return { state: next, changes };
}
