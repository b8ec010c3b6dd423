import { rm } from 'node:fs/promises';
import type { Stack } from '@ecs-twin/manifest';
import { DEFAULTS } from '@ecs-twin/manifest/defaults';
import { mainContainer } from '@ecs-twin/manifest/main-container';
import { isProcessAlive, stopTarget } from '../../daemon/daemon-info.js';
import { DockerRuntime, dockerClient, type ObservedContainer } from '../../docker/index.js';
import { LABEL } from '../../labels/index.js';
import type { Command } from '../args.js';
import { openContext, type CliIo } from '../context.js';
import { EXIT } from '../exit-codes.js';

const DAEMON_EXIT_WAIT_MS = 120_000;

/**
 * Removes exactly what carries the stack's label: the emulator process, task
 * containers (stopped gracefully), Service Connect agents, networks, and the
 * state dir. Prints what it removed.
 */
export async function down(command: Extract<Command, { name: 'down' }>, io: CliIo): Promise<number> {
  const { stack, dir, daemon, client } = await openContext(command.file);
  const runtime = new DockerRuntime(dockerClient());
  await runtime.ping();
  const labels = { [LABEL.stack]: stack.stack };
  const before = await runtime.listContainers(labels);
  const networksBefore = await runtime.listNetworks(labels);

  if (daemon && client) {
    io.err(`Stopping emulator (pid ${daemon.pid}): tasks get SIGTERM, then SIGKILL after their stopTimeout…`);
    // The supervisor (when there is one) outlives the control loops: it is the one that must end.
    const pid = stopTarget(daemon);
    await client.shutdown(true).catch(() => isProcessAlive(pid) && process.kill(pid, 'SIGTERM'));
    const deadline = Date.now() + DAEMON_EXIT_WAIT_MS;
    while (isProcessAlive(pid) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    if (isProcessAlive(pid)) process.kill(pid, 'SIGKILL');
    io.out(`removed emulator process ${daemon.pid}`);
  }

  // Whatever is left (no emulator running, or it could not finish): stop tasks gracefully, then remove.
  const left = await runtime.listContainers(labels);
  await Promise.all(
    left
      .filter((c) => c.state === 'running' && c.labels[LABEL.role] === 'task')
      .map((c) => runtime.stop(c.containerId, stopTimeoutOf(stack, c))),
  );
  for (const c of await runtime.listContainers(labels)) await runtime.remove(c.containerId);
  for (const n of await runtime.listNetworks(labels)) await runtime.removeNetwork(n.id);

  for (const c of before) io.out(`removed container ${c.name} (${c.labels[LABEL.role] ?? 'unknown'})`);
  for (const n of networksBefore) io.out(`removed network ${n.name}`);
  await rm(dir, { recursive: true, force: true });
  io.out(`removed state ${dir}`);
  const remaining = (await runtime.listContainers(labels)).length + (await runtime.listNetworks(labels)).length;
  if (remaining > 0) {
    io.err(`down: ${remaining} objects of stack ${stack.stack} are still there; run \`emulate down\` again.`);
    return EXIT.failure;
  }
  io.err(`Stack ${stack.stack} is down: nothing of it is left.`);
  return EXIT.ok;
}

function stopTimeoutOf(stack: Stack, c: ObservedContainer): number {
  const service = stack.services.find((s) => s.serviceName === c.labels[LABEL.service]);
  return service ? mainContainer(service, service.taskDefinition).stopTimeout : DEFAULTS.stopTimeout;
}
