// Builders for scheduler unit tests (plain data, no Docker).
import type { TargetHealthDescription, TargetState } from '../load-balancer/contract.js';
import type { DeploymentRecord } from '../state/index.js';
import type { ObservedTask, SchedulerService } from './scheduler-types.js';
import { NO_THROTTLE } from './backoff.js';

export function deployment(id: string, taskDefinition: string, status: 'PRIMARY' | 'ACTIVE' = 'PRIMARY'): DeploymentRecord {
  return { id, status, taskDefinition, rolloutState: 'IN_PROGRESS', createdAt: 0, updatedAt: 0, failedTasks: 0 };
}

export function service(overrides: Partial<SchedulerService> = {}): SchedulerService {
  return {
    serviceName: 'svc',
    desiredCount: 1,
    deployments: [deployment('d1', 'fam:1')],
    minimumHealthyPercent: 100,
    maximumPercent: 200,
    targetGroupName: 'tg',
    healthCheckGracePeriodMs: 0,
    healthyWithoutChecksMs: 40_000,
    throttle: NO_THROTTLE,
    ...overrides,
  };
}

let counter = 0;
export function task(overrides: Partial<ObservedTask> = {}): ObservedTask {
  counter++;
  return {
    taskId: overrides.taskId ?? `t${counter}`,
    serviceName: 'svc',
    deploymentId: 'd1',
    taskDefinition: 'fam:1',
    containerName: 'c',
    containerId: `c${counter}`,
    lastStatus: 'RUNNING',
    createdAt: counter,
    startedAt: 0,
    hostPort: 30000 + counter,
    registered: true,
    ...overrides,
  };
}

export function targets(entries: Record<string, TargetState>): TargetHealthDescription[] {
  return Object.entries(entries).map(([id, state]) => ({ id, port: 1, state }));
}
