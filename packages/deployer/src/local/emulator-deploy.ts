// `--target local`: the same revision change applied to a running emulator, by
// spawning the emulator's own CLI (`pnpm emulate deploy <service> --image-tag T`)
// for each service whose image differs from what the emulator runs.
import { imageRef, mainContainer, type Stack } from '@ecs-twin/manifest';
import { spawn } from 'node:child_process';
import { EmulatorDeployError } from '../errors/index.js';
import type { EmitEvent } from '../events/index.js';

export interface CommandResult {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

export type RunCommand = (command: string, args: readonly string[]) => Promise<CommandResult>;

export const runCommand: RunCommand = (command, args) =>
  new Promise((resolve) => {
    const child = spawn(command, [...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', (e) => resolve({ code: 127, stdout, stderr: stderr + String(e) }));
    child.on('close', (code) => resolve({ code: code ?? 1, stdout, stderr }));
  });

export interface LocalDeployStep {
  readonly service: string;
  readonly image: string;
  readonly action: 'deploy' | 'noop';
}

/** `repository:tag` the emulator runs per service, from `emulate status --json` when it says so. */
export function runningImages(statusJson: string): Map<string, string> {
  const out = new Map<string, string>();
  try {
    const view = JSON.parse(statusJson) as { services?: { key?: string; name?: string; serviceName?: string; image?: string }[] };
    for (const s of view.services ?? []) {
      const name = s.key ?? s.serviceName ?? s.name;
      if (name && typeof s.image === 'string') out.set(name, s.image);
    }
  } catch {
    // An emulator that can't say what it runs: every service is deployed.
  }
  return out;
}

export function planLocal(stack: Stack, running: ReadonlyMap<string, string>): LocalDeployStep[] {
  return stack.services.map((s) => {
    const image = imageRef(mainContainer(s, s.taskDefinition).image);
    const now = running.get(s.key) ?? running.get(s.serviceName);
    return { service: s.key, image, action: now === image ? 'noop' : 'deploy' };
  });
}

export async function deployLocal(stack: Stack, file: string, emit: EmitEvent, run: RunCommand = runCommand, apply = true): Promise<LocalDeployStep[]> {
  const status = await run('pnpm', ['--silent', 'emulate', 'status', '--json', '--file', file]);
  const steps = planLocal(stack, status.code === 0 ? runningImages(status.stdout) : new Map());
  if (!apply) return steps;
  for (const step of steps.filter((s) => s.action === 'deploy')) {
    const tag = step.image.slice(step.image.lastIndexOf(':') + 1);
    emit({ type: 'progress', message: `pnpm emulate deploy ${step.service} --image-tag ${tag}` });
    const r = await run('pnpm', ['--silent', 'emulate', 'deploy', step.service, '--image-tag', tag, '--file', file]);
    if (r.code !== 0) throw new EmulatorDeployError(step.service, (r.stderr || r.stdout).trim().split('\n').slice(-5).join('\n') || `exit ${r.code}`);
  }
  return steps;
}
