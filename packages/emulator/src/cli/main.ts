#!/usr/bin/env node
// `emulate`: the local ECS emulator's command line. Data on stdout, progress on
// stderr; exit 0 success, 1 runtime failure, 2 usage or manifest error.
import type { ChildProcess } from 'node:child_process';
import { ManifestError, formatIssue } from '@ecs-twin/manifest';
import { hintsOf } from '@ecs-twin/manifest/twin-error';
import { exitWhenFlushed, tolerateBrokenOutput } from '@ecs-twin/manifest/cli-process';
import { parseCommand, USAGE, UsageError, type Command } from './args.js';
import { processIo, type CliIo } from './context.js';
import { EXIT } from './exit-codes.js';

/** How the launcher (bin/emulate.mjs) ends the process: after stdout and stderr have drained. */
export { exitWhenFlushed };

// Commands load on demand: `status` must not pay for the load balancer, the
// autoscaler and the image builder, and `up --detach` starts faster.
export interface RunOptions {
  /** An emulator the launcher started on standby for `up --detach` (daemon/standby.ts). */
  readonly standbyEmulator?: ChildProcess;
}

export async function run(argv: readonly string[], io: CliIo = processIo, options: RunOptions = {}): Promise<number> {
  // A reader that goes first (`status --json | head -1`) is no reason to crash.
  if (io === processIo) tolerateBrokenOutput();
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
        return await (await import('./commands/up.js')).up(command, io, options.standbyEmulator);
      case 'status':
        return await (await import('./commands/status.js')).status(command, io);
      case 'plan':
        return await (await import('./commands/plan.js')).plan(command, io);
      case 'logs':
        return await (await import('./commands/logs.js')).logs(command, io);
      case 'down':
        return await (await import('./commands/down.js')).down(command, io);
      case 'scale':
        return await (await import('./commands/scale.js')).scale(command, io);
      case 'build':
        return await (await import('./commands/build.js')).build(command, io);
      case 'deploy':
        return await (await import('./commands/deploy.js')).deploy(command, io);
      case 'export-compose':
        return await (await import('./commands/export-compose.js')).exportCompose(command, io);
      case 'stress':
        return await (await import('../stress/index.js')).stressCommand(command.argv);
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
    for (const hint of error.hints) io.err(`hint: ${hint}`);
    return EXIT.usage;
  }
  const message = error instanceof Error ? error.message : String(error);
  io.err(`error: ${message}`);
  for (const hint of hintsOf(error)) io.err(`hint: ${hint}`);
  if (error instanceof UsageError) {
    return EXIT.usage;
  }
  if (process.env.ECS_TWIN_DEBUG === 'true' && error instanceof Error) io.err(error.stack ?? '');
  return EXIT.failure;
}

const isEntry = process.argv[1] && import.meta.url.endsWith(process.argv[1].replace(/\\/g, '/'));
if (isEntry) {
  run(process.argv.slice(2)).then(
    (code) => exitWhenFlushed(code),
    (error: unknown) => exitWhenFlushed(report(error, processIo)),
  );
}
