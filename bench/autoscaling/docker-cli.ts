// Small helpers over the docker CLI and /proc for the autoscaling benchmarks
// (the bench package does not depend on dockerode; the emulator code it
// measures brings its own).
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { ensureNodeRuntimeImage } from '@ecs-twin/images';

export const BENCH_STACK = 'bench-autoscaling';

export function docker(...args: string[]): string {
  return execFileSync('docker', args, { encoding: 'utf8' }).trim();
}

export async function nodeImage(): Promise<string> {
  return ensureNodeRuntimeImage({ onProgress: (line) => process.stderr.write(`${line}\n`) });
}

/** A container limited like a Fargate task of the tutorial (0.25 vCPU, 512 MiB) running `program`. */
export function runTaskLike(image: string, program: string, name: string): string {
  return docker(
    'run', '-d', '--name', name, '--cpus', '0.25', '--memory', '512m',
    // No ecs-twin.test label: the integration tier's shared teardown removes those
    // while other runs are still using them. Removed by id in each script's finally.
    '--label', `ecs-twin.stack=${BENCH_STACK}`,
    image, 'node', '-e', program,
  );
}

export function removeContainers(ids: readonly string[]): void {
  if (ids.length) docker('rm', '-f', ...ids);
}

/** Busy `busyMs` out of every 100 ms: (busyMs / 100) vCPU, i.e. busyMs x 4 % of 0.25 vCPU. */
export function dutyCycleProgram(busyMs: number): string {
  return `setInterval(() => { const t = Date.now(); while (Date.now() - t < ${busyMs}) {} }, 100)`;
}

/** CPU seconds (user + system) used so far by the processes whose command name matches. */
export function cpuSecondsOf(commands: readonly string[]): number {
  const ticks = 100; // USER_HZ on Linux
  let total = 0;
  for (const pid of execFileSync('ps', ['-e', '-o', 'pid=,comm='], { encoding: 'utf8' }).split('\n')) {
    const [id, comm] = pid.trim().split(/\s+/, 2);
    if (!id || !comm || !commands.some((c) => comm.startsWith(c))) continue;
    try {
      const fields = readFileSync(`/proc/${id}/stat`, 'utf8').split(') ')[1]!.split(' ');
      total += (Number(fields[11]) + Number(fields[12])) / ticks; // utime, stime
    } catch {
      // the process ended in between
    }
  }
  return total;
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
