import { systemClock } from '../../clock/index.js';
import { DockerRuntime, dockerClient } from '../../docker/index.js';
import { parseSince, readServiceLogs } from '../../logs/index.js';
import { ServiceNotFoundError } from '../../stack-runtime/service-not-found-error.js';
import type { Command } from '../args.js';
import { openContext, type CliIo } from '../context.js';
import { EXIT } from '../exit-codes.js';
import { UsageError } from '../args.js';

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
  const abort = new AbortController();
  const onSignal = () => abort.abort();
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  try {
    await readServiceLogs(stack, service.serviceName, new DockerRuntime(dockerClient()), dir, (l) => io.out(`${l.streamName} ${l.text}`), {
      since,
      follow: command.follow,
      signal: abort.signal,
      clock: systemClock,
    });
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }
  return EXIT.ok;
}
