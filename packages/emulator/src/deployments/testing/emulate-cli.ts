// Runs the `emulate` CLI as users do (a child process through bin/emulate.mjs), so tests
// cover argument parsing, exit codes and the control API end to end.
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { REPO_ROOT } from './test-manifest.js';

const EMULATE = join(REPO_ROOT, 'packages/emulator/bin/emulate.mjs');

export interface CliResult {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
  readonly ms: number;
}

/** `emulate <args>`; resolves when it exits. `onStderr` sees progress lines as they come. */
export function emulate(args: readonly string[], options: { onStderr?: (line: string) => void; env?: NodeJS.ProcessEnv } = {}): Promise<CliResult> & { child: ChildProcess } {
  const started = Date.now();
  const child = spawn(process.execPath, [EMULATE, ...args], {
    cwd: REPO_ROOT,
    env: { ...process.env, ECS_TWIN_TEST: 'true', ...options.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  let partial = '';
  child.stdout!.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr!.on('data', (d: Buffer) => {
    stderr += d.toString();
    partial += d.toString();
    const lines = partial.split('\n');
    partial = lines.pop() ?? '';
    for (const line of lines) options.onStderr?.(line);
  });
  const done = new Promise<CliResult>((resolve) => {
    child.on('close', (code) => resolve({ code: code ?? 1, stdout, stderr, ms: Date.now() - started }));
  });
  return Object.assign(done, { child });
}
