// The control loops of the detached emulator, run by its supervisor
// (daemon-main.ts): serve the stack until SIGTERM/SIGINT or POST /shutdown.
// The listeners' sockets are the supervisor's; connections come over IPC once
// the first scheduler step has registered the targets of the running tasks (a
// restart re-attaches to them), so a restart answers no request with 503.
import createDebug from 'debug';
import { writeFile } from 'node:fs/promises';
import type { Stack } from '@ecs-twin/manifest';
import { hintsOf } from '@ecs-twin/manifest/twin-error';
import { stateDir } from '../state/index.js';
import { renderEvent } from '../events/index.js';
import { daemonErrorFile } from './daemon-info.js';
import { serveStack, type ServedStack } from './serve-stack.js';
import { writeOutputTo } from './standby.js';
import { SupervisorLink } from './supervisor-link.js';
import { DockerRuntime, dockerClient } from '../docker/index.js';
import { waitForStackImages } from '../stack-runtime/images.js';

const debug = createDebug('emulator:start');

/** The CLI builds missing images while this process starts; a build may take minutes. */
const IMAGE_WAIT_MS = 20 * 60_000;

export async function runControlLoops(): Promise<void> {
  const link = new SupervisorLink(process);
  let served: ServedStack | undefined;
  let finishing: Promise<void> | undefined;
  const finish = (stopTasks: boolean) =>
    (finishing ??= (async () => {
      await link.stopping();
      await served?.close(stopTasks);
    })().then(
      () => process.exit(0),
      (error: unknown) => {
        console.error(`shutdown: ${String(error)}`);
        process.exit(1);
      },
    ));
  // The supervisor is gone, and the listening sockets with it: leave the tasks running for the next `up`.
  process.on('disconnect', () => (served ? void finish(false) : process.exit(0)));
  if (!process.connected) process.exit(0); // the supervisor went away before we were listening
  const orders = await link.awaitOrders();
  if (orders.logFile) writeOutputTo(orders.logFile);
  const { file, timing } = orders;
  let stack: Stack | undefined;
  try {
    debug('emulator process loaded');
    // Loaded only here: on standby the CLI sends the parsed manifest.
    stack = orders.stack ?? (await (await import('@ecs-twin/manifest')).loadStack(file));
    debug('manifest loaded');
    const docker = new DockerRuntime(dockerClient());
    await docker.ping();
    await waitForStackImages(stack, docker, IMAGE_WAIT_MS);
    debug('engine answers, images present');
    served = await serveStack({
      stack,
      file,
      timing,
      detached: true,
      listenerSockets: link,
      supervisorPid: process.ppid,
      onShutdownRequest: (stopTasks) => void finish(stopTasks),
    });
    served.runtime.events.subscribe((e) => renderEvent(e, (l) => process.stdout.write(`${l}\n`)));
    process.on('SIGTERM', () => void finish(true));
    process.on('SIGINT', () => void finish(true));
    await link.ready();
    console.log(`emulator for stack ${stack.stack} ${orders.restart ? 're-attached after a restart' : 'running'} (pid ${process.pid})`);
  } catch (error) {
    const hints = hintsOf(error);
    console.error(`failed to start: ${(error as Error).message}`);
    if (stack && !orders.restart) {
      await writeFile(daemonErrorFile(stateDir(stack.baseDir, stack.stack)), JSON.stringify({ message: (error as Error).message, hints }));
    }
    process.exit(1);
  }
}
