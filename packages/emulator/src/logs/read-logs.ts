import type { Stack } from '@ecs-twin/manifest';
import type { Clock } from '../clock/index.js';
import type { ContainerRuntime, LogLine } from '../docker/index.js';
import { LABEL } from '../labels/index.js';
import { readArchivedLogs } from './archive.js';
import { logStreamName } from './stream-name.js';

export interface ServiceLogLine extends LogLine {
  /** awslogs stream name of the task. */
  readonly streamName: string;
  readonly taskId: string;
}

export interface ReadLogsOptions {
  readonly since?: number;
  readonly follow?: boolean;
  readonly signal?: AbortSignal;
  readonly clock: Clock;
  /** How often `follow` looks for new tasks of the service. @default 1000 */
  readonly pollMs?: number;
}

function prefixFor(stack: Stack, serviceName: string, containerName: string): string {
  const service = stack.services.find((s) => s.serviceName === serviceName);
  const container = service?.taskDefinition.containers.find((c) => c.name === containerName);
  return container?.logConfiguration.streamPrefix ?? 'ecs';
}

/**
 * Every log line of a service's tasks (running, stopped, and archived after
 * removal), oldest first. With `follow`, then keeps streaming from running
 * tasks and from tasks that start later, until `signal` aborts.
 */
export async function readServiceLogs(
  stack: Stack,
  serviceName: string,
  runtime: ContainerRuntime,
  stateDir: string,
  write: (line: ServiceLogLine) => void,
  options: ReadLogsOptions,
): Promise<void> {
  const since = options.since ?? 0;
  const history: ServiceLogLine[] = [];
  const archived = await readArchivedLogs(stateDir, serviceName);
  const seenTasks = new Set<string>();
  for (const a of archived) {
    seenTasks.add(a.taskId);
    const streamName = logStreamName(prefixFor(stack, serviceName, a.containerName), a.containerName, a.taskId);
    for (const l of a.lines) if (l.at >= since) history.push({ ...l, streamName, taskId: a.taskId });
  }
  const labels = { [LABEL.stack]: stack.stack, [LABEL.role]: 'task', [LABEL.service]: serviceName };
  const containers = await runtime.listContainers(labels);
  const followed = new Set<string>();
  const cutoff = options.clock.now();
  for (const c of containers) {
    const taskId = c.labels[LABEL.taskId] ?? '';
    if (seenTasks.has(taskId)) continue;
    const containerName = c.labels[LABEL.container] ?? '';
    const streamName = logStreamName(prefixFor(stack, serviceName, containerName), containerName, taskId);
    for await (const l of runtime.logs(c.containerId, { since })) history.push({ ...l, streamName, taskId });
  }
  history.sort((a, b) => a.at - b.at);
  for (const line of history) write(line);
  if (!options.follow) return;

  const tails: Promise<void>[] = [];
  const signal = options.signal;
  const tail = (containerId: string, taskId: string, containerName: string, from: number) => {
    followed.add(containerId);
    const streamName = logStreamName(prefixFor(stack, serviceName, containerName), containerName, taskId);
    tails.push(
      (async () => {
        for await (const l of runtime.logs(containerId, { since: from, follow: true, signal })) {
          // `since` has one-second resolution: skip what the history already printed.
          if (l.at > cutoff || from > cutoff) write({ ...l, streamName, taskId });
        }
      })().catch(() => undefined),
    );
  };
  for (const c of containers) if (c.state === 'running') tail(c.containerId, c.labels[LABEL.taskId] ?? '', c.labels[LABEL.container] ?? '', cutoff);
  while (!signal?.aborted) {
    await options.clock.sleep(options.pollMs ?? 1000, signal).catch(() => undefined);
    if (signal?.aborted) break;
    const now = await runtime.listContainers(labels).catch(() => []);
    for (const c of now) {
      if (followed.has(c.containerId) || containers.some((x) => x.containerId === c.containerId && x.state !== 'running')) continue;
      if (c.state !== 'running') continue;
      tail(c.containerId, c.labels[LABEL.taskId] ?? '', c.labels[LABEL.container] ?? '', c.createdAt - 1000);
    }
  }
  await Promise.allSettled(tails);
}
