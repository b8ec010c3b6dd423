import { onBrokenOutput } from '@ecs-twin/manifest/cli-process';
import { systemClock } from '../../clock/index.js';
import { DockerRuntime, dockerClient } from '../../docker/index.js';
import { parseSince, readServiceLogs } from '../../logs/index.js';
import { ServiceNotFoundError } from '../../stack-runtime/service-not-found-error.js';
import type { Command } from '../args.js';
import { openContext, processIo, type CliIo } from '../context.js';
import { EXIT } from '../exit-codes.js';
import { UsageError } from '../args.js';
import { onStopSignal } from '../stop-signals.js';

export async function logs(command: Extract<Command, { name: 'logs' }>, io: CliIo): Promise<number> {
  const { stack, dir } = await openContext(command.file);
  const service = stack.services.find((s) => s.serviceName === command.service || s.key === command.service);
  if (!service) throw new ServiceNotFoundError(command.service, stack.services.map((s) => s.serviceName));
  let since: number | undefined;
  try {
    since = command.since ? parseSince(command.since, Date.now()) : undefined;
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  // Following ends with Ctrl-C, a closed terminal, or a reader that left (`| head`).
  const abort = new AbortController();
  const stopListening = onStopSignal(() => abort.abort());
  const stopWatching = io === processIo ? onBrokenOutput((stream) => stream === process.stdout && abort.abort()) : () => undefined;
  try {
    await readServiceLogs(stack, service.serviceName, new DockerRuntime(dockerClient()), dir, (l) => io.out(`${l.streamName} ${l.text}`), {
      since,
      follow: command.follow,
      signal: abort.signal,
      clock: systemClock,
    });
  } finally {
    stopListening();
    stopWatching();
  }
  return EXIT.ok;
}
