import { join } from 'node:path';
import type { Stack } from '@ecs-twin/manifest';
import { systemClock } from '../clock/index.js';
import { ControlClient, readDaemonInfo } from '../daemon/index.js';
import { DEPLOY_TIMEOUT_MS, dockerDeployImages } from '../deployments/index.js';
import { DockerRuntime, dockerClient } from '../docker/index.js';
import type { EmitEvent } from '../events/index.js';
import { readState } from '../state/index.js';
import type { TimingProfileName } from '../timing/index.js';
import { startWatchMode, type WatchMode } from './watch-mode.js';

/**
 * Watch mode for the stack this process serves (`up --watch`): it reaches the
 * emulator through its control API, exactly as `emulate deploy` does.
 */
export async function watchServedStack(options: { stack: Stack; dir: string; timing: TimingProfileName; emit: EmitEvent }): Promise<WatchMode> {
  const info = await readDaemonInfo(options.dir);
  if (!info) throw new Error(`watch stack ${options.stack.stack}: no emulator control API in ${options.dir}`);
  const docker = new DockerRuntime(dockerClient());
  return startWatchMode({
    stack: options.stack,
    readState: () => readState(join(options.dir, 'state.json'), options.stack.stack),
    client: new ControlClient(info),
    images: dockerDeployImages((image) => docker.imageExists(image)),
    clock: systemClock,
    emit: options.emit,
    timeoutMs: DEPLOY_TIMEOUT_MS[options.timing],
  });
}
