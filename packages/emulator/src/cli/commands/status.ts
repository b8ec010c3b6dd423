import { DockerRuntime, dockerClient } from '../../docker/index.js';
import { LABEL } from '../../labels/index.js';
import { readState } from '../../state/index.js';
import { offlineStatus, renderStatus } from '../../status/index.js';
import { join } from 'node:path';
import { timingProfile } from '../../timing/index.js';
import type { Command } from '../args.js';
import { openContext, type CliIo } from '../context.js';
import { EXIT } from '../exit-codes.js';

export async function status(command: Extract<Command, { name: 'status' }>, io: CliIo): Promise<number> {
  const { stack, dir, client, daemon } = await openContext(command.file);
  let view;
  if (client) {
    view = await client.status({ history: command.history === true });
  } else {
    // No emulator: what Docker and the state file still show.
    const runtime = new DockerRuntime(dockerClient());
    const containers = await runtime.listContainers({ [LABEL.stack]: stack.stack, [LABEL.role]: 'task' });
    const state = await readState(join(dir, 'state.json'), stack.stack);
    view = offlineStatus(stack, timingProfile(daemon?.timing === 'aws' ? 'aws' : 'local'), state, containers);
  }
  io.out(command.json ? JSON.stringify(view, null, 2) : renderStatus(view));
  return EXIT.ok;
}
