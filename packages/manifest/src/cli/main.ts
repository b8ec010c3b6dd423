#!/usr/bin/env node
// `pnpm manifest <command>`: see USAGE in run.ts.
import { hintsOf } from '../errors/index.js';
import { EXIT, processIo } from './io.js';
import { run } from './run.js';

run(process.argv.slice(2), processIo).then(
  (code) => {
    process.exitCode = code;
  },
  (cause: unknown) => {
    process.stderr.write(`manifest: unexpected failure: ${cause instanceof Error ? cause.message : String(cause)}\n`);
    for (const hint of hintsOf(cause)) process.stderr.write(`  hint: ${hint}\n`);
    process.exitCode = EXIT.failure;
  },
);
