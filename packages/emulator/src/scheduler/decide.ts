import type { TargetHealthDescription } from '../load-balancer/contract.js';
import { deploymentsAfterStep, launchesHeld, rolloutLimits } from '../deployments/rollout.js';
import { isActive, type TaskHealthStatus } from '../tasks/index.js';
import type { Decision, ObservedTask, SchedulerAction, SchedulerService, TargetHealthInput } from './scheduler-types.js';
import { taskHealth } from './task-health.js';

/**
 * One step of ECS's service scheduler, as a pure function: given the service,
 * the tasks Docker shows, and what the target group says, which tasks to start,
 * which to stop, which targets to register, and how the deployments stand.
 *
 * Rolling update rules (deployment-type-ecs): never more than maximumPercent
 * of desiredCount RUNNING/PENDING, never fewer than minimumHealthyPercent
 * healthy while old tasks are stopped. Tasks already leaving (DEACTIVATING,
 * STOPPING) count for neither.
 */
export function decide(
  service: SchedulerService,
  tasks: readonly ObservedTask[],
  targetHealth: TargetHealthInput,
  now: number,
): Decision {
  const targets = new Map<string, TargetHealthDescription>(targetHealth.map((t) => [t.id, t]));
  const primary = service.deployments[0];
  const actions: SchedulerAction[] = [];
  const health = new Map<string, TaskHealthStatus>();
  const active = tasks.filter(isActive);
  for (const task of active) health.set(task.taskId, taskHealth(service, task, targets, now));
  const isHealthy = (t: ObservedTask) => health.get(t.taskId) === 'HEALTHY';
  const stopping = new Set<string>();
  const stop = (task: ObservedTask, reason: string, failedHealthChecks = false) => {
    stopping.add(task.taskId);
    actions.push({ kind: 'stop-task', taskId: task.taskId, reason, ...(failedHealthChecks ? { failedHealthChecks } : {}) });
  };

  // New RUNNING tasks join their target group.
  if (service.targetGroupName) {
    for (const task of active) {
      if (task.lastStatus === 'RUNNING' && !task.registered && task.hostPort) {
        actions.push({ kind: 'register-target', taskId: task.taskId });
      }
    }
  }

  // Unhealthy tasks past the grace period are replaced (ECS stops and relaunches them).
  for (const task of active) {
    if (health.get(task.taskId) !== 'UNHEALTHY') continue;
    if (now - (task.startedAt ?? now) < service.healthCheckGracePeriodMs) continue;
    stop(task, `Task failed ELB health checks in (target-group ${service.targetGroupName})`, true);
  }

  if (!primary) return { actions, deployments: service.deployments, steady: false, health };

  const desired = service.desiredCount;
  const { maxTotal, minHealthy } = rolloutLimits(desired, service.maximumPercent, service.minimumHealthyPercent);
  const remaining = () => active.filter((t) => !stopping.has(t.taskId));
  const primaryTasks = () => remaining().filter((t) => t.deploymentId === primary.id);
  const oldTasks = () => remaining().filter((t) => t.deploymentId !== primary.id);
  const scalingReason = `Scaling activity initiated by (deployment ${primary.id})`;

  // Scale in the primary: least useful first (not healthy, then newest).
  const surplus = primaryTasks().length - desired;
  if (surplus > 0) {
    for (const task of byLeastUseful(primaryTasks(), isHealthy).slice(0, surplus)) stop(task, scalingReason);
  }

  // Old deployments: tasks still starting go at once; running ones only while the
  // service keeps minimumHealthyPercent healthy (a running task of unknown health,
  // e.g. just re-attached, is not stopped on a guess).
  for (const task of oldTasks().filter((t) => t.lastStatus !== 'RUNNING')) stop(task, scalingReason);
  // An old task that fails its health checks adds nothing to minimumHealthyPercent: it goes too
  // (e.g. the last task of a deployment the circuit breaker rolled back).
  for (const task of oldTasks().filter((t) => health.get(t.taskId) === 'UNHEALTHY')) stop(task, scalingReason);
  let spareHealthy = remaining().filter(isHealthy).length - minHealthy;
  for (const task of byLeastUseful(oldTasks(), isHealthy)) {
    if (spareHealthy <= 0) break;
    stop(task, scalingReason);
    spareHealthy--;
  }

  // Start primary tasks up to desiredCount, within maximumPercent and what the host admits
  // now, unless launches are throttled.
  const room = maxTotal - remaining().length;
  const needed = Math.min(desired - primaryTasks().length, room, service.launchLimit ?? Number.POSITIVE_INFINITY);
  if (needed > 0 && now >= service.throttle.notBefore && !launchesHeld(service.deployments)) {
    for (let i = 0; i < needed; i++) {
      actions.push({ kind: 'start-task', deploymentId: primary.id, taskDefinition: primary.taskDefinition });
    }
  }

  const leavingTasks = tasks.filter((t) => t.lastStatus === 'DEACTIVATING' || t.lastStatus === 'STOPPING');
  const deployments = deploymentsAfterStep({
    deployments: service.deployments,
    desiredCount: desired,
    remaining: remaining(),
    leaving: leavingTasks,
    isHealthy,
    stoppingNow: stopping.size > 0,
    now,
  });
  const leaving = leavingTasks.length > 0;
  const steady =
    deployments.length === 1 &&
    actions.length === 0 &&
    !leaving &&
    primaryTasks().length === desired &&
    primaryTasks().every((t) => t.lastStatus === 'RUNNING' && isHealthy(t));
  return { actions, deployments, steady, health };
}

function byLeastUseful(tasks: readonly ObservedTask[], isHealthy: (t: ObservedTask) => boolean): ObservedTask[] {
  return [...tasks].sort((a, b) => Number(isHealthy(a)) - Number(isHealthy(b)) || b.createdAt - a.createdAt);
}
