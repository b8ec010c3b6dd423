import type { ContainerState } from '../docker/index.js';
import { LABEL } from '../labels/index.js';

/** A container's lastStatus in DescribeTasks' words, from Docker's state. */
export function containerLastStatus(state: ContainerState): 'PENDING' | 'RUNNING' | 'STOPPED' {
  switch (state) {
    case 'running':
    case 'restarting':
    case 'paused':
      return 'RUNNING';
    case 'created':
      return 'PENDING';
    default:
      return 'STOPPED';
  }
}

/** Whether a task container's exit ends its task: as in ECS, a container is essential unless its definition says otherwise. */
export function isEssential(labels: Readonly<Record<string, string>>): boolean {
  return labels[LABEL.essential] !== 'false';
}
