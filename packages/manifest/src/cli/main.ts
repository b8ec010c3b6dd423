#!/usr/bin/env node
// `pnpm manifest <command>`: see USAGE in run.ts.
import { exitWhenFlushed, tolerateBrokenOutput } from '../cli-process/index.js';
import { hintsOf } from '../errors/index.js';
import { EXIT, processIo } from './io.js';
import { run } from './run.js';

tolerateBrokenOutput();
run(process.argv.slice(2), processIo).then(exitWhenFlushed, (cause: unknown) => {
  process.stderr.write(`manifest: unexpected failure: ${cause instanceof Error ? cause.message : String(cause)}\n`);
  for (const hint of hintsOf(cause)) process.stderr.write(`  hint: ${hint}\n`);
  return exitWhenFlushed(EXIT.failure);
});
