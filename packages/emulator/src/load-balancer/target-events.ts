// ECS-worded events for what happens to targets (aws-fidelity.md §7: ECS's
// service events name the service, the task, the port and the target group).
import type { EmitEvent } from '../events/index.js';
import type { Target } from './contract.js';
import type { TargetHealth } from './health-state.js';

function servicePrefix(serviceName: string | undefined): string {
  return serviceName === undefined ? '' : `(service ${serviceName}) `;
}

/** Groups targets by service, so one call yields one event per service as ECS words it. */
function byService(targets: readonly Target[]): Map<string | undefined, Target[]> {
  const groups = new Map<string | undefined, Target[]>();
  for (const target of targets) {
    const group = groups.get(target.serviceName) ?? [];
    group.push(target);
    groups.set(target.serviceName, group);
  }
  return groups;
}

export function emitRegistered(emit: EmitEvent, targetGroupName: string, targets: readonly Target[]): void {
  for (const [serviceName, group] of byService(targets)) {
    emit({
      kind: 'target-registered',
      message: `${servicePrefix(serviceName)}registered ${group.length} targets in (target-group ${targetGroupName})`,
      ...(serviceName ? { serviceName } : {}),
      ...(group.length === 1 ? { taskId: group[0]!.id } : {}),
      targetGroupName,
      detail: { targets: group.map(({ id, port }) => ({ id, port })) },
    });
  }
}

export function emitHealthChanged(emit: EmitEvent, targetGroupName: string, target: Target, health: TargetHealth): void {
  const where = `${servicePrefix(target.serviceName)}(task ${target.id}) port ${target.containerPort ?? target.port}`;
  const message =
    health.state === 'unhealthy'
      ? `${where} is unhealthy in (target-group ${targetGroupName}) due to (reason ${health.description}).`
      : `${where} is ${health.state} in (target-group ${targetGroupName}).`;
  emit({
    kind: 'target-health',
    message,
    ...(target.serviceName ? { serviceName: target.serviceName } : {}),
    taskId: target.id,
    targetGroupName,
    detail: { state: health.state, reason: health.reason, description: health.description, port: target.port },
  });
}

export function emitDraining(emit: EmitEvent, targetGroupName: string, targets: readonly Target[]): void {
  for (const [serviceName, group] of byService(targets)) {
    emit({
      kind: 'target-draining',
      message: `${servicePrefix(serviceName)}has begun draining connections on ${group.length} tasks.`,
      ...(serviceName ? { serviceName } : {}),
      ...(group.length === 1 ? { taskId: group[0]!.id } : {}),
      targetGroupName,
      detail: { targets: group.map(({ id, port }) => ({ id, port })) },
    });
  }
}

export function emitDeregistered(emit: EmitEvent, targetGroupName: string, target: Target, inFlightCut: number): void {
  emit({
    kind: 'target-deregistered',
    message: `${servicePrefix(target.serviceName)}deregistered 1 targets in (target-group ${targetGroupName})`,
    ...(target.serviceName ? { serviceName: target.serviceName } : {}),
    taskId: target.id,
    targetGroupName,
    detail: { port: target.port, inFlightCut },
  });
}
