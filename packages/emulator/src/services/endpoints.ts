import type { ServiceConnectEndpoint } from '../service-connect/contract.js';
import type { ObservedTask } from '../scheduler/index.js';
import type { TaskHealthStatus } from '../tasks/index.js';

/**
 * The tasks Service Connect spreads calls over: RUNNING, not draining, with an
 * address on the namespace; the healthy ones when any is healthy, otherwise all
 * of them, as the ALB fails open (a re-attached or booting service is not cut off
 * while its health is unknown or its first checks fail).
 */
export function serviceConnectEndpoints(
  tasks: readonly ObservedTask[],
  health: ReadonlyMap<string, TaskHealthStatus>,
  containerPort: number,
): ServiceConnectEndpoint[] {
  const candidates = tasks.filter((t) => t.lastStatus === 'RUNNING' && t.namespaceIp);
  const healthy = candidates.filter((t) => health.get(t.taskId) === 'HEALTHY');
  const chosen = healthy.length > 0 ? healthy : candidates;
  return chosen
    .map((t) => ({ id: t.taskId, address: t.namespaceIp!, port: containerPort }))
    .sort((a, b) => a.id.localeCompare(b.id));
}

export function sameEndpoints(a: readonly ServiceConnectEndpoint[], b: readonly ServiceConnectEndpoint[]): boolean {
  return a.length === b.length && a.every((e, i) => e.id === b[i]!.id && e.address === b[i]!.address && e.port === b[i]!.port);
}
