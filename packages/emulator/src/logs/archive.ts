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

/** Copies a stopped task's logs under the state dir before its container is removed. */
export async function archiveTaskLogs(runtime: ContainerRuntime, stateDir: string, task: Task): Promise<void> {
  if (!task.containerId) return;
  const lines: LogLine[] = [];
  for await (const line of runtime.logs(task.containerId)) lines.push(line);
  const dir = archiveDir(stateDir, task.serviceName);
  await mkdir(dir, { recursive: true });
  const header = JSON.stringify({ taskId: task.taskId, serviceName: task.serviceName, containerName: task.containerName });
  await writeFile(join(dir, `${task.taskId}.jsonl`), [header, ...lines.map((l) => JSON.stringify(l))].join('\n') + '\n');
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
