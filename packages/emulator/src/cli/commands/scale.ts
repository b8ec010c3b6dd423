import type { Command } from '../args.js';
import { openContext, type CliIo } from '../context.js';
import { EXIT } from '../exit-codes.js';
import { NotRunningError } from './not-running.js';

export async function scale(command: Extract<Command, { name: 'scale' }>, io: CliIo): Promise<number> {
  const { stack, client } = await openContext(command.file);
  if (!client) throw new NotRunningError(stack.stack);
  const result = (await client.setDesiredCount(command.service, command.desiredCount)) as { serviceName: string; desiredCount: number };
  io.out(`${result.serviceName} desiredCount=${result.desiredCount}`);
  return EXIT.ok;
}
