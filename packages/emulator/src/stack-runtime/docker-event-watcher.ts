import type { Clock } from '../clock/index.js';
import type { ContainerRuntime } from '../docker/index.js';
import { LABEL } from '../labels/index.js';
import { isEssential } from '../tasks/index.js';

// Docker's event stream makes the stack react at once to a task that dies (or an
// agent), instead of at the next scheduler tick. The tick still observes
// everything: a missed event costs a tick, not a task.

export interface DockerEventHandlers {
  /** An essential container of a task died. */
  taskDied(serviceName: string, taskId: string): void;
  /** A task container started, died, ran out of memory or was removed. */
  taskChanged(): void;
  /** A Service Connect agent died. */
  agentDied(): void;
}

/** Follows the stack's container events until `signal`; the stream is opened again a second after it breaks. */
export async function watchDockerEvents(
  runtime: ContainerRuntime,
  stackName: string,
  clock: Clock,
  signal: AbortSignal,
  handlers: DockerEventHandlers,
): Promise<void> {
  while (!signal.aborted) {
    try {
      await runtime.events({ [LABEL.stack]: stackName }, (e) => {
        if (e.action !== 'die' && e.action !== 'start' && e.action !== 'oom' && e.action !== 'destroy') return;
        const role = e.labels[LABEL.role];
        if (role === 'task') {
          const service = e.labels[LABEL.service];
          const taskId = e.labels[LABEL.taskId];
          if (e.action === 'die' && service && taskId && isEssential(e.labels)) handlers.taskDied(service, taskId);
          handlers.taskChanged();
        }
        if (role === 'service-connect-agent' && e.action === 'die') handlers.agentDied();
      }, signal);
    } catch {
      // The engine went away: the periodic tick reports it; retry the stream.
    }
    await clock.sleep(1000, signal).catch(() => undefined);
  }
}
