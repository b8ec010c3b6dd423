import Docker from 'dockerode';
import { LABEL, stackFilter } from '../labels/index.js';

/**
 * Running tasks of one service, read from Docker by the emulator's labels (the
 * truth, whichever process runs the emulator): distinct task ids among the
 * stack's running task containers of that service.
 */
export function dockerTaskCounter(stack: string, serviceName: string, docker = new Docker()): () => Promise<number> {
  return async () => {
    const filter = stackFilter(stack, 'task');
    const containers = await docker.listContainers({
      filters: { label: [...filter.label, `${LABEL.service}=${serviceName}`], status: ['running'] },
    });
    return new Set(containers.map((c) => c.Labels[LABEL.taskId] ?? c.Id)).size;
  };
}
