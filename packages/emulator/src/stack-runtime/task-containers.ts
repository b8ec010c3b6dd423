import type { ObservedContainer } from '../docker/index.js';
import { LABEL } from '../labels/index.js';

/** Docker label filter for this stack's task containers. */
export function taskFilter(stack: string): Record<string, string> {
  return { [LABEL.stack]: stack, [LABEL.role]: 'task' };
}

/** A task container found at shutdown, as the task whose logs are archived. */
export function stoppedTaskOf(c: ObservedContainer) {
  return {
    taskId: c.labels[LABEL.taskId] ?? c.containerId,
    serviceName: c.labels[LABEL.service] ?? '',
    deploymentId: c.labels[LABEL.deployment] ?? '',
    taskDefinition: c.labels[LABEL.taskDefinition] ?? '',
    containerName: c.labels[LABEL.container] ?? '',
    containerId: c.containerId,
    lastStatus: 'STOPPED' as const,
    createdAt: c.createdAt,
  };
}
