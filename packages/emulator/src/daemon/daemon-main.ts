// Entry of the detached emulator (`emulate up --detach`): serves the stack until
// SIGTERM/SIGINT or POST /shutdown. stdout/stderr go to <state dir>/daemon.log.
import createDebug from 'debug';
import { writeFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import type { Stack } from '@ecs-twin/manifest';
import { hintsOf } from '@ecs-twin/manifest/twin-error';
import { stateDir } from '../state/index.js';
import { renderEvent } from '../events/index.js';
import { daemonErrorFile } from './daemon-info.js';
import { serveStack } from './serve-stack.js';
import { awaitOrders } from './standby.js';
import { DockerRuntime, dockerClient } from '../docker/index.js';
import { waitForStackImages } from '../stack-runtime/images.js';

const debug = createDebug('emulator:start');

/** The CLI builds missing images while this process starts; a build may take minutes. */
const IMAGE_WAIT_MS = 20 * 60_000;

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { file: { type: 'string' }, timing: { type: 'string', default: 'local' }, standby: { type: 'boolean' } } });
  const orders = values.standby ? await awaitOrders() : undefined;
  const file = orders?.file ?? values.file ?? 'stack.yaml';
  const timing = (orders?.timing ?? values.timing) === 'aws' ? 'aws' : 'local';
  let stack: Stack | undefined;
  try {
    debug('emulator process loaded');
    // Loaded only here: on standby the CLI sends the parsed manifest.
    stack = orders?.stack ?? (await (await import('@ecs-twin/manifest')).loadStack(file));
    debug('manifest loaded');
    const docker = new DockerRuntime(dockerClient());
    await docker.ping();
    await waitForStackImages(stack, docker, IMAGE_WAIT_MS);
    debug('engine answers, images present');
    const served = await serveStack({
      stack,
      file,
      timing,
      detached: true,
      onShutdownRequest: (stopTasks) => void finish(stopTasks),
    });
    served.runtime.events.subscribe((e) => renderEvent(e, (l) => process.stdout.write(`${l}\n`)));
    console.log(`emulator for stack ${stack.stack} running (pid ${process.pid})`);
    let finishing: Promise<void> | undefined;
    const finish = (stopTasks: boolean) =>
      (finishing ??= served.close(stopTasks).then(
        () => process.exit(0),
        (error: unknown) => {
          console.error(`shutdown: ${String(error)}`);
          process.exit(1);
        },
      ));
    process.on('SIGTERM', () => void finish(true));
    process.on('SIGINT', () => void finish(true));
  } catch (error) {
    const hints = hintsOf(error);
    console.error(`failed to start: ${(error as Error).message}`);
    if (stack) {
      await writeFile(daemonErrorFile(stateDir(stack.baseDir, stack.stack)), JSON.stringify({ message: (error as Error).message, hints }));
    }
    process.exit(1);
  }
}

void main();
