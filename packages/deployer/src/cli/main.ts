// Entry point of `pnpm run deploy`. Prints errors as "error: {what}: {why}" plus
// hints, exits 1 (failure) or 2 (usage, manifest, confirmation); no stack traces
// unless DEBUG is set.
import { exitWhenFlushed, tolerateBrokenOutput } from '@ecs-twin/manifest/cli-process';
import { isTwinError } from '@ecs-twin/manifest/twin-error';
import { parseCliArgs, USAGE } from './args.js';
import { processIo, type CliIo } from './io.js';
import { runCli } from './run.js';

export async function main(argv: readonly string[], io: CliIo = processIo): Promise<number> {
  try {
    const args = parseCliArgs(argv);
    if (args.help) {
      io.out(USAGE);
      return 0;
    }
    return await runCli(args, io);
  } catch (e) {
    return reportError(e, io);
  }
}

export function reportError(e: unknown, io: CliIo): number {
  const err = e as { name?: string; message?: string; stack?: string };
  if (err?.name === 'ManifestError') {
    // The manifest package's message lists every problem with file:line:column.
    io.err(err.message ?? String(e));
    printHints(e, io);
    return 2;
  }
  // The deployer's own errors and the image builder's share one base.
  if (isTwinError(e)) {
    io.err(`error: ${e.message}`);
    printHints(e, io);
    return e.exitCode;
  }
  io.err(`error: unexpected failure: ${err?.message ?? String(e)}`);
  if (io.env['DEBUG']) io.err(err?.stack ?? '');
  else io.err('  hint: run again with DEBUG=1 for details, and report it with the output');
  return 1;
}

function printHints(e: unknown, io: CliIo): void {
  for (const hint of isTwinError(e) ? e.hints : []) io.err(`  hint: ${hint.replace(/\n/g, '\n        ')}`);
}

/**
 * The SDK warns on every run that its releases after January 2027 need Node 22;
 * the pinned clients run on Node 20, so that line is noise in the CLI's stderr.
 */
export function quietSdkNodeWarning(): void {
  const original = process.emitWarning.bind(process);
  process.emitWarning = ((warning: string | Error, ...rest: unknown[]) => {
    const text = typeof warning === 'string' ? `${warning} ${String(rest[0] ?? '')}` : `${warning.name} ${warning.message}`;
    if (/NodeVersionSupportWarning|will require node >=22/.test(text)) return;
    (original as (...a: unknown[]) => void)(warning, ...rest);
  }) as typeof process.emitWarning;
}

const invokedDirectly = process.argv[1] !== undefined && import.meta.url.endsWith(process.argv[1].replace(/\\/g, '/'));
if (invokedDirectly) {
  quietSdkNodeWarning();
  tolerateBrokenOutput();
  main(process.argv.slice(2)).then(exitWhenFlushed, (e: unknown) => exitWhenFlushed(reportError(e, processIo)));
}
