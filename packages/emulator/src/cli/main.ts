#!/usr/bin/env node
// `emulate`: the local ECS emulator's command line. Data on stdout, progress on
// stderr; exit 0 success, 1 runtime failure, 2 usage or manifest error.
import { ManifestError, formatIssue } from '@ecs-twin/manifest';
import { parseCommand, USAGE, UsageError, type Command } from './args.js';
import { processIo, type CliIo } from './context.js';
import { EXIT } from './exit-codes.js';
import { build } from './commands/build.js';
import { deploy } from './commands/deploy.js';
import { down } from './commands/down.js';
import { logs } from './commands/logs.js';
import { scale } from './commands/scale.js';
import { status } from './commands/status.js';
import { up } from './commands/up.js';
import { stressCommand } from '../stress/index.js';

export async function run(argv: readonly string[], io: CliIo = processIo): Promise<number> {
  let command: Command;
  try {
    command = parseCommand(argv);
  } catch (error) {
    return report(error, io);
  }
  try {
    switch (command.name) {
      case 'help':
        io.out(USAGE);
        return EXIT.ok;
      case 'up':
        return await up(command, io);
      case 'status':
        return await status(command, io);
      case 'logs':
        return await logs(command, io);
      case 'down':
        return await down(command, io);
      case 'scale':
        return await scale(command, io);
      case 'build':
        return await build(command, io);
      case 'deploy':
        return await deploy(command, io);
      case 'stress':
        return await stressCommand(command.argv);
    }
  } catch (error) {
    return report(error, io);
  }
}

/** One clear line (plus hints), and the exit code the contract gives the error. */
export function report(error: unknown, io: CliIo): number {
  if (error instanceof ManifestError) {
    io.err(`error: invalid manifest ${error.file}: ${error.issues.length} ${error.issues.length === 1 ? 'error' : 'errors'}`);
    for (const issue of error.issues) io.err(`  ${formatIssue(issue)}`);
    for (const hint of error.recommendActions()) io.err(`hint: ${hint}`);
    return EXIT.usage;
  }
  const message = error instanceof Error ? error.message : String(error);
  io.err(`error: ${message}`);
  const hints = (error as { recommendActions?: () => string[] }).recommendActions?.() ?? [];
  for (const hint of hints) io.err(`hint: ${hint}`);
  if (error instanceof UsageError) {
    return EXIT.usage;
  }
  if (process.env.ECS_TWIN_DEBUG === 'true' && error instanceof Error) io.err(error.stack ?? '');
  return EXIT.failure;
}

const isEntry = process.argv[1] && import.meta.url.endsWith(process.argv[1].replace(/\\/g, '/'));
if (isEntry) {
  run(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (error: unknown) => process.exit(report(error, processIo)),
  );
}
