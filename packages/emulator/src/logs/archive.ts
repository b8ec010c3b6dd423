import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { ContainerRuntime, LogLine } from '../docker/index.js';
import type { Task } from '../tasks/index.js';

/** One archived task: its log lines survive the container's removal. */
export interface ArchivedTaskLog {
  readonly taskId: string;
  readonly serviceName: string;
  readonly containerName: string;
  readonly lines: readonly LogLine[];
}

function archiveDir(stateDir: string, serviceName: string): string {
  return join(stateDir, 'logs', serviceName);
}

/** Copies a stopped task's logs, one file per container, under the state dir before its containers are removed. */
export async function archiveTaskLogs(runtime: ContainerRuntime, stateDir: string, task: Task): Promise<void> {
  const main = task.containerId ? [{ containerId: task.containerId, containerName: task.containerName }] : [];
  const dir = archiveDir(stateDir, task.serviceName);
  await mkdir(dir, { recursive: true });
  for (const container of [...main, ...(task.sidecars ?? [])]) {
    const lines: LogLine[] = [];
    for await (const line of runtime.logs(container.containerId)) lines.push(line);
    const header = JSON.stringify({ taskId: task.taskId, serviceName: task.serviceName, containerName: container.containerName });
    await writeFile(join(dir, `${task.taskId}.${container.containerName}.jsonl`), [header, ...lines.map((l) => JSON.stringify(l))].join('\n') + '\n');
  }
}

export async function readArchivedLogs(stateDir: string, serviceName: string): Promise<ArchivedTaskLog[]> {
  const dir = archiveDir(stateDir, serviceName);
  let files: string[];
  try {
    files = (await readdir(dir)).filter((f) => f.endsWith('.jsonl'));
  } catch {
    return [];
  }
  const out: ArchivedTaskLog[] = [];
  for (const file of files) {
    const [head, ...rest] = (await readFile(join(dir, file), 'utf8')).split('\n').filter(Boolean);
    if (!head) continue;
    const meta = JSON.parse(head) as { taskId: string; serviceName: string; containerName: string };
    out.push({ ...meta, lines: rest.map((l) => JSON.parse(l) as LogLine) });
  }
  return out;
}
