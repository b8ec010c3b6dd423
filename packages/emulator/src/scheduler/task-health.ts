import type { TargetHealthDescription } from '../load-balancer/contract.js';
import type { TaskHealthStatus } from '../tasks/index.js';
import type { ObservedTask, SchedulerService } from './scheduler-types.js';

/**
 * ECS's view of a task's health: with a load balancer, what the target group
 * says; without one (and no container health check), healthy a fixed time
 * after RUNNING (40 s on AWS).
 */
export function taskHealth(
  service: SchedulerService,
  task: ObservedTask,
  targets: ReadonlyMap<string, TargetHealthDescription>,
  now: number,
): TaskHealthStatus {
  if (task.lastStatus !== 'RUNNING') return 'UNKNOWN';
  if (service.targetGroupName) {
    const state = targets.get(task.taskId)?.state;
    if (state === 'healthy') return 'HEALTHY';
    if (state === 'unhealthy') return 'UNHEALTHY';
    return 'UNKNOWN';
  }
  const runningFor = now - (task.startedAt ?? now);
  return runningFor >= service.healthyWithoutChecksMs ? 'HEALTHY' : 'UNKNOWN';
}
